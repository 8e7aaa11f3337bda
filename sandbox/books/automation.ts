/**
 * What Books' automation keeps per organization: webhooks (webhooks.ts), workflow rules
 * (workflows.ts) and the webhook calls made today (webhookDelivery.ts), with the limits and the
 * plan check they share. Limits are Zoho's Books help page on workflow limits: workflow rules only
 * on the Professional plan and above, 10 rules a module, one webhook a rule, 1,000 webhook calls a
 * day. (Its 200 rules an organization cannot be reached with 10 rules on each of these 11 entities.)
 */
import { booksSlice, type SandboxState } from "../state";
import type { Route, SandboxContext, SandboxRequest, SandboxResponse } from "../types";
import { answering, BooksFailure, invalidValue } from "./failure";
import { organizationOf } from "./organizations";

export const LIMITS = { rulesPerEntity: 10, webhooksPerRule: 1, webhookCallsPerDay: 1000 };

/**
 * Workflow entities (Books' singular names, as its API pages' examples "invoice", "bill", "contact")
 * and the record type each watches.
 */
export const WORKFLOW_ENTITIES: ReadonlyMap<string, string> = new Map([
  ["invoice", "invoices"],
  ["estimate", "estimates"],
  ["salesorder", "salesorders"],
  ["bill", "bills"],
  ["purchaseorder", "purchaseorders"],
  ["customerpayment", "customerpayments"],
  ["vendorpayment", "vendorpayments"],
  ["creditnote", "creditnotes"],
  ["contact", "contacts"],
  ["item", "items"],
  ["expense", "expenses"],
]);

export type Pair = { param_name: string; param_value: string };

export interface Webhook {
  webhook_id: string;
  webhook_name: string;
  description: string;
  entity: string;
  method: "POST" | "PUT" | "DELETE";
  url: string;
  headers: Pair[];
  query_parameters: Pair[];
  body_type: string;
  /** Never answered back once stored. */
  secret?: string;
  created_time: string;
}

export type RuleType = "created" | "edited" | "created_or_edited" | "deleted";
export const RULE_TYPES: readonly RuleType[] = ["created", "edited", "created_or_edited", "deleted"];

export type Comparator = "equal" | "not_equal" | "contains";
export const COMPARATORS: readonly Comparator[] = ["equal", "not_equal", "contains"];

export interface Workflow {
  workflow_id: string;
  workflow_name: string;
  description: string;
  entity: string;
  rule_type: RuleType;
  criteria: Array<{ field: string; comparator: Comparator; value: string }>;
  actions: Array<{ action_type: "webhook"; action_id: string }>;
  is_active: boolean;
  created_time: string;
}

declare module "../state" {
  interface BooksSlices {
    /** organization -> webhook id -> webhook */
    webhooks: Map<string, Map<string, Webhook>>;
    /** organization -> workflow id -> workflow rule */
    workflows: Map<string, Map<string, Workflow>>;
    /** Organizations whose plan has no workflow rules (Books Free and Standard); tests put ids here. */
    plansWithoutWorkflows: Set<string>;
  }
}

const allWebhooks = booksSlice("webhooks", () => new Map<string, Map<string, Webhook>>());
const allWorkflows = booksSlice("workflows", () => new Map<string, Map<string, Workflow>>());

const perOrganization = <T>(all: Map<string, Map<string, T>>, organizationId: string): Map<string, T> => {
  let found = all.get(organizationId);
  if (!found) all.set(organizationId, (found = new Map()));
  return found;
};

export const webhooksOf = (state: SandboxState, organizationId: string) => perOrganization(allWebhooks(state), organizationId);
export const workflowsOf = (state: SandboxState, organizationId: string) => perOrganization(allWorkflows(state), organizationId);

/** Every organization with workflow rules, for delivery. */
export const organizationsWithRules = (state: SandboxState): string[] =>
  [...(state.books.workflows ?? new Map<string, Map<string, Workflow>>()).entries()].filter(([, rules]) => rules.size > 0).map(([id]) => id);

const plansWithoutWorkflows = booksSlice("plansWithoutWorkflows", () => new Set<string>());

export const setWorkflowPlan = (state: SandboxState, organizationId: string, available: boolean): void => {
  if (available) plansWithoutWorkflows(state).delete(organizationId);
  else plansWithoutWorkflows(state).add(organizationId);
};

/**
 * Books refuses automation settings on a plan without workflow rules. Zoho documents the plans, not
 * the error: the sandbox answers code 1051 with a message that names the plan.
 */
export const requireWorkflowPlan = (state: SandboxState, organizationId: string): void => {
  if (plansWithoutWorkflows(state).has(organizationId)) {
    throw new BooksFailure(
      1051,
      "Workflow rules and webhooks are not available in your current plan. Upgrade to the Professional plan or above to use them.",
      400,
    );
  }
};

const SETTINGS_SCOPES = (operation: "READ" | "CREATE" | "UPDATE" | "DELETE") => ["ZohoBooks.fullaccess.all", `ZohoBooks.settings.${operation}`];

type SettingsHandler = (req: SandboxRequest, ctx: SandboxContext, organizationId: string) => SandboxResponse;

/**
 * The five routes of a settings collection (/books/v3/settings/<collection>[/:id]): create, list,
 * get, update and delete, each in the organization the call names, under the ZohoBooks.settings scopes.
 */
export const settingsRoutes = (
  collection: "webhooks" | "workflows",
  handlers: { create: SettingsHandler; list: SettingsHandler; get: SettingsHandler; update: SettingsHandler; remove: SettingsHandler },
): Route[] => {
  const base = `/books/v3/settings/${collection}`;
  const route = (method: Route["method"], pattern: string, operation: Parameters<typeof SETTINGS_SCOPES>[0], handler: SettingsHandler): Route => ({
    method,
    pattern,
    api: "books",
    scopes: SETTINGS_SCOPES(operation),
    ...(method === "GET" ? {} : { write: true }),
    handler: answering((req, ctx) => handler(req, ctx, organizationOf(req, ctx).organization_id)),
  });
  return [
    route("POST", base, "CREATE", handlers.create),
    route("GET", base, "READ", handlers.list),
    route("GET", `${base}/:id`, "READ", handlers.get),
    route("PUT", `${base}/:id`, "UPDATE", handlers.update),
    route("DELETE", `${base}/:id`, "DELETE", handlers.remove),
  ];
};

/** A text setting: Books answers "Invalid value passed for <name>" when it is missing (and required), not text, or too long. */
export const settingText = (value: unknown, name: string, max: number, required = false): string => {
  if (value === undefined || value === null || value === "") {
    if (required) throw invalidValue(name);
    return "";
  }
  if (typeof value !== "string" || value.length > max) throw invalidValue(name);
  return value;
};
