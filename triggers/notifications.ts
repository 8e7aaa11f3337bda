import { input, trigger, type ActionContext } from "@prismatic-io/spectral";
import { z } from "zod";
import { defaultFieldNames } from "../src/metadata";
import { clientFor } from "../src/context";
import { exampleLead, triggerExample } from "../src/examples";
import { cleanPass, cleanText, connectionInput, fields, notifyOnRelatedAction, recordType, returnAffectedFieldValues, token } from "../src/inputs";
import {
  disableChannels,
  enableChannel,
  getChannel,
  newChannelId,
  newVerificationToken,
  renewDue,
  replaceChannel,
  settingsFingerprint,
  tokensMatch,
  WEEK_MS,
  type ChannelSettings,
} from "../src/notifications";
import { bool, fieldList, jsonObject, moduleName, optionalText, parseInputs } from "../src/validate";

const operations = input({
  label: "Operations",
  type: "string",
  collection: "valuelist",
  required: true,
  default: ["all"],
  model: [
    { label: "All (create, edit, delete)", value: "all" },
    { label: "Create", value: "create" },
    { label: "Edit", value: "edit" },
    { label: "Delete", value: "delete" },
  ],
  comments: "Which record operations in the module start the flow.",
  example: "create",
  clean: cleanPass,
});

const watchFields = input({
  label: "Only When These Fields Change",
  type: "string",
  required: false,
  dataSource: "selectCrmFields",
  comments: "Optional comma-separated field API names: edits notify only when one of them changes (Zoho's field-selection condition, at most 10).",
  example: "Lead_Status,Email",
  clean: cleanText,
});

const fetchRecords = input({
  label: "Fetch Changed Records",
  type: "boolean",
  default: "false",
  comments: "Fetch the created or edited records (one call per notification) and include them as records.",
  clean: (v: unknown) => v === true || String(v) === "true",
});

const schema = z.object({
  recordType: moduleName,
  operations: z.preprocess((v) => (v === undefined || v === "" ? ["all"] : Array.isArray(v) ? v : String(v).split(",")), z.array(z.enum(["all", "create", "edit", "delete"], { error: "use all, create, edit or delete" })).min(1, "choose at least one operation")),
  watchFields: fieldList(10),
  returnAffectedFieldValues: bool(true),
  notifyOnRelatedAction: bool(false),
  token: optionalText.refine((v) => v === undefined || v.length <= 50, "Zoho allows at most 50 characters"),
  fetchRecords: bool(false),
  fields: fieldList(),
});
const labels = { recordType: "Module", operations: "Operations", watchFields: "Only When These Fields Change", token: "Verification Token", fields: "Fields" };

interface ChannelState {
  channelId: string;
  token: string;
  expiresAt: number;
  fingerprint: string;
  settings: Omit<ChannelSettings, "channelId" | "expiresAt" | "token">;
}

/** State is kept per flow, so each flow of an instance owns its own channel. */
const stateKey = (context: ActionContext) => `zohoChannel:${context.flow.id}`;

const desiredSettings = (context: ActionContext, params: Record<string, unknown>) => {
  const input = parseInputs(schema, params, labels);
  const webhookUrl = context.webhookUrls[context.flow.name];
  if (!webhookUrl) throw new Error(`No webhook URL for flow "${context.flow.name}": deploy the instance again.`);
  const settings: ChannelState["settings"] = {
    events: input.operations.map((op) => `${input.recordType}.${op}`),
    notifyUrl: webhookUrl,
    returnAffectedFieldValues: input.returnAffectedFieldValues,
    notifyOnRelatedAction: input.notifyOnRelatedAction,
    notificationCondition: input.watchFields?.length
      ? [{ type: "field_selection", module: { api_name: input.recordType }, field_selection: { group_operator: "or", group: input.watchFields.map((f) => ({ field: { api_name: f } })) } }]
      : undefined,
  };
  return { input, settings, fingerprint: settingsFingerprint({ ...settings, token: input.token }) };
};

/** Zoho's answer holds the expiry it actually set; trust it over our own clock. */
const expiryFrom = (outcome: any, fallback: number): number => {
  const stated = outcome?.details?.events?.[0]?.channel_expiry;
  return stated ? Date.parse(stated) : fallback;
};

const start = async (context: ActionContext, params: Record<string, unknown>, desired: ReturnType<typeof desiredSettings>): Promise<ChannelState> => {
  const client = clientFor(context, params as never);
  const channelId = newChannelId();
  const verification = desired.input.token ?? newVerificationToken();
  const expiresAt = Date.now() + WEEK_MS - 60_000;
  const outcome = await enableChannel(client, { channelId, token: verification, expiresAt, ...desired.settings });
  return { channelId, token: verification, expiresAt: expiryFrom(outcome, expiresAt), fingerprint: desired.fingerprint, settings: desired.settings };
};

