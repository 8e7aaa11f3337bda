import { input, trigger, type ActionContext, type TriggerPayload } from "@prismatic-io/spectral";
import { z } from "zod/v3";
import { booksRecordType, recordOf, recordPath, type BooksRecordType } from "../src/books/catalog";
import { BooksClient, booksClientFor } from "../src/books/client";
import {
  BOOKS_EVENTS,
  CONDITION_COMPARATORS,
  EVENT_PARAMETER,
  fingerprintOf,
  INSTANT_RECORD_TYPES,
  register,
  SIGNATURE_HEADER,
  signatureMatches,
  stillRegistered,
  unregister,
  type BooksEvent,
  type FieldCondition,
  type InstantSettings,
  type Registration,
} from "../src/books/webhooks";
import { clientFor } from "../src/http/clientFor";
import { rememberSecrets } from "../src/http/redact";
import { triggerExample } from "../src/examples";
import { organizationId } from "../src/fields/books";
import { connectionInput, debugRequest } from "../src/fields/common";
import { cleanPass, cleanText, field, withInput } from "../src/fields/field";
import { optionalChoice, optionalText } from "../src/fields/schemas";
import { inputsOf, parseFields } from "../src/step";

const KEYS = INSTANT_RECORD_TYPES.map((t) => t.key) as [string, ...string[]];

const fields = {
  organizationId: withInput(organizationId, {
    comments: "The Zoho Books organization whose records start the flow. Leave empty to use the only organization, or the one marked default.",
  }),
  recordType: field(
    input({
      label: "Record Type",
      type: "string",
      required: true,
      model: INSTANT_RECORD_TYPES.map((t) => ({ label: booksRecordType(t.key)?.label ?? t.key, value: t.key })),
      comments: "The kind of Books record to watch: the record types Books workflow rules can call a webhook for.",
      example: "invoices",
      clean: cleanText,
    }),
    () => z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.enum(KEYS, { message: `must be one of ${KEYS.join(", ")} (pick it from the list)` })),
  ),
  events: field(
    input({
      label: "Events",
      type: "string",
      collection: "valuelist",
      required: true,
      default: ["created", "edited"],
      model: BOOKS_EVENTS.map((event) => ({ label: event[0].toUpperCase() + event.slice(1), value: event })),
      comments:
        "Which changes start the flow: Created, Edited (a status change such as Void is an edit) and Deleted. Each takes one of Books' 10 workflow rules of the record type.",
      example: "created",
      clean: cleanPass,
    }),
    () =>
      z.preprocess(
        (v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : String(v).split(",")).map((e) => String(e).trim()).filter(Boolean),
        z
          .array(z.enum(BOOKS_EVENTS, { message: `use ${BOOKS_EVENTS.join(", ")}` }))
          .min(1, "choose at least one event")
          .transform((events) => [...new Set(events)]),
      ),
  ),
  conditionField: field(
    input({
      label: "Only When Field",
      type: "string",
      required: false,
      comments:
        "Optional: a field of the record (Books' API name, e.g. status) that must meet the condition for the flow to start. Books checks it in the workflow rule.",
      example: "status",
      clean: cleanText,
    }),
    () => optionalText().refine((v) => v === undefined || /^\w{1,100}$/.test(v), "must be a Books field API name such as status or customer_name"),
  ),
  conditionComparator: field(
    input({
      label: "Comparator",
      type: "string",
      required: false,
      default: "equal",
      model: [
        { label: "Is", value: "equal" },
        { label: "Is not", value: "not_equal" },
        { label: "Contains", value: "contains" },
      ],
      comments: "How the field compares with the value.",
      example: "equal",
      clean: cleanText,
    }),
    () => optionalChoice(CONDITION_COMPARATORS),
  ),
  conditionValue: field(
    input({ label: "Value", type: "string", required: false, comments: "The value the field is compared with, e.g. void.", example: "void", clean: cleanText }),
    optionalText,
  ),
};

/** The field condition is the three inputs together: a field without a value (or the reverse) is a mistake. */
const conditionComplete = <T extends { conditionField?: string; conditionValue?: string }>(schema: z.ZodType<T, z.ZodTypeDef, unknown>) =>
  schema.superRefine((input, ctx) => {
    if (input.conditionField && input.conditionValue === undefined)
      ctx.addIssue({ code: "custom", path: ["conditionValue"], message: "enter the value the field is compared with, or clear Only When Field" });
    if (!input.conditionField && input.conditionValue !== undefined)
      ctx.addIssue({ code: "custom", path: ["conditionField"], message: "enter the field the value is compared with, or clear Value" });
  });

const parse = (params: unknown) => {
  const input = parseFields(fields, params, conditionComplete);
  const condition: FieldCondition | undefined = input.conditionField
    ? { field: input.conditionField, comparator: input.conditionComparator ?? "equal", value: input.conditionValue ?? "" }
    : undefined;
  return {
    organizationId: input.organizationId,
    recordType: input.recordType as InstantSettings["recordType"],
    events: input.events as BooksEvent[],
    condition,
  };
};

/** State is kept per flow, so each flow of an instance owns its own webhooks and rules. */
const stateKey = (context: Pick<ActionContext, "flow">) => `zohoBooksWebhooks:${context.flow.id}`;

const webhookUrlOf = (context: ActionContext) => {
  const url = context.webhookUrls[context.flow.name];
  if (!url) throw new Error(`No webhook URL for flow "${context.flow.name}": deploy the instance again.`);
  return url;
};

