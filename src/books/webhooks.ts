/**
 * Instant Zoho Books events: a Books webhook (an address with a signing secret) that a Books
 * workflow rule calls when a record of its entity is created, edited or deleted. One webhook and one
 * rule per event, so the event is a signed query parameter of the call and never a guess; all of a
 * flow's webhooks share one random secret. What Zoho documents and what is our reading of it:
 * documentation/zoho-books-webhooks.md.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { BooksClient } from "./client";
import { ZohoError } from "../http/errors";
import { rememberSecrets } from "../http/redact";

/** The record types Books workflow rules watch, with the entity name Books' workflow API takes. */
export const INSTANT_RECORD_TYPES = [
  { key: "invoices", entity: "invoice" },
  { key: "estimates", entity: "estimate" },
  { key: "salesorders", entity: "salesorder" },
  { key: "bills", entity: "bill" },
  { key: "purchaseorders", entity: "purchaseorder" },
  { key: "customerpayments", entity: "customerpayment" },
  { key: "vendorpayments", entity: "vendorpayment" },
  { key: "creditnotes", entity: "creditnote" },
  { key: "contacts", entity: "contact" },
  { key: "items", entity: "item" },
  { key: "expenses", entity: "expense" },
] as const;

export type InstantRecordType = (typeof INSTANT_RECORD_TYPES)[number]["key"];

export const BOOKS_EVENTS = ["created", "edited", "deleted"] as const;
export type BooksEvent = (typeof BOOKS_EVENTS)[number];

export const CONDITION_COMPARATORS = ["equal", "not_equal", "contains"] as const;
export interface FieldCondition {
  field: string;
  comparator: (typeof CONDITION_COMPARATORS)[number];
  value: string;
}

/** The signed query parameter that names the event of a call. */
export const EVENT_PARAMETER = "zoho_event";
export const SIGNATURE_HEADER = "x-zoho-webhook-signature";

export interface InstantSettings {
  organizationId: string;
  recordType: InstantRecordType;
  events: BooksEvent[];
  condition?: FieldCondition;
  /** The flow's webhook URL. */
  url: string;
}

/** What a deploy created, kept in the flow's instance state. */
export interface Registration {
  organizationId: string;
  fingerprint: string;
  /** Only ever in instance state: never logged, never in a step's output. */
  secret: string;
  hooks: Array<{ event: BooksEvent; webhookId: string; workflowId: string }>;
}

export const entityOf = (recordType: InstantRecordType): string => INSTANT_RECORD_TYPES.find((t) => t.key === recordType)!.entity;

/** A stable fingerprint of what a deploy asked for, to tell a redeploy with the same settings from a change. */
export const fingerprintOf = (settings: InstantSettings): string =>
  createHash("sha256")
    .update(JSON.stringify([settings.organizationId, settings.recordType, [...settings.events].sort(), settings.condition ?? null, settings.url]))
    .digest("hex")
    .slice(0, 16);

/** Books takes a secret of 12 to 50 letters and digits; 40 hex characters carry 160 random bits. */
export const newWebhookSecret = (): string => randomBytes(20).toString("hex");

/** What Zoho signs: the query parameters sorted by name, each as name then value, then the raw body. */
export const signedText = (query: Record<string, unknown>, rawBody: string): string =>
  Object.keys(query)
    .sort()
    .flatMap((name) => (Array.isArray(query[name]) ? (query[name] as unknown[]) : [query[name]]).map((value) => `${name}${String(value ?? "")}`))
    .join("") + rawBody;

export const signatureOf = (secret: string, query: Record<string, unknown>, rawBody: string): string =>
  createHmac("sha256", secret).update(signedText(query, rawBody)).digest("hex");

/** Constant time whatever the given value: both sides are hashed to one length before comparing. */
export const signatureMatches = (secret: string, query: Record<string, unknown>, rawBody: string, given: unknown): boolean => {
  if (typeof given !== "string" || given === "") return false;
  const expected = createHash("sha256")
    .update(signatureOf(secret, query, rawBody))
    .digest();
  const actual = createHash("sha256").update(given.trim().toLowerCase()).digest();
  return timingSafeEqual(expected, actual);
};

// Books calls --------------------------------------------------------------------------------------

const SETTINGS_SCOPE_HINT =
  "the connection lacks the ZohoBooks.settings scope (ZohoBooks.settings.ALL, or ZohoBooks.settings.CREATE, READ and DELETE) that Books' webhook and workflow APIs need: add it to the connection's Scopes and reconnect";

