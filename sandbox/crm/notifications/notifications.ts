/**
 * CRM notifications: `/crm/v8/actions/watch` enables (POST), replaces (PUT), updates (PATCH, or
 * removes events with `_delete_events`), lists (GET) and disables (DELETE) watch channels. A channel
 * belongs to the data center of the token that enabled it. Deliveries: watchDelivery.ts.
 *
 * Answers follow notifications.json: a problem with one watch entry answers 202 with that entry's
 * error in `watch[]` and changes nothing; a malformed request answers 400.
 */
import { crmError, noContent, ok, recordStatus, zohoTime } from "../../respond";
import type { SandboxState } from "../../state";
import type { Handler, Route, SandboxRequest, SandboxResponse } from "../../types";
import { findField } from "../records/compare";
import { CrmFailure } from "../crmFailure";
import {
  liveChannels,
  moduleOfEvent,
  removeChannel,
  resourceUri,
  saveChannel,
  watchableModule,
  watchedModules,
  type Channel,
  type FieldSelection,
  type WatchOperation,
} from "./watchChannels";
import { startDelivery } from "./watchDelivery";
import { notSubscribed, readWatch, type WatchMode, type WatchSettings } from "./watchRequest";

export { flushDeliveries } from "../callbacks";

const MESSAGES = {
  enabled: "Successfully subscribed for actions-watch of the given module",
  updated: "Successfully updated the subscribe details",
  removed: "Successfully removed the subscribe details",
  disabled: "Successfully un-subscribed from actions-watch",
};

const LIST_LIMITS = { defaultPerPage: 200, maxPerPage: 200 };

/** A watch entry's error as Zoho lists it in `watch[]`. */
const entryError = (e: CrmFailure) => recordStatus(false, e.code, e.message, e.details);

/** Reads every entry first: one bad entry rejects the call, so a channel is never half-changed. */
const readAll = (req: SandboxRequest, state: SandboxState, mode: WatchMode): WatchSettings[] | SandboxResponse => {
  const entries = req.json?.watch;
  if (!Array.isArray(entries) || entries.length === 0) {
    return crmError(400, "MANDATORY_NOT_FOUND", "required field not found", { api_name: "watch", json_path: "$.watch" });
  }
  const read = entries.map((entry: unknown, i: number) => readWatch(state, req.dc, entry, i, mode));
  const failed = read.find((r): r is CrmFailure => r instanceof CrmFailure);
  return failed ? { status: 202, body: { watch: [entryError(failed)] } } : (read as WatchSettings[]);
};

const enableOrReplace =
  (mode: "enable" | "replace"): Handler =>
  (req, { state }) => {
    startDelivery(state);
    const read = readAll(req, state, mode);
    if (!Array.isArray(read)) return read;
    const channels = read.map((settings) => wholeChannel(req, settings));
    channels.forEach((channel) => saveChannel(state, channel));
    const message = mode === "enable" ? MESSAGES.enabled : MESSAGES.updated;
    return ok({ watch: channels.map((channel) => answer(state, channel, message)) }, mode === "enable" ? 201 : 200);
  };

const update: Handler = (req, { state }) => {
  const read = readAll(req, state, "update");
  if (!Array.isArray(read)) return read;
  const answers = read.map((settings) => {
    const channel = updatedChannel(settings);
    if (channel.events.length > 0) saveChannel(state, channel);
    else removeChannel(state, channel);
    return answer(state, channel, settings.deleteEvents ? MESSAGES.removed : MESSAGES.updated);
  });
  return ok({ watch: answers });
};

const wholeChannel = (req: SandboxRequest, s: WatchSettings): Channel => ({
  dc: req.dc,
  channelId: s.channelId,
  events: s.events ?? [],
  notifyUrl: s.notifyUrl ?? "",
  token: s.token ?? null,
  expiresAt: s.expiresAt ?? 0,
  returnAffectedFieldValues: s.returnAffectedFieldValues ?? false,
  notifyOnRelatedAction: s.notifyOnRelatedAction ?? false,
  conditions: s.conditions ?? new Map(),
});

/** PATCH keeps what it does not name; its events add to the channel's, or leave it with `_delete_events`. */
const updatedChannel = (s: WatchSettings): Channel => {
  const existing = s.existing as Channel;
  const events = s.deleteEvents ? withoutEvents(existing.events, s.events ?? []) : [...new Set([...existing.events, ...(s.events ?? [])])];
  const modules = new Set(events.map(moduleOfEvent));
  const conditions = new Map([...existing.conditions, ...(s.conditions ?? [])].filter(([module]) => modules.has(module)));
  return {
    ...existing,
    events,
    notifyUrl: s.notifyUrl ?? existing.notifyUrl,
    token: s.token === undefined ? existing.token : s.token,
    expiresAt: s.expiresAt ?? existing.expiresAt,
    returnAffectedFieldValues: s.returnAffectedFieldValues ?? existing.returnAffectedFieldValues,
    notifyOnRelatedAction: s.notifyOnRelatedAction ?? existing.notifyOnRelatedAction,
    conditions,
  };
};

const OPERATIONS: WatchOperation[] = ["create", "edit", "delete"];

