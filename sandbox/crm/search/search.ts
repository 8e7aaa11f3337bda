/**
 * GET /crm/v8/{module}/search with `criteria`, `email`, `phone` or `word` (first present wins).
 * Pages of at most 200 and no further than the 2,000th record, as Zoho's search allows; past that
 * Zoho answers LIMIT_REACHED, so more_records stays true at the cap to lead a client there.
 */
import { noContent, ok } from "../../respond";
import type { CrmField, CrmModule, CrmRecord } from "../../state";
import type { Route } from "../../types";
import { crmView, findField, kindOf } from "../records/compare";
import { CrmFailure } from "../crmFailure";
import { crmRoute } from "../crmRoute";
import { fieldsParam, pageRequest, pickFields } from "../records/listing";
import { moduleNamed } from "../records/parents";
import { compileCriteria, parseCriteria } from "./searchCriteria";

const SEARCH_REACHABLE = 2000;

type Matcher = (record: CrmRecord) => boolean;

const apiNames = (module: CrmModule, keep: (field: CrmField) => boolean) => module.fields.filter(keep).map((f) => f.api_name);

const digits = (value: unknown) => String(value ?? "").replace(/\D/g, "");

/** The matcher for whichever search parameter the call used. */
const matcherFor = (query: URLSearchParams, module: CrmModule): Matcher => {
  const criteria = query.get("criteria");
  if (criteria !== null) return compileCriteria(parseCriteria(criteria), module);
  const email = query.get("email");
  if (email !== null) {
    const fields = apiNames(module, (f) => f.data_type === "email");
    return (r) => fields.some((f) => String(r[f] ?? "").toLowerCase() === email.toLowerCase());
  }
  const phone = query.get("phone");
  if (phone !== null) {
    const fields = apiNames(module, (f) => f.data_type === "phone");
    return (r) => digits(phone) !== "" && fields.some((f) => digits(r[f]) === digits(phone));
  }
  const word = query.get("word");
  if (word !== null) {
    const fields = apiNames(module, (f) => kindOf(f.data_type) === "text");
    return (r) => fields.some((f) => typeof r[f] === "string" && (r[f] as string).toLowerCase().includes(word.toLowerCase()));
  }
  throw new CrmFailure("EXPECTED_PARAM_MISSING", "One of the expected parameter is missing", {
    param_names: ["criteria", "email", "phone", "word"],
  });
};

export const routes: Route[] = [
  crmRoute("GET", "/crm/v8/:module/search", { scopes: ["ZohoSearch.securesearch.READ", "ZohoCRM.modules.{module}.READ"] }, (req, ctx) => {
    const module = moduleNamed(ctx.state, req.params.module);
    const matches = matcherFor(req.query, module);
    const fields = fieldsParam(req.query, false);
    fields?.forEach((f) => {
      if (!findField(module, f)) throw new CrmFailure("INVALID_DATA", "invalid data", { api_name: f });
    });
    const { page, perPage } = pageRequest(req.query);
    const start = (page - 1) * perPage;
    if (start >= SEARCH_REACHABLE) {
      throw new CrmFailure("LIMIT_REACHED", "maximum response iteration limit reached", { limit: String(SEARCH_REACHABLE) });
    }
    const found = crmView(ctx.state).records(module.api_name).filter(matches);
    const end = Math.min(start + perPage, SEARCH_REACHABLE);
    const data = found.slice(start, end).map((r) => pickFields(r, fields));
    if (data.length === 0) return noContent();
    return ok({ data, info: { per_page: perPage, count: data.length, page, more_records: found.length > end } });
  }),
];
