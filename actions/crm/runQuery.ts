import { exampleLead } from "../../src/examples";
import { fetchAll, query } from "../../src/fields/crm";
import { withInput, withSchema } from "../../src/fields/field";
import { requiredText } from "../../src/fields/schemas";
import { coqlPages, collect, fetchAllInfo } from "../../src/http/pagination";
import { zohoAction } from "../../src/step";

/** Zoho rejects COQL without a where clause; words inside quoted values do not count. */
const hasWhere = (coql: string) => /\bwhere\b/i.test(coql.replace(/'(?:[^'\\]|\\.)*'/g, "''"));

const selectQuery = withSchema(query, () =>
  requiredText("a COQL select query").refine(hasWhere, {
    message: "Zoho requires a where clause in every COQL query: add one, e.g. `where id is not null` to read every record",
  }),
);

export const crmRunQuery = zohoAction({
  display: {
    label: "Run COQL Query",
    description: "Run a COQL select query and return the matching rows, one call or every row (up to 100,000).",
  },
  fields: {
    query: selectQuery,
    fetchAll: withInput(fetchAll, {
      comments: "Read every row, 2,000 per call with limit offset, count (up to Zoho's 100,000 rows). The query's own limit is replaced.",
    }),
  },
  perform: async (_context, input, client) => {
    if (input.fetchAll) {
      const { records, lastInfo } = await collect(coqlPages(client, input.query));
      return { data: { data: records, info: fetchAllInfo(records.length, lastInfo, "coql") } };
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