/** Books' refusals of its automation APIs, said in what-to-do terms. */
export const explainSettingsError = (error: unknown): unknown => {
  if (!(error instanceof ZohoError)) return error;
  const { code, zohoMessage = "" } = error.details;
  if (code === 57) return new ZohoError(`Zoho Books refused to manage webhooks and workflow rules: ${SETTINGS_SCOPE_HINT}.`, error.details);
  if (/\bplan\b/i.test(zohoMessage)) {
    return new ZohoError(
      `This Zoho Books organization's plan has no workflow rules or webhooks (Books offers them on the Professional plan and above; Books said: ${zohoMessage}). Upgrade the plan, or use the polling trigger "New and Updated Books Records" instead.`,
      error.details,
    );
  }
  return error;
};

const settingsCall = async <T>(call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    throw explainSettingsError(error);
  }
};

/** Books answers an id it does not have with 404 and code 1002; for removal that is success. */
const gone = (error: unknown) => error instanceof ZohoError && (error.details.status === 404 || error.details.code === 1002);

const removeIgnoringGone = async (books: BooksClient, path: string) => {
  try {
    await settingsCall(() => books.request({ method: "DELETE", path }));
  } catch (error) {
    if (!gone(error)) throw error;
  }
};

const createHook = async (books: BooksClient, settings: InstantSettings, secret: string, event: BooksEvent) => {
  const entity = entityOf(settings.recordType);
  const name = `Prismatic ${entity} ${event}`;
  const webhook = await settingsCall(() =>
    books.request({
      method: "POST",
      path: "/settings/webhooks",
      data: {
        webhook_name: name.slice(0, 50),
        description: "Starts a Prismatic flow; created and removed by the flow's deploys.",
        entity,
        method: "POST",
        url: settings.url,
        secret,
        body_type: "application/json",
        query_parameters: [{ param_name: EVENT_PARAMETER, param_value: event }],
      },
    }),
  );
  const webhookId = String(webhook.data?.webhook?.webhook_id ?? "");
  if (!webhookId)
    throw new ZohoError("Zoho Books created the webhook but did not answer its id; delete it in Books' settings (Automation > Webhooks) and deploy again.");
  try {
    const rule = await settingsCall(() =>
      books.request({
        method: "POST",
        path: "/settings/workflows",
        data: {
          workflow_name: name,
          description: "Calls the Prismatic flow's webhook; created and removed by the flow's deploys.",
          entity,
          rule_type: event,
          criteria: settings.condition ? [settings.condition] : [],
          actions: [{ action_type: "webhook", action_id: webhookId }],
        },
      }),
    );
    const workflowId = String(rule.data?.workflow?.workflow_id ?? "");
    if (!workflowId)
      throw new ZohoError(
        "Zoho Books created the workflow rule but did not answer its id; delete it in Books' settings (Automation > Workflow Rules) and deploy again.",
      );
    return { event, webhookId, workflowId };
  } catch (error) {
    // No webhook without its rule is left behind.
    await removeIgnoringGone(books, `/settings/webhooks/${webhookId}`).catch(() => undefined);
    throw error;
  }
};

/** Removes the rules first (Books refuses to delete a webhook a rule still calls), then the webhooks; gone ones are fine. */
export const unregister = async (books: BooksClient, hooks: Registration["hooks"]): Promise<void> => {
  for (const hook of hooks) await removeIgnoringGone(books, `/settings/workflows/${hook.workflowId}`);
  for (const hook of hooks) await removeIgnoringGone(books, `/settings/webhooks/${hook.webhookId}`);
};

/** Creates a webhook and a rule per event; when one fails, what was already created is removed again. */
export const register = async (books: BooksClient, settings: InstantSettings): Promise<Registration> => {
  const secret = newWebhookSecret();
  // Masked from here on in debug logs and errors, like the connection's own tokens.
  rememberSecrets([secret]);
  const hooks: Registration["hooks"] = [];
  try {
    for (const event of settings.events) hooks.push(await createHook(books, settings, secret, event));
  } catch (error) {
    await unregister(books, hooks).catch(() => undefined);
    throw error;
  }
  return { organizationId: settings.organizationId, fingerprint: fingerprintOf(settings), secret, hooks };
};

/** Whether Books still has every rule and webhook of a registration (someone may have deleted one in Books). */
export const stillRegistered = async (books: BooksClient, registration: Registration): Promise<boolean> => {
  const present = async (path: string) => {
    try {
      await settingsCall(() => books.request({ path }));
      return true;
    } catch (error) {
      if (gone(error)) return false;
      throw error;
    }
  };
  for (const hook of registration.hooks) {
    if (!(await present(`/settings/workflows/${hook.workflowId}`)) || !(await present(`/settings/webhooks/${hook.webhookId}`))) return false;
  }
  return true;
};
