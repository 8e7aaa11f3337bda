import { crmUpdateRecord } from "../../../actions/crm/updateRecord";
import { configureTestTransport } from "../../../src/http/transport";
import { connectionFor, useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { expectNoRequest, run } from "../books/harness";

const sandbox = useSandbox();
beforeAll(() => configureTestTransport({ retry: { baseDelayMs: 5, maxDelayMs: 2000 } }));
afterEach(() => sandbox().setOptions({ faults: undefined, rateLimit429: 0 }));

const seedLead = () => sandbox().seedCrm({ module: "Leads", count: 1, fields: () => ({ Last_Name: "Before", Company: "Old" }) })[0];

it("changes only the given fields and returns Zoho's details for the record", async () => {
  const s = sandbox();
  const lead = seedLead();
  const before = s.log.length;
  const result = await run(crmUpdateRecord, s, {
    recordType: "Leads",
    recordId: lead.id,
    dynamicValues: { Company: "New", Last_Name: "Ignored" },
    fieldValues: [{ key: "Last_Name", value: "After" }],
    trigger: "workflow",
  });
  expectSameShape(result, crmUpdateRecord.examplePayload);
  expect(result.data.id).toBe(lead.id);
  expect(s.state.crm.records.get("Leads")?.get(lead.id)).toMatchObject({ Last_Name: "After", Company: "New" });
  expect(s.log.slice(before)).toMatchObject([{ method: "PUT", path: "/crm/v8/Leads", status: 200, body: { data: [{ id: lead.id }], trigger: ["workflow"] } }]);
});

it("fails naming the problem for an unknown id or a bad value", async () => {
  const s = sandbox();
  await expect(
    run(crmUpdateRecord, s, { recordType: "Leads", recordId: "5725767000009999999", fieldValues: [{ key: "Company", value: "X" }] }),
  ).rejects.toThrow("Zoho did not update the Leads record: INVALID_DATA the id given seems to be invalid (field id).");
  const lead = seedLead();
  await expect(run(crmUpdateRecord, s, { recordType: "Leads", recordId: lead.id, fieldValues: [{ key: "Email", value: "nope" }] })).rejects.toThrow(
    /\(field Email\)/,
  );
});

it("rejects bad input before any request", async () => {
  const s = sandbox();
  await expectNoRequest(s, async () => {
    await expect(run(crmUpdateRecord, s, { recordType: "Leads", recordId: "12ab", fieldValues: [{ key: "A", value: "1" }] })).rejects.toThrow(
      /"Record ID".*numeric Zoho id/,
    );
    await expect(run(crmUpdateRecord, s, { recordType: "Leads", recordId: "1", dynamicValues: "[1" })).rejects.toThrow(/"Dynamic Values".*not valid JSON/);
    await expect(run(crmUpdateRecord, s, { recordType: "Leads", recordId: "1" })).rejects.toThrow(/give the fields to change/);
  });
});

it("names the missing scope", async () => {
  const s = sandbox();
  const lead = seedLead();
  const readOnly = connectionFor(s, { scopes: ["ZohoCRM.modules.leads.READ"] });
  await expect(run(crmUpdateRecord, s, { recordType: "Leads", recordId: lead.id, fieldValues: [{ key: "Company", value: "X" }] }, readOnly)).rejects.toThrow(
    /OAUTH_SCOPE_MISMATCH/,
  );
});

it("resends an update that failed with 5xx after being stored (sending it twice ends the same)", async () => {
  const s = sandbox();
  const lead = seedLead();
  // Seed 7 faults the first call and lets the second through.
  s.setOptions({ faults: { rate: 0.5, kinds: [503], when: "after", seed: 7 } });
  const before = s.log.length;
  const result = await run(crmUpdateRecord, s, { recordType: "Leads", recordId: lead.id, fieldValues: [{ key: "Company", value: "Twice" }] });
  expect(s.log.slice(before).map((c) => c.status)).toEqual([503, 200]);
  expect(result.data.id).toBe(lead.id);
  expect(s.state.crm.records.get("Leads")?.get(lead.id)?.Company).toBe("Twice");
});
