import { action } from "@prismatic-io/spectral";
import { z } from "zod";
import { clientFor } from "../../src/context";
import { exampleLead } from "../../src/examples";
import { connectionInput, debugRequest, fetchAll, query } from "../../src/inputs";
import { coqlPages, collect } from "../../src/pagination";
import { bool, parseInputs, requiredText } from "../../src/validate";

/** Zoho rejects COQL without a where clause; words inside quoted values do not count. */
const hasWhere = (coql: string) => /\bwhere\b/i.test(coql.replace(/'(?:[^'\\]|\\.)*'/g, "''"));

const schema = z.object({
  query: requiredText("a COQL select query").refine(hasWhere, {
    message: "Zoho requires a where clause in every COQL query: add one, e.g. `where id is not null` to read every record",
  }),
  fetchAll: bool(false),
});

export const crmRunQuery = action({
  display: {
    label: "Run COQL Query",
    description: "Run a COQL select query and return the matching rows, one call or every row (up to 100,000).",
  },
  inputs: {
    connection: connectionInput,
    query,
    fetchAll: {
      ...fetchAll,
      comments: "Read every row, 2,000 per call with limit offset, count (up to Zoho's 100,000 rows). The query's own limit is replaced.",
    },
    debugRequest,
  },
  perform: async (context, params) => {
    const input = parseInputs(schema, params, { query: "Query", fetchAll: "Fetch All" });
    const client = clientFor(context, params);
    if (input.fetchAll) {
      const { records, lastInfo } = await collect(coqlPages(client, input.query));
      return { data: { data: records, info: { count: records.length, more_records: Boolean(lastInfo.more_records) } } };
    }
    const response = await client.request({ api: "crm", method: "POST", path: "/coql", data: { select_query: input.query }, idempotent: true });
    if (response.status === 204) return { data: { data: [], info: { count: 0, more_records: false } } };
    return { data: { data: response.data.data, info: response.data.info } };
  },
  examplePayload: {
    data: {
      data: [{ Last_Name: exampleLead.Last_Name, Email: exampleLead.Email, id: exampleLead.id }],
      info: { count: 1, more_records: false },
    },
  },
});