/** Removing `Leads.edit` from `Leads.all` leaves create and delete; removing `Leads.all` removes every Leads event. */
const withoutEvents = (events: string[], removed: string[]): string[] =>
  events
    .flatMap((event) => {
      const module = moduleOfEvent(event);
      const touched = removed.some((r) => moduleOfEvent(r) === module && r !== `${module}.all`);
      return event === `${module}.all` && touched ? OPERATIONS.map((op) => `${module}.${op}`) : [event];
    })
    .filter((event) => !removed.includes(event) && !removed.includes(`${moduleOfEvent(event)}.all`));

const answer = (state: SandboxState, channel: Channel, message: string) =>
  recordStatus(true, "SUCCESS", message, {
    events: watchedModules(channel).map((module) => ({
      channel_expiry: zohoTime(channel.expiresAt),
      resource_uri: resourceUri(channel.dc, module),
      resource_id: watchableModule(state, module)?.id ?? "",
      resource_name: module,
      channel_id: channel.channelId,
      notification_condition: conditionsOf(state, channel, module),
    })),
  });

/** Conditions echoed as Zoho lists them: `[{type, module: {api_name, id}, field_selection}]`. */
const conditionsOf = (state: SandboxState, channel: Channel, moduleName: string) => {
  const selection = channel.conditions.get(moduleName);
  const module = watchableModule(state, moduleName);
  if (!selection || !module) return [];
  const echo = (s: FieldSelection): Record<string, unknown> =>
    "field" in s
      ? { field: { api_name: s.field, id: findField(module, s.field)?.id ?? "" }, group_operator: null, group: null }
      : { group_operator: s.operator, group: s.group.map(echo) };
  return [{ type: "field_selection", module: { api_name: module.api_name, id: module.id }, field_selection: echo(selection) }];
};

/** One entry per channel and watched module, as Zoho lists them. */
const list: Handler = (req, { state }) => {
  const channelId = req.query.get("channel_id");
  const module = req.query.get("module");
  const page = positive(req.query.get("page")) ?? 1;
  const perPage = Math.min(positive(req.query.get("per_page")) ?? LIST_LIMITS.defaultPerPage, LIST_LIMITS.maxPerPage);
  const entries = liveChannels(state)
    .filter((channel) => channel.dc === req.dc && (!channelId || channel.channelId === channelId))
    .flatMap((channel) =>
      watchedModules(channel)
        .filter((watched) => !module || watched === module)
        .map((watched) => listEntry(state, channel, watched)),
    );
  const shown = entries.slice((page - 1) * perPage, page * perPage);
  if (shown.length === 0) return noContent();
  return ok({
    watch: shown,
    info: { per_page: perPage, count: shown.length, page, more_records: entries.length > page * perPage },
  });
};

const listEntry = (state: SandboxState, channel: Channel, module: string) => {
  const conditions = conditionsOf(state, channel, module);
  return {
    channel_id: channel.channelId,
    events: channel.events.filter((event) => moduleOfEvent(event) === module),
    notify_url: channel.notifyUrl,
    token: channel.token,
    channel_expiry: zohoTime(channel.expiresAt),
    resource_uri: resourceUri(channel.dc, module),
    resource_id: watchableModule(state, module)?.id ?? "",
    resource_name: module,
    return_affected_field_values: channel.returnAffectedFieldValues,
    notify_on_related_action: channel.notifyOnRelatedAction,
    fields: null,
    ...(conditions.length > 0 ? { notification_condition: conditions } : {}),
  };
};

const positive = (text: string | null): number | undefined => {
  const n = Number(text);
  return text !== null && Number.isInteger(n) && n > 0 ? n : undefined;
};

/** `?channel_ids=1,2`: every id must name a live channel of this data center, or nothing is disabled. */
const disable: Handler = (req, { state }) => {
  const ids = (req.query.get("channel_ids") ?? "")
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean);
  if (ids.length === 0) {
    return crmError(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", {
      param_name: "channel_ids",
      param: "channel_ids",
    });
  }
  const ours = liveChannels(state).filter((channel) => channel.dc === req.dc);
  const unknown = ids.filter((id) => !ours.some((channel) => channel.channelId === id));
  if (unknown.length > 0) return { status: 202, body: { watch: unknown.map((id) => entryError(notSubscribed(id))) } };
  const disabled = ours.filter((channel) => ids.includes(channel.channelId));
  disabled.forEach((channel) => removeChannel(state, channel));
  return ok({
    watch: disabled.map((channel) => recordStatus(true, "SUCCESS", MESSAGES.disabled, { channel_id: channel.channelId })),
  });
};

const WATCH = "/crm/v8/actions/watch";

export const routes: Route[] = [
  { method: "POST", pattern: WATCH, api: "crm", scopes: ["ZohoCRM.notifications.CREATE"], handler: enableOrReplace("enable") },
  { method: "GET", pattern: WATCH, api: "crm", scopes: ["ZohoCRM.notifications.READ"], handler: list },
  {
    method: "PUT",
    pattern: WATCH,
    api: "crm",
    scopes: ["ZohoCRM.notifications.WRITE", "ZohoCRM.notifications.UPDATE"],
    handler: enableOrReplace("replace"),
  },
  {
    method: "PATCH",
    pattern: WATCH,
    api: "crm",
    scopes: ["ZohoCRM.notifications.WRITE", "ZohoCRM.notifications.UPDATE"],
    handler: update,
  },
  {
    method: "DELETE",
    pattern: WATCH,
    api: "crm",
    scopes: ["ZohoCRM.notifications.WRITE", "ZohoCRM.notifications.DELETE"],
    handler: disable,
  },
];
