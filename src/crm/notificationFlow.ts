/**
 * One flow's watch channel, as the CRM Notifications trigger keeps it: what the flow asked for,
 * the channel Zoho holds for it, and the ledger that keeps its output exactly-once (see
 * notificationRecovery.ts). State lives in the flow's instance state under a key of its own.
 */
import type { ActionContext, TriggerPayload } from "@prismatic-io/spectral";
import type { ZohoClient } from "../http/client";
import { newLedger, type Ledger, type Operation, type Recovery } from "./notificationRecovery";
import { enableChannel, getChannel, newChannelId, newVerificationToken, replaceChannel, settingsFingerprint, WEEK_MS, type ChannelSettings } from "./channels";

export interface TriggerInput {
  recordType: string;
  operations: Array<"all" | "create" | "edit" | "delete">;
  watchFields?: string[];
  returnAffectedFieldValues: boolean;
  notifyOnRelatedAction: boolean;
  token?: string;
  fetchRecords: boolean;
  fields?: string[];
}

export type Settings = Omit<ChannelSettings, "channelId" | "expiresAt" | "token">;

export interface FlowChannel {
  channelId: string;
  token: string;
  /** Epoch ms, as Zoho last stated it. */
  expiresAt: number;
  fingerprint: string;
  settings: Settings;
  module: string;
  ledger: Ledger;
  /** A catch-up still to run (set by a deploy that found the channel gone, or a long catch-up). */
  recovery?: Recovery;
  /** When the flow registered the channel (our clock). */
  since?: number;
  /** When a scheduled run last checked the channel (our clock). */
  checkedAt?: number;
}

/** A week less a minute, so Zoho's clock never sees more than its maximum. */
export const CHANNEL_LIFE_MS = WEEK_MS - 60_000;

/** State is kept per flow, so each flow of an instance owns its own channel. */
export const stateKey = (context: Pick<ActionContext, "flow">) => `zohoChannel:${context.flow.id}`;

export const channelOf = (context: Pick<ActionContext, "flow" | "instanceState">): FlowChannel | undefined => {
  const stored = context.instanceState[stateKey(context)] as FlowChannel | undefined;
  if (!stored) return undefined;
  // A channel deployed before the ledger existed starts one now.
  return { ...stored, module: stored.module ?? stored.settings.events[0]?.split(".")[0] ?? "", ledger: stored.ledger ?? newLedger(Date.now()) };
};

export const withChannel = (context: Pick<ActionContext, "flow" | "instanceState">, channel: FlowChannel | undefined): Record<string, unknown> => {
  const { [stateKey(context)]: _old, ...rest } = context.instanceState;
  return channel ? { ...rest, [stateKey(context)]: channel } : rest;
};

/** The channel settings a flow's inputs ask for, and their fingerprint (to tell a redeploy from a change). */
export const desiredSettings = (context: Pick<ActionContext, "flow" | "webhookUrls">, input: TriggerInput) => {
  const webhookUrl = context.webhookUrls[context.flow.name];
  if (!webhookUrl) throw new Error(`No webhook URL for flow "${context.flow.name}": deploy the instance again.`);
  const settings: Settings = {
    events: input.operations.map((op) => `${input.recordType}.${op}`),
    notifyUrl: webhookUrl,
    returnAffectedFieldValues: input.returnAffectedFieldValues,
    notifyOnRelatedAction: input.notifyOnRelatedAction,
    notificationCondition: input.watchFields?.length
      ? [
          {
            type: "field_selection",
            module: { api_name: input.recordType },
            field_selection: { group_operator: "or", group: input.watchFields.map((f) => ({ field: { api_name: f } })) },
          },
        ]
      : undefined,
  };
  return { settings, fingerprint: settingsFingerprint({ ...settings, token: input.token }) };
};

/** Zoho's answer holds the expiry it actually set; trust it over our own clock. */
const expiryFrom = (outcome: any, fallback: number): number => {
  const stated = outcome?.details?.events?.[0]?.channel_expiry;
  return stated ? Date.parse(stated) : fallback;
};

