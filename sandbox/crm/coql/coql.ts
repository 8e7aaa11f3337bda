/**
 * POST /crm/v8/coql: Zoho's query API. Parsing lives in coqlParser.ts and evaluation in
 * coqlExecutor.ts; this route reads the body and answers 204 when no row matches.
 */
import { scopeMismatch } from "../../apiErrors";
import { noContent, ok } from "../../respond";
import { hasScope } from "../../scopes";
import type { Route } from "../../types";
import { crmView } from "../records/compare";
import { executeCoql } from "./coqlExecutor";
import { parseCoql } from "./coqlParser";
import { CrmFailure } from "../crmFailure";
import { crmRoute } from "../crmRoute";

export const routes: Route[] = [
  crmRoute("POST", "/crm/v8/coql", { scopes: ["ZohoCRM.coql.READ"] }, (req, ctx) => {
    const query = req.json?.select_query;
    if (typeof query !== "string" || query.trim() === "") {
      throw new CrmFailure("MANDATORY_NOT_FOUND", "required field not found", {
        api_name: "select_query",
        json_path: "$.select_query",
      });
    }
    const parsed = parseCoql(query);
    // Besides coql.READ, Zoho wants read access to the module queried.
    if (!hasScope(req.token?.scopes ?? [], [`ZohoCRM.modules.${parsed.module}.READ`])) return scopeMismatch("crm");
    const { rows, moreRecords } = executeCoql(parsed, crmView(ctx.state));
    if (rows.length === 0) return noContent();
    return ok({ data: rows, info: { count: rows.length, more_records: moreRecords } });
  }),
];
