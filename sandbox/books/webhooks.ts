/**
 * Books webhooks under /books/v3/settings/webhooks: create, list, get, update and delete. A webhook
 * is only an address: it fires when a workflow rule (workflows.ts) names it in its actions.
 *
 * Zoho publishes no OpenAPI file for these endpoints; the fields and limits follow Zoho's Books API
 * page for webhooks (url required, at most 5000 characters; webhook_name at most 50; description at
 * most 100; method POST, PUT or DELETE; secret 12 to 50 letters and digits). The answer shapes
 * ({code, message, webhook}) follow Books' usual shape and are not confirmed by a published file.
 */
import { ok } from "../respond";
import type { SandboxState } from "../state";
import type { Route } from "../types";
import { type Pair, requireWorkflowPlan, settingsRoutes, settingText, type Webhook, webhooksOf, WORKFLOW_ENTITIES, workflowsOf } from "./automation";
import { BooksFailure, invalidValue } from "./failure";
import { bodyOf } from "./records";

/** Books' answer for a webhook id it does not have. */
export const noSuchWebhook = () => new BooksFailure(1002, "Webhook does not exist.", 404);

const pairs = (value: unknown, name: string): Pair[] => {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidValue(name);
  return value.map((pair) => {
    if (!pair || typeof pair.param_name !== "string" || pair.param_name === "") throw invalidValue(name);
    return { param_name: pair.param_name, param_value: pair.param_value === undefined ? "" : String(pair.param_value) };
  });
};

const isHttpUrl = (value: string) => {
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

/** The webhook a create (or, merged over the stored one, an update) describes, checked as Books checks it. */
const readWebhook = (body: Record<string, unknown>, base?: Webhook): Omit<Webhook, "webhook_id" | "created_time"> => {
  const merged = { ...base, ...body };
  const url = settingText(merged.url, "url", 5000, true);
  if (!isHttpUrl(url)) throw invalidValue("url");
  const method = String(merged.method ?? "POST").toUpperCase();
  if (!["POST", "PUT", "DELETE"].includes(method)) throw invalidValue("method");
  const secret = merged.secret === undefined || merged.secret === "" ? undefined : String(merged.secret);
  if (secret !== undefined && !/^[A-Za-z0-9]{12,50}$/.test(secret)) throw invalidValue("secret");
  const entity = settingText(merged.entity, "entity", 100);
  if (entity && !WORKFLOW_ENTITIES.has(entity)) throw invalidValue("entity");
  return {
    webhook_name: settingText(merged.webhook_name, "webhook_name", 50),
    description: settingText(merged.description, "description", 100),
    entity,
    method: method as Webhook["method"],
    url,
    headers: pairs(merged.headers, "headers"),
    query_parameters: pairs(merged.query_parameters, "query_parameters"),
    body_type: settingText(merged.body_type, "body_type", 100) || "application/json",
    secret,
  };
};

/** A webhook as Books answers it: the secret is never sent back, only whether one is set. */
export const shown = ({ secret, ...webhook }: Webhook) => ({ ...webhook, is_secured: secret !== undefined });

const findWebhook = (state: SandboxState, organizationId: string, id: string): Webhook => {
  const webhook = webhooksOf(state, organizationId).get(id);
  if (!webhook) throw noSuchWebhook();
  return webhook;
};

/** Books refuses to delete a webhook a workflow rule still calls. */
const inUse = (state: SandboxState, organizationId: string, webhookId: string) =>
  [...workflowsOf(state, organizationId).values()].some((rule) => rule.actions.some((action) => action.action_id === webhookId));

export const routes: Route[] = settingsRoutes("webhooks", {
  create: (req, { state, clock }, organizationId) => {
    requireWorkflowPlan(state, organizationId);
    const webhook: Webhook = { ...readWebhook(bodyOf(req)), webhook_id: state.nextId(), created_time: new Date(clock.now()).toISOString() };
    webhooksOf(state, organizationId).set(webhook.webhook_id, webhook);
    return ok({ code: 0, message: "The webhook has been created.", webhook: shown(webhook) }, 201);
  },
  list: (_req, { state }, organizationId) => ok({ code: 0, message: "success", webhooks: [...webhooksOf(state, organizationId).values()].map(shown) }),
  get: (req, { state }, organizationId) => ok({ code: 0, message: "success", webhook: shown(findWebhook(state, organizationId, req.params.id)) }),
  update: (req, { state }, organizationId) => {
    const stored = findWebhook(state, organizationId, req.params.id);
    Object.assign(stored, readWebhook(bodyOf(req), stored));
    return ok({ code: 0, message: "The webhook has been updated.", webhook: shown(stored) });
  },
  remove: (req, { state }, organizationId) => {
    findWebhook(state, organizationId, req.params.id);
    if (inUse(state, organizationId, req.params.id)) {
      throw new BooksFailure(4, "This webhook is associated with a workflow rule. Remove it from the workflow rule and try again.");
    }
    webhooksOf(state, organizationId).delete(req.params.id);
    return ok({ code: 0, message: "The webhook has been deleted." });
  },
});
