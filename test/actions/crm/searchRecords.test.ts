import { crmSearchRecords } from "../../../actions/crm/searchRecords";
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

it("finds records by criteria, with the asked fields and page", async () => {
  const s = sandbox();
  s.seedCrm({ module: "Leads", count: 5, fields: (i) => ({ Company: i < 3 ? "Searchable Inc" : "Other", Last_Name: `S${i}` }) });
  const result = await run(crmSearchRecords, s, {
    recordType: "Leads",
    criteria: "(Company:equals:Searchable Inc)",
    fields: "Last_Name,Company",
    per_page: "2",
    page: "2",
  });
  expect(s.log.at(-1)).toMatchObject({
    path: "/crm/v8/Leads/search",
    query: { criteria: "(Company:equals:Searchable Inc)", fields: "Last_Name,Company", page: "2", per_page: "2" },
  });
  expect(result.data.data.map((r: { Last_Name: string }) => r.Last_Name)).toEqual(["S2"]);
  expect(result.data.info).toEqual({ count: 1, more_records: false, next_page_token: null });
});

it("finds by email, phone or word, and matches the example payload", async () => {
  const s = sandbox();
  const [lead] = s.seedCrm({ module: "Leads", count: 1, fields: () => ({ Email: "unique.person@example.com", Last_Name: "Zanzibar", Phone: "+1 555 0199" }) });
  const byEmail = await run(crmSearchRecords, s, { recordType: "Leads", email: "unique.person@example.com", fields: exampleFields });
  expect(s.log.at(-1)?.query).toMatchObject({ email: "unique.person@example.com" });
  expect(byEmail.data.data.map((r: { id: string }) => r.id)).toEqual([lead.id]);
  const byWord = await run(crmSearchRecords, s, { recordType: "Leads", word: "Zanzibar" });
  expect(byWord.data.data.map((r: { id: string }) => r.id)).toEqual([lead.id]);
  const byPhone = await run(crmSearchRecords, s, { recordType: "Leads", phone: "15550199" });
  expect(s.log.at(-1)?.query).toMatchObject({ phone: "15550199" });
  expect(byPhone.data.data.map((r: { id: string }) => r.id)).toEqual([lead.id]);
  expectSameShape(byEmail, crmSearchRecords.examplePayload);
});

it("answers no match with no records", async () => {
  const s = sandbox();
  const result = await run(crmSearchRecords, s, { recordType: "Leads", email: "nobody@nowhere.example" });
  expect(s.log.at(-1)?.status).toBe(204);
  expect(result).toEqual({ data: { data: [], info: { count: 0, more_records: false, next_page_token: null } } });
});

it("reads every match up to Zoho's 2,000 with Fetch All, and stops there", async () => {
  const s = sandbox();
  s.seedCrm({ module: "Products", count: 2_100, fields: () => ({ Product_Category: "Hardware" }) });
  const before = s.log.length;
  const result = await run(crmSearchRecords, s, { recordType: "Products", word: "Product", fetchAll: true });
  expect(s.log.slice(before)).toHaveLength(10);
  expect(new Set(result.data.data.map((r: { id: string }) => r.id)).size).toBe(2_000);
});

it("rejects bad input before any request", async () => {
  const s = sandbox();
  await expectNoRequest(s, async () => {
    await expect(run(crmSearchRecords, s, { recordType: "Leads" })).rejects.toThrow(/"Criteria".*exactly one of Criteria, Email, Phone and Word/);
    await expect(run(crmSearchRecords, s, { recordType: "Leads", email: "a@b.c", word: "x" })).rejects.toThrow(/exactly one/);
    await expect(run(crmSearchRecords, s, { recordType: "Leads", word: "x", page: "11", per_page: "200" })).rejects.toThrow(
      /"Page".*only the first 2000 matches/,
    );
    await expect(run(crmSearchRecords, s, { recordType: "Leads", word: "x", per_page: "500" })).rejects.toThrow(/"Per Page".*at most 200/);
    await expect(run(crmSearchRecords, s, { recordType: "Le ads", word: "x" })).rejects.toThrow(/"Module"/);
  });
});

it("explains a bad criteria, a missing scope, and waits out a 429", async () => {
  const s = sandbox();
  await expect(run(crmSearchRecords, s, { recordType: "Leads", criteria: "Company equals Acme" })).rejects.toThrow(/HTTP 400/);
  const notesOnly = connectionFor(s, { scopes: ["ZohoCRM.settings.ALL"] });
  await expect(run(crmSearchRecords, s, { recordType: "Leads", word: "x" }, notesOnly)).rejects.toThrow(/OAUTH_SCOPE_MISMATCH.*ZohoSearch\.securesearch\.READ/);
  s.setOptions({ rateLimit429: 0.5, faults: { rate: 0, seed: 8 } });
  const before = s.log.length;
  await run(crmSearchRecords, s, { recordType: "Leads", word: "no-such-word-anywhere" });
  expect(s.log.slice(before).map((c) => c.status)).toEqual([429, 204]);
});
