import { crmGetRecord } from "../../../actions/crm/getRecord";
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

it("returns the record, with only the asked fields", async () => {
  const s = sandbox();
  const [lead] = s.seedCrm({ module: "Leads", count: 1, fields: () => ({ Last_Name: "Smith", Email: "s@example.com" }) });
  const result = await run(crmGetRecord, s, { recordType: "Leads", recordId: lead.id, fields: exampleFields });
  expectSameShape(result, crmGetRecord.examplePayload);
  expect(result.data).toMatchObject({ id: lead.id, Last_Name: "Smith", Email: "s@example.com" });
  const narrow = await run(crmGetRecord, s, { recordType: "Leads", recordId: lead.id, fields: "Email" });
  expect(narrow.data).toEqual({ id: lead.id, Email: "s@example.com" });
  expect(s.log.at(-1)?.query).toEqual({ fields: "Email" });
});

it("says so when no record has the id", async () => {
  const s = sandbox();
  await expect(run(crmGetRecord, s, { recordType: "Leads", recordId: "5725767000009999999" })).rejects.toThrow("No Leads record has id 5725767000009999999");
});

it("rejects bad input before any request", async () => {
  const s = sandbox();
  const fiftyOne = Array.from({ length: 51 }, (_, i) => `F${i}`).join(",");
  await expectNoRequest(s, async () => {
    await expect(run(crmGetRecord, s, { recordType: "Leads", recordId: "x1" })).rejects.toThrow(/"Record ID"/);
    await expect(run(crmGetRecord, s, { recordType: "Sales Orders", recordId: "1" })).rejects.toThrow(/"Module"/);
    await expect(run(crmGetRecord, s, { recordType: "Leads", recordId: "1", fields: fiftyOne })).rejects.toThrow(/"Fields".*at most 50 fields/);
  });
});

it("explains a missing scope and an unknown module", async () => {
  const s = sandbox();
  const [lead] = s.seedCrm({ module: "Leads", count: 1 });
  const contactsOnly = connectionFor(s, { scopes: ["ZohoCRM.modules.contacts.READ"] });
  await expect(run(crmGetRecord, s, { recordType: "Leads", recordId: lead.id }, contactsOnly)).rejects.toThrow(/OAUTH_SCOPE_MISMATCH/);
  await expect(run(crmGetRecord, s, { recordType: "Leadz", recordId: lead.id })).rejects.toThrow(/INVALID_MODULE/);
});

it("retries after a 429", async () => {
  const s = sandbox();
  const [lead] = s.seedCrm({ module: "Leads", count: 1 });
  s.setOptions({ rateLimit429: 0.5, faults: { rate: 0, seed: 8 } });
  const before = s.log.length;
  await run(crmGetRecord, s, { recordType: "Leads", recordId: lead.id });
  expect(s.log.slice(before).map((c) => c.status)).toEqual([429, 200]);
});