/** Registers a new channel for the flow; the ledger starts now (nothing before it is owed). */
export const startChannel = async (client: ZohoClient, input: TriggerInput, desired: ReturnType<typeof desiredSettings>): Promise<FlowChannel> => {
  const channelId = newChannelId();
  const token = input.token ?? newVerificationToken();
  const expiresAt = Date.now() + CHANNEL_LIFE_MS;
  const outcome = await enableChannel(client, { channelId, token, expiresAt, ...desired.settings });
  return {
    channelId,
    token,
    expiresAt: expiryFrom(outcome, expiresAt),
    fingerprint: desired.fingerprint,
    settings: desired.settings,
    module: input.recordType,
    ledger: newLedger(Date.now()),
    since: Date.now(),
  };
};

/** Moves the channel's expiry a week ahead, keeping its id, token and settings. */
export const renewChannel = async (client: ZohoClient, channel: FlowChannel): Promise<FlowChannel> => {
  const expiresAt = Date.now() + CHANNEL_LIFE_MS;
  const outcome = await replaceChannel(client, { channelId: channel.channelId, token: channel.token, expiresAt, ...channel.settings });
  return { ...channel, expiresAt: expiryFrom(outcome, expiresAt) };
};

/**
 * Enables the flow's channel again under the same id and token (so a late callback of the old
 * one still verifies). Returns the channel and when it began listening, by our clock.
 */
export const reviveChannel = async (client: ZohoClient, channel: FlowChannel): Promise<{ channel: FlowChannel; listeningSince: number }> => {
  const expiresAt = Date.now() + CHANNEL_LIFE_MS;
  const outcome = await enableChannel(client, { channelId: channel.channelId, token: channel.token, expiresAt, ...channel.settings });
  return { channel: { ...channel, expiresAt: expiryFrom(outcome, expiresAt) }, listeningSince: Date.now() };
};

/** The channel as Zoho has it now (one call), or undefined when Zoho no longer has it. */
export const liveChannel = async (client: ZohoClient, channel: FlowChannel): Promise<{ expiresAt: number } | undefined> => {
  const found = await getChannel(client, channel.channelId);
  if (!found) return undefined;
  const stated = Date.parse(String(found.channel_expiry ?? ""));
  return { expiresAt: Number.isNaN(stated) ? channel.expiresAt : stated };
};

/** What reached the webhook: a scheduled run (no body), a JSON object to verify, or something else. */
export type Incoming = { kind: "scheduled" } | { kind: "object"; body: Record<string, unknown> } | { kind: "junk"; what: string };

const isEmpty = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  value === "" ||
  (Buffer.isBuffer(value) && value.length === 0) ||
  (typeof value === "object" && !Buffer.isBuffer(value) && !Array.isArray(value) && Object.keys(value).length === 0);

const describe = (value: unknown): string => (value === null ? "null" : Array.isArray(value) ? "a JSON array" : `a JSON ${typeof value}`);

/**
 * A scheduled run carries no body at all; Zoho posts a JSON object. Anything else (text that is not
 * JSON, an array, a number, null) is junk anyone could send, answered without an error.
 */
export const classify = (payload: Pick<TriggerPayload, "body" | "rawBody">): Incoming => {
  const raw = payload.rawBody?.data;
  let data: unknown = payload.body?.data;
  if (isEmpty(data) && isEmpty(raw)) return { kind: "scheduled" };
  if (Buffer.isBuffer(data)) data = data.toString("utf8");
  if (typeof data === "string") {
    try {
      data = JSON.parse(data);
    } catch {
      return { kind: "junk", what: "a body that is not JSON" };
    }
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return { kind: "junk", what: `${describe(data)} body` };
  return { kind: "object", body: data as Record<string, unknown> };
};

const OPERATIONS: Operation[] = ["insert", "update", "delete"];

/** A verified body's operation and ids, or undefined when it is not shaped like Zoho's callback. */
export const callbackOf = (body: Record<string, unknown>): { operation: Operation; ids: string[]; serverTime?: number } | undefined => {
  const operation = body.operation as Operation;
  const ids = body.ids;
  if (!OPERATIONS.includes(operation) || !Array.isArray(ids) || !ids.every((id) => typeof id === "string" || typeof id === "number")) return undefined;
  return { operation, ids: ids.map(String), serverTime: typeof body.server_time === "number" ? body.server_time : undefined };
};
