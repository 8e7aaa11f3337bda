/**
 * Turns Books record writes into the webhook calls Books makes: after each insert, update or delete
 * of a record whose entity an active workflow rule watches with the matching rule_type (and whose
 * criteria the record meets), the rule's webhook is called with Books' default payload,
 * `{<singular>: record}`, at its URL plus its query parameters, with its headers and, when it has a
 * secret, a signature. A rule that is gone calls nothing. At most 1,000 calls a day an organization.
 *
 * The signature is the scheme Zoho documents for its finance apps' webhooks (Zoho Billing's
 * "securing webhooks" page; Books' webhook API takes the same `secret`): HMAC-SHA256 with the secret
 * over the query parameters sorted by name, each written as name then value with nothing between,
 * followed by the raw JSON body; hex in the X-Zoho-Webhook-Signature header.
 */
import { createHmac } from "node:crypto";
import { onStop, postCallback } from "../crm/callbacks";
import { booksSlice, type SandboxState, type WriteEvent } from "../state";
import { LIMITS, organizationsWithRules, type RuleType, type Webhook, webhooksOf, WORKFLOW_ENTITIES, type Workflow, workflowsOf } from "./automation";
import { recordType } from "./recordTypes";
import { type BooksRecord, collection } from "./store";

export const SIGNATURE_HEADER = "X-Zoho-Webhook-Signature";

const RULES_HEARING: Record<WriteEvent["operation"], RuleType[]> = {
  insert: ["created", "created_or_edited"],
  update: ["edited", "created_or_edited"],
  delete: ["deleted"],
};

/** Entities by the record type they watch (invoices -> invoice). */
const ENTITY_OF = new Map([...WORKFLOW_ENTITIES].map(([entity, key]) => [key, entity]));

/** What Zoho signs: sorted query parameters as name+value, then the raw body. */
export const signedText = (url: string, rawBody: string): string =>
  [...new URL(url).searchParams]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}${value}`)
    .join("") + rawBody;

export const signature = (secret: string, url: string, rawBody: string): string => createHmac("sha256", secret).update(signedText(url, rawBody)).digest("hex");

interface Snapshot {
  organizationId: string;
  record: BooksRecord;
}

/** Last known copy of each watched record, so a delete can still say what was deleted and where. */
declare module "../state" {
  interface BooksSlices {
    webhookSnapshots: Map<string, Snapshot>;
    /** organization -> webhook calls made on the day (Books limits them per day). */
    webhookCalls: Map<string, { day: string; count: number }>;
  }
}

const snapshots = booksSlice("webhookSnapshots", () => new Map<string, Snapshot>());
const callCounts = booksSlice("webhookCalls", () => new Map<string, { day: string; count: number }>());

const listening = new WeakSet<SandboxState>();

/** Subscribes to Books writes once per sandbox (the first workflow rule starts it); stop() unsubscribes. */
export const startWebhookDelivery = (state: SandboxState): void => {
  if (listening.has(state)) return;
  listening.add(state);
  snapshotExisting(state);
  const listener = (event: WriteEvent) => {
    try {
      deliver(state, event);
    } catch {
      // A call that cannot be built must not fail the write that triggered it.
    }
  };
  state.events.on("write", listener);
  onStop(state).push(() => {
    state.events.off("write", listener);
    listening.delete(state);
  });
};

/** Records that existed before the first rule (seeded data) can be deleted too. */
const snapshotExisting = (state: SandboxState) => {
  for (const [organizationId, collections] of state.books.records) {
    for (const key of ENTITY_OF.keys()) {
      for (const record of collections.get(key)?.values() ?? []) {
        snapshots(state).set(`${key}/${String(record[recordType(key).idField])}`, { organizationId, record: structuredClone(record) });
      }
    }
  }
};

const locate = (state: SandboxState, key: string, id: string, operation: WriteEvent["operation"]): Snapshot | undefined => {
  const known = snapshots(state).get(`${key}/${id}`);
  if (operation === "delete") {
    snapshots(state).delete(`${key}/${id}`);
    return known;
  }
  const organizations = known ? [known.organizationId] : state.books.organizations.map((org) => org.organization_id);
  for (const organizationId of organizations) {
    const record = collection(state, organizationId, key).get(id);
    if (record) {
      const found = { organizationId, record: structuredClone(record) };
      snapshots(state).set(`${key}/${id}`, found);
      return found;
    }
  }
  return undefined;
};

const deliver = (state: SandboxState, event: WriteEvent) => {
  const key = event.module.startsWith("books/") ? event.module.slice("books/".length) : undefined;
  const entity = key && ENTITY_OF.get(key);
  if (!key || !entity) return;
  const withRules = new Set(organizationsWithRules(state));
  for (const id of event.ids) {
    const found = locate(state, key, id, event.operation);
    if (!found || !withRules.has(found.organizationId)) continue;
    for (const rule of workflowsOf(state, found.organizationId).values()) {
      if (!rule.is_active || rule.entity !== entity || !RULES_HEARING[event.operation].includes(rule.rule_type) || !meets(rule, found.record)) continue;
      for (const action of rule.actions) {
        const webhook = webhooksOf(state, found.organizationId).get(action.action_id);
        if (webhook && withinDailyLimit(state, found.organizationId)) call(state, webhook, { [recordType(key).singular]: found.record });
      }
    }
  }
};

const meets = (rule: Workflow, record: BooksRecord): boolean =>
  rule.criteria.every(({ field, comparator, value }) => {
    const actual = record[field] === undefined || record[field] === null ? "" : String(record[field]);
    if (comparator === "equal") return actual === value;
    if (comparator === "not_equal") return actual !== value;
    return actual.toLowerCase().includes(value.toLowerCase());
  });

const withinDailyLimit = (state: SandboxState, organizationId: string): boolean => {
  const counts = callCounts(state);
  const day = new Date(state.clock.now()).toISOString().slice(0, 10);
  const today = counts.get(organizationId);
  const count = today?.day === day ? today.count : 0;
  if (count >= LIMITS.webhookCallsPerDay) return false;
  counts.set(organizationId, { day, count: count + 1 });
  return true;
};

const call = (state: SandboxState, webhook: Webhook, body: Record<string, unknown>) => {
  const target = new URL(webhook.url);
  for (const { param_name, param_value } of webhook.query_parameters) target.searchParams.append(param_name, param_value);
  const url = target.toString();
  const headers = Object.fromEntries(webhook.headers.map((pair) => [pair.param_name, pair.param_value]));
  if (webhook.secret) headers[SIGNATURE_HEADER] = signature(webhook.secret, url, JSON.stringify(body));
  postCallback(state, { kind: "books_webhook", source: webhook.webhook_id, url, body, method: webhook.method, headers });
};
