/**
 * GET /crm/v8/{module}/{id}/{related_list}: the records of another module that point at this one
 * through a lookup (Accounts/{id}/Contacts lists contacts whose Account_Name is that account). The
 * relations come from the modules' lookup fields, so any module pair the metadata links works.
 * Notes and Attachments have their own routes (literal segments win).
 */
import { noContent, ok } from "../respond";
import type { CrmModule, SandboxState } from "../state";
import type { Route } from "../types";
import { crmView, lookupId } from "./compare";
import { CrmFailure } from "./crmFailure";
import { crmRoute } from "./crmRoute";
import { fieldsParam, pageOf, pageRequest, pickFields } from "./listing";
import { moduleNamed, parentRecord } from "./parents";

/** The related list `name` under `module`: a module with a lookup field pointing at `module`. */
const relation = (state: SandboxState, module: CrmModule, name: string) => {
  const related = state.crm.modules.get(name);
  const lookup = related?.fields.find((f) => f.data_type === "lookup" && f.lookup?.module.api_name === module.api_name);
  if (!related || !lookup) {
    throw new CrmFailure("INVALID_DATA", "The relation name given seems to be invalid", { resource_path_index: 2 });
  }
  return { related, lookup: lookup.api_name };
};

export const routes: Route[] = [
  crmRoute("GET", "/crm/v8/:module/:id/:related_list", { scopes: ["ZohoCRM.modules.{related_list}.READ"] }, (req, ctx) => {
    const module = moduleNamed(ctx.state, req.params.module);
    const parent = parentRecord(ctx.state, module, req.params.id);
    const { related, lookup } = relation(ctx.state, module, req.params.related_list);
    const fields = fieldsParam(req.query, true);
    const linked = crmView(ctx.state)
      .records(related.api_name)
      .filter((r) => lookupId(r[lookup]) === parent.id);
    const { slice, info } = pageOf(linked, pageRequest(req.query));
    return slice.length === 0 ? noContent() : ok({ data: slice.map((r) => pickFields(r, fields)), info });
  }),
];