const withoutKey = (state: Record<string, unknown>, key: string) => Object.fromEntries(Object.entries(state).filter(([k]) => k !== key));

/** The body exactly as Books sent it: the signature covers these bytes, not a re-serialised copy. */
const rawText = (payload: TriggerPayload): string | undefined => {
  const data = payload.rawBody?.data;
  if (Buffer.isBuffer(data)) return data.toString("utf8");
  if (typeof data === "string") return data;
  return typeof payload.body?.data === "string" ? payload.body.data : undefined;
};

const headerValue = (headers: Record<string, string> | undefined, name: string) =>
  Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];

const jsonOf = (text: string): Record<string, unknown> | undefined => {
  try {
    const value = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
};

/** Books' default payload carries every field; a webhook sending chosen entity parameters does not. */
const isPartial = (type: BooksRecordType, record: Record<string, unknown>) =>
  (type.nameField !== undefined && record[type.nameField] === undefined) || Object.keys(record).every((key) => key === type.idField);

const rejected = (payload: TriggerPayload, why: string) => ({
  branch: "Rejected",
  payload: { ...payload, body: { data: null } },
  response: { statusCode: 401, contentType: "application/json", body: JSON.stringify({ message: why }) },
});

export const booksRecordsInstantTrigger = trigger({
  display: {
    label: "New and Updated Books Records (Instant)",
    description:
      "Starts the flow the moment a Zoho Books record (an invoice, bill, payment, contact, ...) is created, edited or deleted. Deploying creates a signed Books webhook and workflow rule for this flow, every call's signature is verified, and deleting the instance removes them.",
  },
  allowsBranching: true,
  staticBranchNames: ["Event", "Rejected"],
  scheduleSupport: "invalid",
  synchronousResponseSupport: "valid",
  inputs: { connection: connectionInput, ...inputsOf(fields), debugRequest: debugRequest.input },
  webhookLifecycleHandlers: {
    create: async (context, params) => {
      const input = parse(params);
      const books = await booksClientFor(context, params as never, input.organizationId);
      const settings: InstantSettings = {
        organizationId: books.organizationId,
        recordType: input.recordType,
        events: input.events,
        condition: input.condition,
        url: webhookUrlOf(context),
      };
      const key = stateKey(context);
      const existing = context.instanceState[key] as Registration | undefined;
      if (existing) {
        const previous = new BooksClient(books.zoho, existing.organizationId);
        // Same settings and Books still has every piece: keep them (the secret stays valid).
        if (existing.fingerprint === fingerprintOf(settings) && (await stillRegistered(previous, existing))) return { instanceState: context.instanceState };
        await unregister(previous, existing.hooks);
      }
      return { instanceState: { ...withoutKey(context.instanceState, key), [key]: await register(books, settings) } };
    },
    delete: async (context, params) => {
      const key = stateKey(context);
      const existing = context.instanceState[key] as Registration | undefined;
      if (existing) await unregister(new BooksClient(clientFor(context, params as never), existing.organizationId), existing.hooks);
      return { instanceState: withoutKey(context.instanceState, key) };
    },
  },
  perform: async (context, payload, params) => {
    const registration = context.instanceState[stateKey(context)] as Registration | undefined;
    if (registration) rememberSecrets([registration.secret]);
    const raw = rawText(payload);
    const query = payload.queryParameters ?? {};
    if (!registration || raw === undefined || !signatureMatches(registration.secret, query, raw, headerValue(payload.headers, SIGNATURE_HEADER))) {
      context.logger.warn("Rejected a call to the Zoho Books webhook: its X-Zoho-Webhook-Signature is missing or does not match this flow's secret.");
      return rejected(payload, "signature mismatch");
    }
    const input = parse(params);
    const type = booksRecordType(input.recordType)!;
    const event = query[EVENT_PARAMETER] as BooksEvent;
    const sent = jsonOf(raw)?.[type.singular] as Record<string, unknown> | undefined;
    const recordId = sent && typeof sent === "object" ? String(sent[type.idField] ?? "") : "";
    // Signed by our secret but not what this flow asked for: refuse rather than guess.
    if (!registration.hooks.some((hook) => hook.event === event) || !recordId) {
      context.logger.warn(`Rejected a signed Zoho Books call: it carries no ${type.singular} or an event this flow did not ask for.`);
      return rejected(payload, "unexpected event or record");
    }
    let record = sent!;
    let fetched = false;
    if (event !== "deleted" && isPartial(type, record)) {
      const books = new BooksClient(clientFor(context, params as never), registration.organizationId);
      record = recordOf(type, (await books.request({ path: recordPath(type, recordId, undefined) })).data);
      fetched = true;
    }
    return {
      branch: "Event",
      payload: { ...payload, body: { data: { event, organizationId: registration.organizationId, recordType: type.key, recordId, record, fetched } } },
      response: { statusCode: 200, contentType: "application/json", body: JSON.stringify({ status: "ok" }) },
    };
  },
  examplePayload: {
    branch: "Event",
    payload: triggerExample({
      event: "created",
      organizationId: "10234695",
      recordType: "invoices",
      recordId: "460000000028192",
      record: {
        invoice_id: "460000000028192",
        invoice_number: "INV-000001",
        customer_id: "460000000026049",
        customer_name: "Bowman and Co",
        status: "draft",
        total: 240,
        created_time: "2026-11-22T10:15:30+0000",
        last_modified_time: "2026-11-22T10:15:30+0000",
      },
      fetched: false,
    }),
    response: { statusCode: 200, contentType: "application/json", body: JSON.stringify({ status: "ok" }) },
  } as never,
});
