import { crmRunQuery } from "../../../actions/crm/runQuery";
import { configureTestTransport } from "../../../src/http/transport";
import { connectionFor, useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { expectNoRequest, run } from "../books/harness";

const sandbox = useSandbox();
beforeAll(() => configureTestTransport({ retry: { baseDelayMs: 5, maxDelayMs: 2000 } }));
afterEach(() => sandbox().setOptions({ faults: undefined, rateLimit429: 0 }));

it("runs the query as written and returns the rows and info", async () => {
  const s = sandbox();
  const [lead] = s.seedCrm({ module: "Leads", count: 3, fields: (i) => ({ Last_Name: `Query${i}`, Email: `q${i}@example.com` }) });
  const query = "select Last_Name, Email from Leads where Last_Name = 'Query0'";
  const result = await run(crmRunQuery, s, { query });
  expect(s.log.at(-1)).toMatchObject({ method: "POST", path: "/crm/v8/coql", body: { select_query: query } });
  expect(result).toEqual({ data: { data: [{ Last_Name: "Query0", Email: "q0@example.com", id: lead.id }], info: { count: 1, more_records: false } } });
  expectSameShape(result, crmRunQuery.examplePayload);
});

it("answers no match with no rows", async () => {
  const s = sandbox();
  const result = await run(crmRunQuery, s, { query: "select Last_Name from Leads where Last_Name = 'nobody at all'" });
  expect(s.log.at(-1)?.status).toBe(204);
  expect(result).toEqual({ data: { data: [], info: { count: 0, more_records: false } } });
});

it("reads every row with Fetch All, 2,000 per call, replacing the query's own limit", async () => {
  const s = sandbox();
  const seeded = s.seedCrm({ module: "Campaigns", count: 4_500 }).map((r) => r.id);
  const before = s.log.length;
  const result = await run(crmRunQuery, s, { query: "select Campaign_Name from Campaigns where id is not null order by id limit 10", fetchAll: true });
  const sent = s.log.slice(before).map((c) => (c.body as { select_query: string }).select_query);
  expect(sent).toEqual([0, 2000, 4000].map((offset) => `select Campaign_Name from Campaigns where id is not null order by id limit ${offset}, 2000`));
  expect(result.data.data.map((r: { id: string }) => r.id)).toEqual(seeded);
  expect(result.data.info).toEqual({ count: 4_500, more_records: false });
});

it("rejects a query without a where clause (or an empty one) before sending it", async () => {
  const s = sandbox();
  await expectNoRequest(s, async () => {
    await expect(run(crmRunQuery, s, { query: "select Last_Name from Leads limit 10" })).rejects.toThrow(
      /Input "Query" \(query\): Zoho requires a where clause.*where id is not null/,
    );
    // A quoted value is not a clause.
    await expect(run(crmRunQuery, s, { query: "select Last_Name from Leads order by 'where'" })).rejects.toThrow(/requires a where clause/);
    await expect(run(crmRunQuery, s, { query: "  " })).rejects.toThrow(/enter a COQL select query/);
  });
});

it("explains Zoho's syntax errors, a missing scope, and waits out a 429", async () => {
  const s = sandbox();
  await expect(run(crmRunQuery, s, { query: "select from Leads where" })).rejects.toThrow(/SYNTAX_ERROR.*COQL query is not valid/);
  const recordsOnly = connectionFor(s, { scopes: ["ZohoCRM.modules.ALL"] });
  await expect(run(crmRunQuery, s, { query: "select Last_Name from Leads where id is not null" }, recordsOnly)).rejects.toThrow(
    /OAUTH_SCOPE_MISMATCH.*ZohoCRM\.coql\.READ/,
  );
  s.setOptions({ rateLimit429: 0.5, faults: { rate: 0, seed: 8 } });
  const before = s.log.length;
  await run(crmRunQuery, s, { query: "select Last_Name from Leads where id is not null" });
  expect(s.log.slice(before).map((c) => c.status)).toEqual([429, 200]);
});
