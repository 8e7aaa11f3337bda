import { trigger, type ActionContext, type TriggerPayload } from "@prismatic-io/spectral";
import { clientFor } from "../src/http/clientFor";
import { exampleLead, triggerExample } from "../src/examples";
import { connectionInput } from "../src/fields/common";
import { fields as fieldNames, recordType } from "../src/fields/crm";
import { fetchRecords, notifyOnRelatedAction, operations, returnAffectedFieldValues, verificationToken, watchFields } from "../src/fields/notifications";
import { defaultFieldNames } from "../src/crm/metadata";
import {
  callbackOf,
  channelOf,
  classify,
  desiredSettings,
  liveChannel,
  renewChannel,
  reviveChannel,
  startChannel,
  withChannel,
  type FlowChannel,
  type TriggerInput,
} from "../src/crm/notificationFlow";
import { admitCallback, recoverStep, startRecovery, type Operation, type RecoveredChange } from "../src/crm/notificationRecovery";
import { disableChannels, renewDue, tokensMatch } from "../src/crm/channels";
import { inputsOf, parseFields } from "../src/step";

const fields = {
  recordType,
  operations,
  watchFields,
  returnAffectedFieldValues,
  notifyOnRelatedAction,
  token: verificationToken,
  fetchRecords,
  fields: fieldNames,
};
const parse = (params: unknown): TriggerInput => parseFields(fields, params) as TriggerInput;

const DAY_MS = 24 * 60 * 60 * 1000;
const OK = { statusCode: 200, contentType: "application/json", body: JSON.stringify({ status: "ok" }) };
/** Zoho's operation in a callback -> the event operation the Operations input names. */
const WATCHED_AS: Record<Operation, string> = { insert: "create", update: "edit", delete: "delete" };

/** Answers a call that is not this flow's Zoho channel: one log line, nothing emitted, never a failed execution. */
const rejected = (context: ActionContext, payload: TriggerPayload, statusCode: 400 | 401, why: string) => {
  context.logger.warn(`Rejected a call to the Zoho notifications webhook (HTTP ${statusCode}): ${why}.`);
  return {
    branch: "Rejected",
    payload: { ...payload, body: { data: null } },
    response: {
      statusCode,
      contentType: "application/json",
      body: JSON.stringify({ error: statusCode === 401 ? "verification token mismatch" : "not a Zoho notification" }),
    },
  };
};

const queryParams = (channel: FlowChannel) => Object.fromEntries(new URL(channel.settings.notifyUrl).searchParams);

/** A caught-up change in the shape of a live notification, marked recovered. */
const recoveredNotification = (channel: FlowChannel, input: TriggerInput, change: RecoveredChange) => ({
  module: channel.module,
  operation: change.operation,
  ids: [change.id],
  affected_fields: [],
  channel_id: channel.channelId,
  server_time: change.at,
  query_params: queryParams(channel),
  records: input.fetchRecords && change.operation !== "delete" && change.record ? [change.record] : undefined,
  recovered: true,
});

/** Whether the flow's Operations input asks for this kind of change. */
const wanted = (input: TriggerInput, operation: Operation) => input.operations.some((op) => op === "all" || op === WATCHED_AS[operation]);

/** A Zoho callback: verified, shaped, repeats and already-emitted changes dropped, renewed when due. */
const notify = async (context: ActionContext, payload: TriggerPayload, params: Record<string, unknown>, body: Record<string, unknown>) => {
  const channel = channelOf(context);
  if (!channel || !tokensMatch(channel.token, body.token) || String(body.channel_id) !== channel.channelId) {
    return rejected(context, payload, 401, "its verification token or channel id does not match this flow's channel");
  }
  const shape = callbackOf(body);
  if (!shape) return rejected(context, payload, 400, "its token matched, but it has no operation (insert, update or delete) and ids");
  const input = parse(params);
  const serverTime = shape.serverTime ?? Date.now();
  const admitted = admitCallback(channel.ledger, { operation: shape.operation, ids: shape.ids, serverTime, channelId: channel.channelId });
  let next: FlowChannel = { ...channel, ledger: admitted.ledger };
  const client = clientFor(context, params as never);
  let notification: Record<string, unknown> | null = null;
  if (admitted.ids.length > 0) {
    const ids = new Set(admitted.ids);
    const affected = Array.isArray(body.affected_fields) ? body.affected_fields.filter((entry) => Object.keys(entry ?? {}).some((id) => ids.has(id))) : [];
    notification = {
      module: String(body.module ?? channel.module),
      operation: shape.operation,
      ids: admitted.ids,
      affected_fields: affected,
      channel_id: channel.channelId,
      server_time: body.server_time,
      query_params: body.query_params,
      records: undefined as unknown[] | undefined,
    };
    if (input.fetchRecords && shape.operation !== "delete") {
      const module = String(notification.module);
      const response = await client.request({
        api: "crm",
        path: `/${module}`,
        params: { ids: admitted.ids.join(","), fields: (input.fields ?? (await defaultFieldNames(client, module))).join(",") },
      });
      notification.records = response.status === 204 ? [] : (response.data?.data ?? []);
    }
  } else {
    context.logger.info?.(
      admitted.repeated
        ? "Zoho repeated a notification already emitted: nothing emitted again."
        : "Every change in this notification was already emitted by the catch-up: nothing emitted again.",
    );
  }
  if (serverTime - (next.checkedAt ?? next.since ?? serverTime) > 2 * DAY_MS) {
    context.logger.warn(
      "No scheduled run has checked this flow's Zoho channel for two days: set a schedule on the flow (daily is enough), or the channel lapses after a quiet week.",
    );
  }
  // Callbacks renew too, from Zoho's clock (server_time), once less than half the week is left. A failed
  // renewal must not cost the notification: the next scheduled run renews or restores the channel.
  if (renewDue(next.expiresAt, serverTime)) {
    try {
      next = await renewChannel(client, next);
    } catch (error) {
      context.logger.warn(`Could not renew the Zoho channel now (the next scheduled run will): ${(error as Error).message}`);
    }
  }
  return { branch: "Notification", payload: { ...payload, body: { data: notification } }, response: OK, instanceState: withChannel(context, next) };
};

