/** zod parsing of the notification actions' inputs, shared by enable, update and renew. */
import { z } from "zod";
import { WEEK_MS, type ChannelSettings } from "./notifications";
import { bool, jsonValue, optionalText } from "./validate";

const EVENT = /^[A-Za-z][A-Za-z0-9_]*\.(create|edit|delete|all)$/;

export const channelIdSchema = z.preprocess(
  (v) => (typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : v),
  z.string({ error: "enter the channel's numeric id" }).regex(/^\d{1,19}$/, "must be a numeric channel id, e.g. 1000000068001"),
);

export const channelSchema = z.object({
  channelId: channelIdSchema,
  events: z.preprocess(
    (v) => (typeof v === "string" ? v.split(",").map((e) => e.trim()).filter(Boolean) : v),
    z.array(z.string().regex(EVENT, "each event is Module.operation, e.g. Leads.create (operations: create, edit, delete, all)")).min(1, "list at least one event"),
  ),
  notifyUrl: z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.url({ error: "must be an https URL Zoho can reach" })),
  token: optionalText.refine((v) => v === undefined || v.length <= 50, "Zoho allows at most 50 characters"),
  channelExpiry: optionalText.refine((v) => v === undefined || !Number.isNaN(Date.parse(v)), "must be an ISO 8601 time such as 2026-11-29T10:00:00+00:00"),
  returnAffectedFieldValues: bool(true),
  notifyOnRelatedAction: bool(false),
  notificationCondition: jsonValue.pipe(z.array(z.unknown(), { error: "must be a JSON list of conditions" }).optional()),
});

export const channelLabels = {
  channelId: "Channel ID",
  events: "Events",
  notifyUrl: "Notify URL",
  token: "Verification Token",
  channelExpiry: "Channel Expiry",
  notificationCondition: "Notification Condition",
};

/** Empty expiry means a week from now, minus a minute so Zoho's clock never sees more than a week. */
export const toChannelSettings = (input: z.output<typeof channelSchema>): ChannelSettings => {
  const expiresAt = input.channelExpiry ? Date.parse(input.channelExpiry) : Date.now() + WEEK_MS - 60_000;
  return {
    channelId: input.channelId,
    events: input.events,
    notifyUrl: input.notifyUrl,
    token: input.token,
    expiresAt,
    returnAffectedFieldValues: input.returnAffectedFieldValues,
    notifyOnRelatedAction: input.notifyOnRelatedAction,
    notificationCondition: input.notificationCondition,
  };
};

/** The useful part of Zoho's answer to enable/update: the channel, its expiry and per-module details. */
export const channelResult = (channelId: string, outcome: any) => {
  const events = outcome?.details?.events ?? [];
  return { channelId, channelExpiry: events[0]?.channel_expiry ?? null, events };
};
