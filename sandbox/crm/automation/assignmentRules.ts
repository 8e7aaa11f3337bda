/**
 * Assignment rules: GET /settings/automation/assignment_rules[?module=] and /{id} list them (shapes of
 * assignment_rules.json), and a record insert (or an upsert that inserts) naming one as `lar_id` gets
 * its owner from the rule: round robin over the org's active users, or one fixed user.
 */
import { noContent, ok, zohoTime } from "../../respond";
import { crmSlice, type SandboxState } from "../../state";
import type { Route, SandboxRequest } from "../../types";
import { CrmFailure } from "../crmFailure";
import { crmRoute } from "../crmRoute";
import { minifiedUser, type MinifiedUser } from "../records/writes";

interface Rule {
  id: string;
  name: string;
  module: string;
  /** Users the rule hands records to in turn (one user: always that one). */
  assignees: string[];
  next: number;
  createdAt: number;
}

declare module "../../state" {
  interface CrmSlices {
    assignmentRules: Rule[];
  }
}

const rulesOf = crmSlice("assignmentRules", (state): Rule[] => {
  const users = state.users.filter((u) => u.status === "active").map((u) => u.id);
  const now = state.clock.now();
  return [
    { id: state.nextId(), name: "Leads round robin", module: "Leads", assignees: users, next: 0, createdAt: now },
    { id: state.nextId(), name: "Deals to the manager", module: "Deals", assignees: users.slice(1, 2), next: 0, createdAt: now },
  ];
});

/**
 * The owner a rule gives each inserted record, or undefined when the body names no `lar_id`. An unknown
 * rule, or one of another module, fails the whole call before anything is written.
 */
export const ownerByRule = (state: SandboxState, module: string, body: unknown): (() => MinifiedUser) | undefined => {
  const larId = (body as { lar_id?: unknown } | undefined)?.lar_id;
  if (larId === undefined || larId === null || larId === "") return undefined;
  const rule = rulesOf(state).find((r) => r.id === String(larId) && r.module === module);
  if (!rule) throw new CrmFailure("INVALID_DATA", "the assignment rule id given seems to be invalid", { api_name: "lar_id", json_path: "$.lar_id" });
  return () => {
    const userId = rule.assignees[rule.next % rule.assignees.length];
    rule.next += 1;
    return minifiedUser(state.users.find((u) => u.id === userId)!);
  };
};

const ruleBody = (state: SandboxState, rule: Rule) => {
  const admin = state.users[0];
  const by = { zuid: Number(admin.zuid ?? 0), name: minifiedUser(admin).name, id: admin.id, email: String(admin.email ?? "") };
  const assignee = minifiedUser(state.users.find((u) => u.id === rule.assignees[0]) ?? admin);
  return {
    id: rule.id,
    name: rule.name,
    api_name: rule.name.replace(/\W+/g, "_"),
    description: null,
    module: { api_name: rule.module, id: state.crm.modules.get(rule.module)?.id ?? null },
    default_assignee: { name: assignee.name, id: assignee.id },
    created_by: by,
    modified_by: by,
    created_time: zohoTime(rule.createdAt),
    modified_time: zohoTime(rule.createdAt),
  };
};

const list = (state: SandboxState, req: SandboxRequest) => {
  const module = req.query.get("module");
  if (module !== null && !state.crm.modules.get(module)?.api_supported) {
    throw new CrmFailure("INVALID_MODULE", "the module name given seems to be invalid", {});
  }
  const rules = rulesOf(state).filter((r) => module === null || r.module === module);
  return rules.length === 0 ? noContent() : ok({ assignment_rules: rules.map((r) => ruleBody(state, r)) });
};

const SCOPES = ["ZohoCRM.settings.assignment_rules.READ"];

export const routes: Route[] = [
  crmRoute("GET", "/crm/v8/settings/automation/assignment_rules", { scopes: SCOPES }, (req, ctx) => list(ctx.state, req)),
  crmRoute("GET", "/crm/v8/settings/automation/assignment_rules/:id", { scopes: SCOPES }, (req, ctx) => {
    const rule = rulesOf(ctx.state).find((r) => r.id === req.params.id);
    return rule ? ok({ assignment_rules: [ruleBody(ctx.state, rule)] }) : noContent();
  }),
];
