/**
 * Zoho's caps said out loud (issue 19, item 2): Fetch All that stops at the records list's 100,000,
 * search's 2,000 or COQL's 100,000 answers `more_records: true` with what to do next, never a
 * silent `more_records: false`. The sandbox models each cap (page tokens reach 100,000 records,
 * search 2,000 matches, COQL offsets 100,000 rows); 100,250 leads are seeded in memory once.
 */
import { invoke } from "@prismatic-io/spectral/dist/testing";
import { crmGetRecords } from "../../actions/crm/getRecords";
import { crmRunQuery } from "../../actions/crm/runQuery";
import { crmSearchRecords } from "../../actions/crm/searchRecords";
import { connectionFor, useSandbox } from "../helpers/sandbox";

const sandbox = useSandbox();
const TOTAL = 100_250;

beforeAll(() => {
  sandbox().seedCrm({ module: "Leads", count: TOTAL, fields: (i) => ({ Last_Name: `Cap ${i}` }) });
}, 120_000);

const list = async (step: unknown, params: Record<string, unknown>) =>
  (
    (await invoke(step as never, { connection: connectionFor(sandbox()), ...params } as never)).result as {
      data: { data: unknown[]; info: Record<string, unknown> };
    }
  ).data;

it("Get Records with Fetch All stops at 100,000 and says more records exist and to use Bulk Read Records", async () => {
  const { data, info } = await list(crmGetRecords, { recordType: "Leads", fields: "Last_Name", fetchAll: true });
  expect(data).toHaveLength(100_000);
  expect(info).toMatchObject({ count: 100_000, more_records: true, next_page_token: null });
  expect(info.next_step).toMatch(/at most 100,000 records.*Bulk Read Records/);
}, 240_000);

it("Run COQL Query with Fetch All stops at 100,000 rows and says what to do next", async () => {
  const { data, info } = await list(crmRunQuery, { query: "select Last_Name from Leads where id is not null", fetchAll: true });
  expect(data).toHaveLength(100_000);
  expect(info).toMatchObject({ count: 100_000, more_records: true });
  expect(info.next_step).toMatch(/COQL reaches at most 100,000 rows.*narrower where clauses/);
}, 240_000);

it("Search Records with Fetch All stops at 2,000 matches and says to narrow the search", async () => {
  const { data, info } = await list(crmSearchRecords, { recordType: "Leads", criteria: "(Last_Name:starts_with:Cap)", fields: "Last_Name", fetchAll: true });
  expect(data).toHaveLength(2_000);
  expect(info).toMatchObject({ count: 2_000, more_records: true });
  expect(info.next_step).toMatch(/first 2,000 matches: narrow the search/);
}, 60_000);

it("a Fetch All that read everything says no more records and gives no advice", async () => {
  const { info } = await list(crmSearchRecords, {
    recordType: "Leads",
    criteria: "(Last_Name:equals:nobody-has-this-name)",
    fields: "Last_Name",
    fetchAll: true,
  });
  expect(info).toEqual({ count: 0, more_records: false, next_page_token: null });
});
