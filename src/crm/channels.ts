/**
 * Zoho CRM watch channels, written once for the notification actions and the trigger.
 * A channel lives at most one week; keeping it alive is the caller's job (see renewDue).
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import type { ZohoClient } from "../http/client";
import { ZohoError } from "../http/errors";
import { formatZohoTime } from "../http/time";

export const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export interface ChannelSettings {
  channelId: string;
  events: string[];
  notifyUrl: string;
  token?: string;
  /** Epoch ms; Zoho's default is one hour, its maximum one week. */
  expiresAt?: number;
  returnAffectedFieldValues?: boolean;
  notifyOnRelatedAction?: boolean;
  notificationCondition?: unknown[];
}

const watchBody = (s: ChannelSettings) => ({
  watch: [
    {
      channel_id: Number(s.channelId),
      events: s.events,
      notify_url: s.notifyUrl,
      ...(s.token ? { token: s.token } : {}),
      ...(s.expiresAt ? { channel_expiry: formatZohoTime(s.expiresAt) } : {}),
      ...(s.returnAffectedFieldValues !== undefined ? { return_affected_field_values: s.returnAffectedFieldValues } : {}),
      ...(s.notifyOnRelatedAction !== undefined ? { notify_on_related_action: s.notifyOnRelatedAction } : {}),
      ...(s.notificationCondition?.length ? { notification_condition: s.notificationCondition } : {}),
    },
  ],
});

/** Zoho answers per channel; a non-success entry is a failure even inside a 200. */
const firstOutcome = (body: any, what: string) => {
  const outcome = body?.watch?.[0];
  if (outcome && outcome.status !== "success") {
    throw new ZohoError(
      `Zoho refused to ${what} the notification channel: ${outcome.code}: ${outcome.message}${outcome.details ? ` ${JSON.stringify(outcome.details)}` : ""}`,
      {
        code: outcome.code,
        zohoDetails: outcome.details,
      },
    );
  }
  return outcome;
};

export const enableChannel = async (client: ZohoClient, settings: ChannelSettings) => {
  const response = await client.request({ api: "crm", method: "POST", path: "/actions/watch", data: watchBody(settings) });
  return firstOutcome(response.data, "enable");
};

/** Replace a channel's settings (PUT), e.g. to move its expiry forward. */
export const replaceChannel = async (client: ZohoClient, settings: ChannelSettings) => {
  const response = await client.request({ api: "crm", method: "PUT", path: "/actions/watch", data: watchBody(settings) });
  return firstOutcome(response.data, "update");
};

/** Update some settings (PATCH); with deleteEvents only the listed events are removed. */
export const patchChannel = async (client: ZohoClient, settings: Partial<ChannelSettings> & { channelId: string }, deleteEvents = false) => {
  const body = watchBody({ events: [], notifyUrl: "", ...settings } as ChannelSettings);
  const entry: Record<string, unknown> = body.watch[0];
  if (!settings.events?.length) delete entry.events;
  if (!settings.notifyUrl) delete entry.notify_url;
  if (deleteEvents) entry._delete_events = true;
  const response = await client.request({ api: "crm", method: "PATCH", path: "/actions/watch", data: body });
  return firstOutcome(response.data, "update");
};

/** Channel details; undefined when Zoho no longer has the channel (expired or disabled). */
export const getChannel = async (client: ZohoClient, channelId: string): Promise<Record<string, any> | undefined> =>
  (await listChannels(client, { channel_id: channelId })).find((w) => String(w.channel_id) === String(channelId));

/** Every channel matching the filter, following info.more_records (the old component sent channelId and read one page). */
export const listChannels = async (client: ZohoClient, filter: { channel_id?: string; module?: string }): Promise<Array<Record<string, any>>> => {
  const channels: Array<Record<string, any>> = [];
  for (let page = 1; ; page += 1) {
    const response = await client.request({ api: "crm", path: "/actions/watch", params: { ...filter, page, per_page: 200 } });
    if (response.status === 204) return channels;
    channels.push(...(response.data?.watch ?? []));
    if (!response.data?.info?.more_records) return channels;
  }
};

/** Disable whole channels; channels that are already gone are not an error. */
export const disableChannels = async (client: ZohoClient, channelIds: string[]) => {
  try {
    const response = await client.request({ api: "crm", method: "DELETE", path: "/actions/watch", params: { channel_ids: channelIds.join(",") } });
    return (response.data?.watch ?? []).map((w: any) => ({
      channelId: String(w.details?.channel_id ?? ""),
      status: w.status,
      code: w.code,
      message: w.message,
    }));
  } catch (error) {
    if (error instanceof ZohoError && (error.details.status === 404 || error.details.code === "NOT_SUBSCRIBED" || error.details.code === "INVALID_DATA"))
      return [];
    throw error;
  }
};

/** A random channel id: unique per flow and deploy, never derived from the clock. */
export const newChannelId = (): string => String(1_000_000_000_000 + randomInt(0, 2 ** 47));

/** A random verification token within Zoho's 50-character limit. */
export const newVerificationToken = (): string => randomBytes(24).toString("base64url");

/** Constant-time token comparison; different lengths compare as unequal without leaking where. */
export const tokensMatch = (expected: string, given: unknown): boolean => {
  if (typeof given !== "string") return false;
  const a = createHash("sha256").update(expected).digest();
  const b = createHash("sha256").update(given).digest();
  return timingSafeEqual(a, b);
};

/** Renew when less than half of the channel's lifetime is left. */
export const renewDue = (expiresAt: number, now: number, lifetimeMs = WEEK_MS): boolean => expiresAt - now < lifetimeMs / 2;

/** A stable fingerprint of what a deploy asked for, to tell a redeploy with the same settings from a change. */
export const settingsFingerprint = (settings: Omit<ChannelSettings, "channelId" | "expiresAt" | "token"> & { token?: string }): string =>
  createHash("sha256").update(JSON.stringify(settings)).digest("hex").slice(0, 16);
