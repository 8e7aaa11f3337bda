/**
 * GET /crm/v8/{module}/{id}/{related_list}: the records of another module that point at this one
 * through a lookup (Accounts/{id}/Contacts lists contacts whose Account_Name is that account). The
 * relations come from the modules' lookup fields, so any module pair the metadata links works.
 * Notes and Attachments have their own routes (literal segments win).
 */
import { noContent, ok } from "../../respond";
import type { CrmModule, SandboxState } from "../../state";
import type { Route } from "../../types";
import { crmView, lookupId } from "./compare";
import { CrmFailure } from "../crmFailure";
import { crmRoute } from "../crmRoute";
import { fieldsParam, pageOf, pageRequest, pickFields } from "./listing";
import { moduleNamed, parentRecord } from "./parents";

/** The lookup field of `related` that points at `module` (the first, if several do). */
const lookupTo = (related: CrmModule | undefined, module: CrmModule) =>
  related?.fields.find((f) => f.data_type === "lookup" && f.lookup?.module.api_name === module.api_name);

/** The related list `name` under `module`: a module with a lookup field pointing at `module`. */
const relation = (state: SandboxState, module: CrmModule, name: string) => {
  const related = state.crm.modules.get(name);
  const lookup = lookupTo(related, module);
  if (!related || !lookup) {
    throw new CrmFailure("INVALID_DATA", "The relation name given seems to be invalid", { resource_path_index: 2 });
  }
  return { related, lookup: lookup.api_name };
};

/** One related list the sandbox serves under /{module}/{id}/{api_name}, with the module its records belong to. */
export interface ServedRelatedList {
  api_name: string;
  label: string;
  /** The related records' module; Attachments are no module of their own in the sandbox. */
  module?: CrmModule;
}

/**
 * Every related list a record of `module` has here, in the order Zoho's web UI shows them: Notes and
 * Attachments (their own routes, for every module), then each module with a lookup pointing at this one.
 * GET /settings/related_lists answers from this list, so the metadata never names a list this file refuses.
 */
export const servedRelatedLists = (state: SandboxState, module: CrmModule): ServedRelatedList[] => {
  const notes = state.crm.modules.get("Notes");
  const byLookup = [...state.crm.modules.values()]
    .filter((related) => related.api_supported && related.api_name !== "Notes" && lookupTo(related, module))
    .map((related) => ({ api_name: related.api_name, label: related.plural_label, module: related }));
  return [{ api_name: "Notes", label: "Notes", module: notes }, { api_name: "Attachments", label: "Attachments" }, ...byLookup];
};

/**
 * A related list as GET /settings/related_lists answers it (related_lists.json `related_list`; `visible`
 * is required there though undeclared). The sandbox keeps no sort or column choices per list, so
 * sort_by is the empty field reference and fields the empty list, as Zoho answers an uncustomized list.
 */
export const relatedListBody = (module: CrmModule, list: ServedRelatedList, index: number, id: string) => ({
  id,
  sequence_number: String(index + 1),
  display_label: list.label,
  api_name: list.api_name,
  module: { api_name: list.module?.api_name ?? list.api_name, id: list.module?.id ?? null },
  name: list.label,
  action: null,
  // Zoho's clients build the related-records URL from href, with the record id for {ENTITYID}.
  href: `${module.api_name}/{ENTITYID}/${list.api_name}`,
  type: "default",
  visible: true,
  customize_sort: false,
  customize_fields: false,
  customize_display_label: false,
  sort_by: { api_name: null, id: null },
  sort_order: null,
  fields: [],
  status: "visible",
});

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
