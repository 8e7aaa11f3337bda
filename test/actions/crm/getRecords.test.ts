import { crmGetRecords } from "../../../actions/crm/getRecords";
import { configureTestTransport } from "../../../src/http/transport";
import { exampleLead } from "../../../src/examples";
import { connectionFor, useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { expectNoRequest, run } from "../books/harness";

const sandbox = useSandbox();
beforeAll(() => configureTestTransport({ retry: { baseDelayMs: 5, maxDelayMs: 2000 } }));
afterEach(() => sandbox().setOptions({ faults: undefined, rateLimit429: 0 }));

const exampleFields = Object.keys(exampleLead)
  .filter((f) => f !== "id")
  .join(",");

it("reads one page with the asked fields, then the next with the page token", async () => {
  const s = sandbox();
  const seeded = s.seedCrm({ module: "Contacts", count: 250 }).map((r) => r.id);
  const first = await run(crmGetRecords, s, { recordType: "Contacts", fields: "Last_Name,Email", per_page: "200", sort_by: "id", sort_order: "asc" });
  expect(s.log.at(-1)?.query).toEqual({ fields: "Last_Name,Email", sort_by: "id", sort_order: "asc", page: "1", per_page: "200" });
  expect(first.data.data).toHaveLength(200);
  expect(Object.keys(first.data.data[0]).sort()).toEqual(["Email", "Last_Name", "id"]);
  expect(first.data.info).toMatchObject({ count: 200, more_records: true, next_page_token: expect.any(String) });
  const second = await run(crmGetRecords, s, {
    recordType: "Contacts",
    fields: "Last_Name",
    page_token: first.data.info.next_page_token,
    sort_by: "id",
    sort_order: "asc",
  });
  expect(s.log.at(-1)?.query.page).toBeUndefined();
  expect(second.data.info).toMatchObject({ count: 50, more_records: false, next_page_token: null });
  expect([...first.data.data, ...second.data.data].map((r: { id: string }) => r.id)).toEqual(seeded);
});

it("asks for the module's fields when Fields is empty, since Zoho requires a list", async () => {
  const s = sandbox();
  s.seedCrm({ module: "Accounts", count: 3, fields: (i) => ({ Account_Name: `Acme ${i}` }) });
  const before = s.log.length;
  const result = await run(crmGetRecords, s, { recordType: "Accounts", per_page: 2, page: 2 });
  expect(s.log.slice(before).map((e) => e.path)).toEqual(["/crm/v8/settings/fields", "/crm/v8/Accounts"]);
  const asked = String(s.log.at(-1)?.query.fields).split(",");
  expect(asked.slice(0, 3)).toEqual(["id", "Created_Time", "Modified_Time"]);
  expect(asked).toEqual(expect.arrayContaining(["Account_Name", "Owner"]));
  expect(asked.length).toBeLessThanOrEqual(50);
  expect(s.log.at(-1)?.query).toMatchObject({ page: "2", per_page: "2" });
  expect(result.data.data[0]).toMatchObject({ Account_Name: expect.stringMatching(/^Acme /) });
});

it("matches the example payload", async () => {
  const s = sandbox();
  s.seedCrm({ module: "Leads", count: 1 });
  expectSameShape(await run(crmGetRecords, s, { recordType: "Leads", fields: exampleFields, per_page: 1 }), crmGetRecords.examplePayload);
});

it("reads every page past 2,000 records with Fetch All, switching to page tokens", async () => {
  const s = sandbox();
  const seeded = s.seedCrm({ module: "Deals", count: 2_300 }).map((r) => r.id);
  const before = s.log.length;
  const result = await run(crmGetRecords, s, { recordType: "Deals", fields: "Deal_Name", fetchAll: "true", page: "7" });
  const calls = s.log.slice(before);
  expect(calls).toHaveLength(12);
  expect(calls.slice(10).every((c) => c.query.page_token && !c.query.page)).toBe(true);
  expect(result.data.data.map((r: { id: string }) => r.id).sort()).toEqual([...seeded].sort());
  expect(result.data.info).toEqual({ count: 2_300, more_records: false, next_page_token: null });
});

it("answers an empty module with no records", async () => {
  const s = sandbox();
  const result = await run(crmGetRecords, s, { recordType: "Vendors" });
  expect(s.log.at(-1)?.status).toBe(204);
  expect(result).toEqual({ data: { data: [], info: { count: 0, more_records: false, next_page_token: null } } });
});

it("rejects bad input before any request", async () => {
  const s = sandbox();
  const fiftyOne = Array.from({ length: 51 }, (_, i) => `F${i}`).join(",");
  await expectNoRequest(s, async () => {
    await expect(run(crmGetRecords, s, { recordType: "Leads", per_page: "201" })).rejects.toThrow(/"Per Page" \(per_page\): must be at most 200/);
    await expect(run(crmGetRecords, s, { recordType: "Leads", page: "11", per_page: "200" })).rejects.toThrow(
      /reaches record 2200, past Zoho's 2,000-record limit.*Page Token/,
    );
    await expect(run(crmGetRecords, s, { recordType: "Leads", fields: fiftyOne })).rejects.toThrow(/at most 50 fields/);
    await expect(run(crmGetRecords, s, { recordType: "Lead s" })).rejects.toThrow(/"Module"/);
    await expect(run(crmGetRecords, s, { recordType: "Leads", sort_by: "Last_Name" })).rejects.toThrow(
      /"Sort By" \(sort_by\): must be one of id, Created_Time, Modified_Time/,
    );
    await expect(run(crmGetRecords, s, { recordType: "Leads", page: "two" })).rejects.toThrow(/"Page".*whole number/);
  });
});

it("lets a page token through on any page number, for Zoho to check", async () => {
  const s = sandbox();
  await expect(run(crmGetRecords, s, { recordType: "Leads", page: "11", per_page: "200", page_token: "bogus" })).rejects.toThrow(/INVALID_DATA/);
});

it("explains a missing scope, an unknown module, and waits out a 429", async () => {
  const s = sandbox();
  const dealsOnly = connectionFor(s, { scopes: ["ZohoCRM.modules.deals.READ"] });
  await expect(run(crmGetRecords, s, { recordType: "Leads" }, dealsOnly)).rejects.toThrow(/OAUTH_SCOPE_MISMATCH/);
  await expect(run(crmGetRecords, s, { recordType: "Leadz" })).rejects.toThrow(/INVALID_MODULE/);
  s.setOptions({ rateLimit429: 0.5, faults: { rate: 0, seed: 8 } });
  const before = s.log.length;
  await run(crmGetRecords, s, { recordType: "Leads", fields: "Last_Name" });
  expect(s.log.slice(before).map((c) => c.status)).toEqual([429, 200]);
});