export const notificationsTrigger = trigger({
  display: {
    label: "CRM Notifications",
    description:
      "Starts the flow when records of a CRM module are created, edited or deleted. Deploying registers a Zoho watch channel for this flow, deleting the instance removes it, and the channel is renewed so it never lapses.",
  },
  allowsBranching: true,
  staticBranchNames: ["Notification", "Rejected"],
  scheduleSupport: "invalid",
  synchronousResponseSupport: "valid",
  inputs: {
    connection: connectionInput,
    recordType,
    operations,
    watchFields,
    returnAffectedFieldValues,
    notifyOnRelatedAction,
    token,
    fetchRecords,
    fields,
  },
  webhookLifecycleHandlers: {
    create: async (context, params) => {
      const desired = desiredSettings(context, params);
      const key = stateKey(context);
      const existing = context.instanceState[key] as ChannelState | undefined;
      const client = clientFor(context, params);
      if (existing && existing.fingerprint === desired.fingerprint) {
        // Same settings: keep the channel if Zoho still has it, moving its expiry forward.
        const live = await getChannel(client, existing.channelId);
        if (live) {
          const expiresAt = Date.now() + WEEK_MS - 60_000;
          const outcome = await replaceChannel(client, { channelId: existing.channelId, token: existing.token, expiresAt, ...existing.settings });
          return { instanceState: { ...context.instanceState, [key]: { ...existing, expiresAt: expiryFrom(outcome, expiresAt) } } };
        }
      } else if (existing) {
        await disableChannels(client, [existing.channelId]);
      }
      return { instanceState: { ...context.instanceState, [key]: await start(context, params, desired) } };
    },
    delete: async (context, params) => {
      const key = stateKey(context);
      const existing = context.instanceState[key] as ChannelState | undefined;
      if (existing) await disableChannels(clientFor(context, params), [existing.channelId]);
      const { [key]: _removed, ...rest } = context.instanceState;
      return { instanceState: rest };
    },
  },
  perform: async (context, payload, params) => {
    const key = stateKey(context);
    const channel = context.instanceState[key] as ChannelState | undefined;
    const body = jsonObject.parse(payload.body.data) ?? {};
    if (!channel || !tokensMatch(channel.token, body.token) || String(body.channel_id) !== channel.channelId) {
      context.logger.warn("Rejected a call to the Zoho notifications webhook: its verification token or channel id does not match this flow's channel.");
      return {
        branch: "Rejected",
        payload: { ...payload, body: { data: null } },
        response: { statusCode: 401, contentType: "application/json", body: JSON.stringify({ error: "verification token mismatch" }) },
      };
    }
    const input = parseInputs(schema, params, labels);
    const client = clientFor(context, params);
    const notification = {
      module: String(body.module ?? ""),
      operation: String(body.operation ?? ""),
      ids: ((body.ids as unknown[]) ?? []).map(String),
      affected_fields: body.affected_fields ?? [],
      channel_id: channel.channelId,
      server_time: body.server_time,
      query_params: body.query_params,
      records: undefined as unknown[] | undefined,
    };
    if (input.fetchRecords && notification.operation !== "delete" && notification.ids.length) {
      const response = await client.request({
        api: "crm",
        path: `/${notification.module}`,
        params: { ids: notification.ids.join(","), fields: (input.fields ?? (await defaultFieldNames(client, notification.module))).join(",") },
      });
      notification.records = response.status === 204 ? [] : (response.data?.data ?? []);
    }
    // Renew from Zoho's clock (server_time) once less than half the week is left.
    const now = typeof body.server_time === "number" ? body.server_time : Date.now();
    let instanceState = context.instanceState;
    if (renewDue(channel.expiresAt, now)) {
      const expiresAt = now + WEEK_MS - 60_000;
      const outcome = await replaceChannel(client, { channelId: channel.channelId, token: channel.token, expiresAt, ...channel.settings });
      instanceState = { ...instanceState, [key]: { ...channel, expiresAt: expiryFrom(outcome, expiresAt) } };
    }
    return {
      branch: "Notification",
      payload: { ...payload, body: { data: notification } },
      response: { statusCode: 200, contentType: "application/json", body: JSON.stringify({ status: "ok" }) },
      instanceState,
    };
  },
  examplePayload: {
    branch: "Notification",
    payload: triggerExample({
      module: "Leads",
      operation: "update",
      ids: [exampleLead.id],
      affected_fields: [{ [exampleLead.id]: ["Lead_Status"] }],
      channel_id: "1000000068001",
      server_time: 1763806530000,
      query_params: {},
      records: [exampleLead],
    }),
    response: { statusCode: 200, contentType: "application/json", body: JSON.stringify({ status: "ok" }) },
    instanceState: {},
  } as never,
});
