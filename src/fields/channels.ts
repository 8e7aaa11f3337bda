/** Fields of the watch-channel actions (enable, update, renew, disable), and the settings they make. */
import { input } from "@prismatic-io/spectral";
import { z } from "zod/v3";
import { WEEK_MS, type ChannelSettings } from "../crm/channels";
import { cleanPass, cleanText, field } from "./field";
import { notifyOnRelatedAction, returnAffectedFieldValues, verificationToken } from "./notifications";
import { jsonValue, moduleName, optionalTime } from "./schemas";

const EVENT = /^[A-Za-z][A-Za-z0-9_]*\.(create|edit|delete|all)$/;

export const channelIdSchema = () =>
  z.preprocess(
    (v) => (typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : v),
    z.string({ message: "enter the channel's numeric id" }).regex(/^\d{1,19}$/, "must be a numeric channel id, e.g. 1000000068001"),
  );

/** Empty text is no filter. */
const optional = <T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

export const channelId = field(
  input({
    label: "Channel ID",
    type: "string",
    required: true,
    dataSource: "selectNotificationChannel",
    comments: "The numeric id of the Zoho watch channel.",
    example: "1000000068001",
    clean: cleanText,
  }),
  channelIdSchema,
);

export const events = field(
  input({
    label: "Events",
    type: "string",
    collection: "valuelist",
    required: true,
    comments: "Events to watch, as Module.operation with operation create, edit, delete or all.",
    example: "Leads.create",
    clean: cleanPass,
  }),
  () =>
    z.preprocess(
      (v) =>
        typeof v === "string"
          ? v
              .split(",")
              .map((e) => e.trim())
              .filter(Boolean)
          : v,
      z
        .array(z.string().regex(EVENT, "each event is Module.operation, e.g. Leads.create (operations: create, edit, delete, all)"))
        .min(1, "list at least one event"),
    ),
);

export const notifyUrl = field(
  input({
    label: "Notify URL",
    type: "string",
    required: true,
    comments: "The URL Zoho posts notifications to, e.g. a flow's webhook URL.",
    example: "https://hooks.prismatic.io/trigger/SW5zdGFuY2VGbG93Q29uZmlnOjEyMw==",
    clean: cleanText,
  }),
  () =>
    z.preprocess(
      (v) => (typeof v === "string" ? v.trim() : v),
      z.string({ message: "must be an https URL Zoho can reach" }).url("must be an https URL Zoho can reach"),
    ),
);

/** The trigger's token field, without its "empty makes a random one" (these actions send none then). */
export const token = field(
  input({
    label: "Verification Token",
    type: "password",
    required: false,
    comments: "Up to 50 characters Zoho echoes back in every notification so the receiver can tell real calls from forged ones.",
    example: "b1f0c3d2e4",
    clean: cleanText,
  }),
  verificationToken.schema,
);

export const channelExpiry = field(
  input({
    label: "Channel Expiry",
    type: "string",
    required: false,
    comments: "When Zoho should stop the channel (ISO 8601, at most one week ahead). Empty = one week from now.",
    example: "2026-11-29T10:00:00+00:00",
    clean: cleanText,
  }),
  () => optionalTime("2026-11-29T10:00:00+00:00"),
);

export const notificationCondition = field(
  input({
    label: "Notification Condition",
    type: "code",
    language: "json",
    required: false,
    comments: "Optional JSON list of Zoho notification conditions, e.g. notify only when certain fields change.",
    example: JSON.stringify([
      { type: "field_selection", module: { api_name: "Leads" }, field_selection: { group_operator: "or", group: [{ field: { api_name: "Lead_Status" } }] } },
    ]),
    clean: cleanPass,
  }),
  () => jsonValue().pipe(z.array(z.unknown(), { message: "must be a JSON list of conditions" }).optional()),
);

/** Every setting of a channel, as enable and update take them. */
export const channelFields = { channelId, events, notifyUrl, token, channelExpiry, returnAffectedFieldValues, notifyOnRelatedAction, notificationCondition };

/** Filters of Get Notification Details. */
export const channelFilter = field(
  input({
    label: "Channel ID",
    type: "string",
    required: false,
    dataSource: "selectNotificationChannel",
    comments: "Optional: only this channel. Empty: every channel of the org.",
    example: "1000000068001",
    clean: cleanText,
  }),
  () => optional(channelIdSchema()),
);

export const moduleFilter = field(
  input({
    label: "Module",
    type: "string",
    required: false,
    dataSource: "selectCrmModule",
    comments: "Optional: only channels watching this module.",
    example: "Leads",
    clean: cleanText,
  }),
  () => optional(moduleName()),
);

interface ChannelInput {
  channelId: string;
  events: string[];
  notifyUrl: string;
  token?: string;
  channelExpiry?: string;
  returnAffectedFieldValues: boolean;
  notifyOnRelatedAction: boolean;
  notificationCondition?: unknown[];
}

/** Empty expiry means a week from now, minus a minute so Zoho's clock never sees more than a week. */
export const toChannelSettings = (input: ChannelInput): ChannelSettings => ({
  channelId: input.channelId,
  events: input.events,
  notifyUrl: input.notifyUrl,
  token: input.token,
  expiresAt: input.channelExpiry ? Date.parse(input.channelExpiry) : Date.now() + WEEK_MS - 60_000,
  returnAffectedFieldValues: input.returnAffectedFieldValues,
  notifyOnRelatedAction: input.notifyOnRelatedAction,
  notificationCondition: input.notificationCondition,
});

/** The useful part of Zoho's answer to enable/update: the channel, its expiry and per-module details. */
export const channelResult = (channelId: string, outcome: any) => {
  const events = outcome?.details?.events ?? [];
  return { channelId, channelExpiry: events[0]?.channel_expiry ?? null, events };
};
