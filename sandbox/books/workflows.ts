/**
 * Books workflow rules under /books/v3/settings/workflows: create, list, get, update and delete. A
 * rule watches one entity (invoice, contact, ...) for one kind of change (rule_type), may narrow it
 * with field criteria, and calls at most one webhook (webhookDelivery.ts makes the calls).
 *
 * Zoho publishes no OpenAPI file for these endpoints. Zoho's Books API page for workflows names
 * workflow_name, rule_type and entity as required and the ZohoBooks.settings scopes; the values of
 * rule_type, the criteria and the action entries here are the sandbox's reading of Zoho's examples
 * and help pages (documentation/zoho-books-webhooks.md says which parts are confirmed).
 */
import { ok } from "../respond";
import type { SandboxState } from "../state";
import type { Route } from "../types";
import {
  COMPARATORS,
  LIMITS,
  requireWorkflowPlan,
  RULE_TYPES,
  settingsRoutes,
  settingText,
  webhooksOf,
  WORKFLOW_ENTITIES,
  type Workflow,
  workflowsOf,
} from "./automation";
import { BooksFailure, invalidValue } from "./failure";
import { bodyOf } from "./records";
import { startWebhookDelivery } from "./webhookDelivery";

const noSuchWorkflow = () => new BooksFailure(1002, "Workflow does not exist.", 404);
const limitReached = (message: string) => new BooksFailure(4, message, 400);

const readCriteria = (value: unknown): Workflow["criteria"] => {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidValue("criteria");
  return value.map((criterion) => {
    if (!criterion || typeof criterion.field !== "string" || !/^\w{1,100}$/.test(criterion.field)) throw invalidValue("criteria.field");
    if (!COMPARATORS.includes(criterion.comparator)) throw invalidValue("criteria.comparator");
    if (criterion.value === undefined || criterion.value === null) throw invalidValue("criteria.value");
    return { field: criterion.field, comparator: criterion.comparator, value: String(criterion.value) };
  });
};

const readActions = (state: SandboxState, organizationId: string, value: unknown): Workflow["actions"] => {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidValue("actions");
  const actions = value.map((action) => {
    if (action?.action_type !== "webhook") throw invalidValue("actions.action_type");
    const id = String(action.action_id ?? "");
    if (!webhooksOf(state, organizationId).has(id)) throw new BooksFailure(1002, "Webhook does not exist.", 404);
    return { action_type: "webhook" as const, action_id: id };
  });
  if (actions.length > LIMITS.webhooksPerRule) throw limitReached(`A workflow rule can call only ${LIMITS.webhooksPerRule} webhook.`);
  return actions;
};

/** The rule a create (or, merged over the stored one, an update) describes, checked as Books checks it. */
const readWorkflow = (state: SandboxState, organizationId: string, body: Record<string, unknown>, base?: Workflow) => {
  const merged = { ...base, ...body };
  const entity = settingText(merged.entity, "entity", 100, true);
  if (!WORKFLOW_ENTITIES.has(entity)) throw invalidValue("entity");
  const ruleType = settingText(merged.rule_type, "rule_type", 50, true);
  if (!(RULE_TYPES as readonly string[]).includes(ruleType)) throw invalidValue("rule_type");
  return {
    workflow_name: settingText(merged.workflow_name, "workflow_name", 100, true),
    description: settingText(merged.description, "description", 1000),
    entity,
    rule_type: ruleType as Workflow["rule_type"],
    criteria: readCriteria(merged.criteria),
    actions: readActions(state, organizationId, merged.actions),
    is_active: merged.is_active === undefined ? true : merged.is_active === true,
  };
};

const checkLimits = (rules: Map<string, Workflow>, entity: string) => {
  if ([...rules.values()].filter((rule) => rule.entity === entity).length >= LIMITS.rulesPerEntity) {
    throw limitReached(`You can create only ${LIMITS.rulesPerEntity} workflow rules for a module.`);
  }
};

const findWorkflow = (state: SandboxState, organizationId: string, id: string): Workflow => {
  const rule = workflowsOf(state, organizationId).get(id);
  if (!rule) throw noSuchWorkflow();
  return rule;
};

export const routes: Route[] = settingsRoutes("workflows", {
  create: (req, { state, clock }, organizationId) => {
    requireWorkflowPlan(state, organizationId);
    startWebhookDelivery(state);
    const fields = readWorkflow(state, organizationId, bodyOf(req));
    const rules = workflowsOf(state, organizationId);
    checkLimits(rules, fields.entity);
    const rule: Workflow = { ...fields, workflow_id: state.nextId(), created_time: new Date(clock.now()).toISOString() };
    rules.set(rule.workflow_id, rule);
    return ok({ code: 0, message: "The workflow rule has been created.", workflow: rule }, 201);
  },
  list: (req, { state }, organizationId) => {
    const entity = req.query.get("entity");
    return ok({ code: 0, message: "success", workflows: [...workflowsOf(state, organizationId).values()].filter((rule) => !entity || rule.entity === entity) });
  },
  get: (req, { state }, organizationId) => ok({ code: 0, message: "success", workflow: findWorkflow(state, organizationId, req.params.id) }),
  update: (req, { state }, organizationId) => {
    const stored = findWorkflow(state, organizationId, req.params.id);
    Object.assign(stored, readWorkflow(state, organizationId, bodyOf(req), stored));
    return ok({ code: 0, message: "The workflow rule has been updated.", workflow: stored });
  },
  remove: (req, { state }, organizationId) => {
    findWorkflow(state, organizationId, req.params.id);
    workflowsOf(state, organizationId).delete(req.params.id);
    return ok({ code: 0, message: "The workflow rule has been deleted." });
  },
});
