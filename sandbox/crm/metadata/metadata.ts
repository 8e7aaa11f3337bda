/**
 * CRM metadata: modules, fields, layouts and related lists of a module (settings APIs), the org's
 * users and the org itself. Bodies are shaped in metadataShapes.ts; errors follow each API's file in Zoho's
 * OpenAPI set (fields and layouts name the `module` parameter differently).
 */
import { crmError, noContent, ok } from "../../respond";
import type { CrmModule, SandboxState } from "../../state";
import type { Handler, Route, SandboxResponse } from "../../types";
import { answering, CrmFailure } from "../crmFailure";
import { pageOf, pageRequest } from "../records/listing";
import { fieldBody, layoutBody, moduleBody } from "./metadataShapes";
import { relatedListBody, servedRelatedLists } from "../records/related";

const INVALID_MODULE = "the module name given seems to be invalid";

const moduleIndex = (state: SandboxState, module: CrmModule) => [...state.crm.modules.values()].indexOf(module);

/** The module named by `?module=`; fields.json and layouts.json word the two errors differently. */
const moduleParam = (state: SandboxState, value: string | null, api: "fields" | "layouts"): CrmModule => {
  if (!value) {
    throw new CrmFailure(
      "REQUIRED_PARAM_MISSING",
      "One of the expected parameter is missing",
      api === "fields" ? { param_name: "module" } : { param: "module" },
    );
  }
  const module = state.crm.modules.get(value);
  if (module?.api_supported) return module;
  throw api === "fields"
    ? new CrmFailure("INVALID_MODULE", INVALID_MODULE, { api_name: "module" })
    : // layouts.json spells this code InvalidModule.
      new CrmFailure("InvalidModule", INVALID_MODULE, {});
};

const listModules: Handler = (_req, { state }) => ok({ modules: [...state.crm.modules.values()].map((m, i) => moduleBody(state, m, i)) });

const getModule: Handler = (req, { state }) => {
  const module = state.crm.modules.get(req.params.api_name);
  if (!module) return crmError(400, "INVALID_MODULE", INVALID_MODULE);
  return ok({ modules: [moduleBody(state, module, moduleIndex(state, module))] });
};

const listFields: Handler = (req, { state }) => {
  const module = moduleParam(state, req.query.get("module"), "fields");
  return ok({ fields: module.fields.map((f, i) => fieldBody(state, module, f, i)) });
};

const getField: Handler = (req, { state }) => {
  const module = moduleParam(state, req.query.get("module"), "fields");
  const index = module.fields.findIndex((f) => f.id === req.params.field || f.api_name === req.params.field);
  return index < 0 ? noContent() : ok({ fields: [fieldBody(state, module, module.fields[index], index)] });
};

const listLayouts: Handler = (req, { state }) => {
  const module = moduleParam(state, req.query.get("module"), "layouts");
  return ok({ layouts: (module.layouts ?? []).map((l) => layoutBody(state, module, l)) });
};

/** One layout by id (Zoho's SDKs read a record's layout this way); an id the module does not have is no content. */
const getLayout: Handler = (req, { state }) => {
  const module = moduleParam(state, req.query.get("module"), "layouts");
  const layout = (module.layouts ?? []).find((l) => l.id === req.params.id);
  return layout ? ok({ layouts: [layoutBody(state, module, layout)] }) : noContent();
};

/** A module's related lists, each with an id that stays the same for the life of the org. */
const relatedListsOf = (state: SandboxState, module: CrmModule) => {
  const prefix = `${module.id.slice(0, 12)}9${String(moduleIndex(state, module)).padStart(3, "0")}`;
  return servedRelatedLists(state, module).map((list, i) => relatedListBody(module, list, i, `${prefix}${String(i + 1).padStart(3, "0")}`));
};