/**
 * A scheduled run: check the channel (one call), renew it when less than half its week is left,
 * enable it again when Zoho no longer has it and catch up on what the gap hid.
 */
const maintain = async (context: ActionContext, payload: TriggerPayload, params: Record<string, unknown>) => {
  const channel = channelOf(context);
  const quiet = (instanceState: Record<string, unknown>) => ({
    branch: "Maintenance",
    payload: { ...payload, body: { data: null }, paginationState: undefined },
    response: OK,
    instanceState,
    polledNoChanges: true,
  });
  if (!channel) {
    context.logger.warn("Scheduled run: this flow has no Zoho channel yet; deploy the instance to register one.");
    return quiet(context.instanceState);
  }
  const input = parse(params);
  const client = clientFor(context, params as never);
  let next: FlowChannel = { ...channel, checkedAt: Date.now() };
  let recovery = channel.recovery;
  if (!recovery) {
    const live = await liveChannel(client, channel);
    if (live) {
      next.expiresAt = live.expiresAt;
      if (renewDue(next.expiresAt, Date.now())) next = await renewChannel(client, next);
      return quiet(withChannel(context, next));
    }
    const revived = await reviveChannel(client, next);
    next = revived.channel;
    recovery = startRecovery(next.ledger, revived.listeningSince);
    context.logger.warn(
      `Zoho no longer had channel ${channel.channelId} (expired or deleted): enabled it again; catching up on changes since ${new Date(recovery.from).toISOString()}.`,
    );
  }
  const columns = input.fetchRecords ? (input.fields ?? (await defaultFieldNames(client, next.module))) : [];
  const step = await recoverStep(client, next.module, columns, next.ledger, recovery, {
    changes: wanted(input, "insert") || wanted(input, "update"),
    deletions: wanted(input, "delete"),
  });
  next = { ...next, ledger: step.ledger, recovery: step.recovery };
  const items = step.changes.filter((change) => wanted(input, change.operation)).map((change) => recoveredNotification(next, input, change));
  if (items.length === 0 && !step.recovery) return quiet(withChannel(context, next));
  return {
    branch: "Notification",
    payload: { ...payload, body: { data: items }, paginationState: step.recovery ? { recovering: true } : undefined },
    response: OK,
    instanceState: withChannel(context, next),
  };
};

export const notificationsTrigger = trigger({
  display: {
    label: "CRM Notifications",
    description:
      "Starts the flow when records of a CRM module are created, edited or deleted. Deploying registers a Zoho watch channel for this flow and deleting the instance removes it. Set a schedule on the flow (daily is enough): each scheduled run renews the channel and, if Zoho dropped it, restores it and delivers the changes missed meanwhile.",
  },
  allowsBranching: true,
  staticBranchNames: ["Notification", "Maintenance", "Rejected"],
  scheduleSupport: "valid",
  synchronousResponseSupport: "invalid",
  // One trigger run may hold many notifications (a catch-up after a gap): each becomes its own execution.
  triggerResolverSupport: "required",
  batchConfig: { batchSize: 1 },
  triggerResolver: {
    resolveItems: (_context, result) => {
      const data = result.payload.body.data;
      return Array.isArray(data) ? data : data === null || data === undefined ? [] : [data];
    },
    getNextPaginationState: (_context, result) => (result.payload.paginationState as Record<string, unknown> | null | undefined) ?? null,
  },
  inputs: { connection: connectionInput, ...inputsOf(fields) },
  webhookLifecycleHandlers: {
    create: async (context, params) => {
      const input = parse(params);
      const desired = desiredSettings(context, input);
      const existing = channelOf(context);
      const client = clientFor(context, params as never);
      if (existing && existing.fingerprint === desired.fingerprint) {
        // Same settings: keep the channel and what the flow has been told.
        if (await liveChannel(client, existing)) return { instanceState: withChannel(context, await renewChannel(client, existing)) };
        const revived = await reviveChannel(client, existing);
        const recovery = existing.recovery ?? startRecovery(existing.ledger, revived.listeningSince);
        context.logger.warn(
          `Zoho no longer had channel ${existing.channelId}: enabled it again; the next scheduled run delivers the changes missed since ${new Date(recovery.from).toISOString()}.`,
        );
        return { instanceState: withChannel(context, { ...revived.channel, recovery }) };
      }
      if (existing) await disableChannels(client, [existing.channelId]);
      return { instanceState: withChannel(context, await startChannel(client, input, desired)) };
    },
    delete: async (context, params) => {
      const existing = channelOf(context);
      if (existing) await disableChannels(clientFor(context, params as never), [existing.channelId]);
      return { instanceState: withChannel(context, undefined) };
    },
  },
  perform: async (context, payload, params) => {
    const incoming = classify(payload);
    if (incoming.kind === "junk") return rejected(context, payload, 400, `${incoming.what} is not a Zoho notification`);
    if (incoming.kind === "scheduled") return maintain(context, payload, params);
    return notify(context, payload, params, incoming.body);
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
    response: OK,
    instanceState: {},
  } as never,
});
