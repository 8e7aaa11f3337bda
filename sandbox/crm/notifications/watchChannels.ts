/**
 * Watch channels as Zoho keeps them: one per data center and channel id, each watching operations on
 * one or more modules until its expiry on the sandbox clock. Expired channels are dropped on sight,
 * as Zoho forgets them (re-enabling is the only way back).
 */
import { dataCenter } from "../../dataCenters";
import { crmSlice, type CrmModule, type SandboxState } from "../../state";
import type { DataCenterKey } from "../../types";

/** What `Module.<operation>` names; `all` covers the three. */
export type WatchOperation = "create" | "edit" | "delete";

/** A `field_selection`: one field, or an and/or group of selections. */
export type FieldSelection = { field: string } | { operator: "and" | "or"; group: FieldSelection[] };

export interface Channel {
  dc: DataCenterKey;
  channelId: string;
  /** As given, deduplicated: "Leads.create", "Deals.all", ... */
  events: string[];
  notifyUrl: string;
  token: string | null;
  /** Sandbox-clock epoch ms. */
  expiresAt: number;
  returnAffectedFieldValues: boolean;
  notifyOnRelatedAction: boolean;
  /** Per module: notify on edits only when the selected fields change. */
  conditions: Map<string, FieldSelection>;
}

const HOUR_MS = 60 * 60 * 1000;
/** Without channel_expiry, or with one past the maximum, a channel lives one hour. */
export const DEFAULT_EXPIRY_MS = HOUR_MS;
export const MAX_EXPIRY_MS = 7 * 24 * HOUR_MS;

const channelKey = (dc: DataCenterKey, channelId: string) => `${dc}:${channelId}`;

declare module "../../state" {
  interface CrmSlices {
    /** "dc:channel_id" -> the watch channel */
    channels: Map<string, Channel>;
  }
}

const store = crmSlice("channels", () => new Map<string, Channel>());

/** Live channels in the order they were enabled; forgets the expired ones. */
export const liveChannels = (state: SandboxState): Channel[] => {
  const channels = store(state);
  const now = state.clock.now();
  for (const [key, channel] of channels) if (channel.expiresAt <= now) channels.delete(key);
  return [...channels.values()];
};

export const findChannel = (state: SandboxState, dc: DataCenterKey, channelId: string): Channel | undefined =>
  liveChannels(state).find((c) => c.dc === dc && c.channelId === channelId);

export const saveChannel = (state: SandboxState, channel: Channel): void => {
  store(state).set(channelKey(channel.dc, channel.channelId), channel);
};

export const removeChannel = (state: SandboxState, channel: Channel): void => {
  store(state).delete(channelKey(channel.dc, channel.channelId));
};

export const moduleOfEvent = (event: string): string => event.slice(0, event.lastIndexOf("."));

/** Modules a channel watches, in the order its events name them. */
export const watchedModules = (channel: Channel): string[] => [...new Set(channel.events.map(moduleOfEvent))];

export const watches = (channel: Channel, module: string, operation: WatchOperation): boolean =>
  channel.events.includes(`${module}.${operation}`) || channel.events.includes(`${module}.all`);

/** Whether an edit that changed `changed` satisfies a field selection. */
export const selectionMatches = (selection: FieldSelection, changed: ReadonlySet<string>): boolean => {
  if ("field" in selection) return changed.has(selection.field);
  const test = (child: FieldSelection) => selectionMatches(child, changed);
  return selection.operator === "and" ? selection.group.every(test) : selection.group.some(test);
};

export const resourceUri = (dc: DataCenterKey, module: string): string => `${dataCenter(dc).apiDomain}/crm/v8/${module}`;

/** Modules a watch may name: those the org has, with notifications supported. */
export const watchableModule = (state: SandboxState, name: string): CrmModule | undefined => {
  const module = state.crm.modules.get(name);
  return module?.notification_supported ? module : undefined;
};

/**
 * What a Zoho admin (or Zoho itself) does behind the integration's back: the channel is gone, and
 * nothing tells the channel's owner. Returns whether such a live channel existed.
 */
export const dropChannel = (state: SandboxState, channelId: string, dc?: DataCenterKey): boolean => {
  const channel = liveChannels(state).find((c) => c.channelId === channelId && (dc === undefined || c.dc === dc));
  if (channel) removeChannel(state, channel);
  return channel !== undefined;
};