/** related_lists.json names the parameter in `param` (and, for a missing one, common.json's `param_name` too). */
const relatedListsModule = (state: SandboxState, value: string | null): CrmModule => {
  if (!value) throw new CrmFailure("REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", { param_name: "module", param: "module" });
  const module = state.crm.modules.get(value);
  if (module?.api_supported && module.api_name !== "Notes") return module;
  throw new CrmFailure("INVALID_MODULE", INVALID_MODULE, { param: "module" });
};

// The sandbox has one layout a module, and every layout shows the same related lists, so layout_id changes nothing.
const listRelatedLists: Handler = (req, { state }) => {
  const module = relatedListsModule(state, req.query.get("module"));
  return ok({ related_lists: relatedListsOf(state, module) });
};

const getRelatedList: Handler = (req, { state }) => {
  const module = relatedListsModule(state, req.query.get("module"));
  const found = relatedListsOf(state, module).filter((l) => l.id === req.params.id);
  return found.length ? ok({ related_lists: found }) : noContent();
};

/** Which users each `type` of GET /users selects. */
const USER_TYPES: Record<string, (user: Record<string, unknown>, currentUserId?: string) => boolean> = {
  AllUsers: () => true,
  ActiveUsers: (u) => u.status === "active",
  DeactiveUsers: (u) => u.status === "disabled",
  ConfirmedUsers: (u) => u.confirm === true,
  NotConfirmedUsers: (u) => u.confirm !== true,
  DeletedUsers: (u) => u.status === "deleted",
  ActiveConfirmedUsers: (u) => u.status === "active" && u.confirm === true,
  AdminUsers: (u) => (u.profile as { name?: string } | undefined)?.name === "Administrator",
  ActiveConfirmedAdmins: (u) => u.status === "active" && u.confirm === true && (u.profile as { name?: string } | undefined)?.name === "Administrator",
  CurrentUser: (u, currentUserId) => u.id === currentUserId,
};

const listUsers: Handler = (req, { state }): SandboxResponse => {
  const type = req.query.get("type") ?? "AllUsers";
  const selects = USER_TYPES[type];
  if (!selects) return crmError(400, "INVALID_DATA", "invalid data", { api_name: "type", json_path: "type" });
  const { slice, info } = pageOf(
    state.users.filter((u) => selects(u, req.token?.userId ?? state.users[0]?.id)),
    pageRequest(req.query),
  );
  return slice.length === 0 ? noContent() : ok({ users: slice, info });
};

const getUser: Handler = (req, { state }) => {
  const user = state.users.find((u) => u.id === req.params.user);
  return user ? ok({ users: [user], info: { per_page: 200, count: 1, page: 1, more_records: false } }) : noContent();
};

const getOrg: Handler = (_req, { state }) => ok({ org: [state.org] });

const SETTINGS = (part: string) => [`ZohoCRM.settings.${part}.READ`];
const route = (pattern: string, scopes: string[], handler: Handler): Route => ({ method: "GET", pattern, api: "crm", scopes, handler: answering(handler) });

export const routes: Route[] = [
  route("/crm/v8/settings/modules", SETTINGS("modules"), listModules),
  route("/crm/v8/settings/modules/:api_name", SETTINGS("modules"), getModule),
  route("/crm/v8/settings/fields", SETTINGS("fields"), listFields),
  route("/crm/v8/settings/fields/:field", SETTINGS("fields"), getField),
  route("/crm/v8/settings/layouts", SETTINGS("layouts"), listLayouts),
  route("/crm/v8/settings/layouts/:id", SETTINGS("layouts"), getLayout),
  route("/crm/v8/settings/related_lists", SETTINGS("related_lists"), listRelatedLists),
  route("/crm/v8/settings/related_lists/:id", SETTINGS("related_lists"), getRelatedList),
  route("/crm/v8/users", ["ZohoCRM.users.READ"], listUsers),
  route("/crm/v8/users/:user", ["ZohoCRM.users.READ"], getUser),
  route("/crm/v8/org", ["ZohoCRM.org.READ"], getOrg),
];
