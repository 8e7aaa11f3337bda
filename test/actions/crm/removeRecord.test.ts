import { crmRemoveRecord } from "../../../actions/crm/removeRecord";
import { connectionFor, useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { expectNoRequest, run } from "../books/harness";

const sandbox = useSandbox();

it("deletes the record and returns its id", async () => {
  const s = sandbox();
  const [lead] = s.seedCrm({ module: "Leads", count: 1 });
  const before = s.log.length;
  const result = await run(crmRemoveRecord, s, { recordType: "Leads", recordId: lead.id });
  expect(result).toEqual({ data: { id: lead.id } });
  expectSameShape(result, crmRemoveRecord.examplePayload);
  expect(s.state.crm.records.get("Leads")?.has(lead.id)).toBe(false);
  expect(s.log.slice(before)).toMatchObject([{ method: "DELETE", path: "/crm/v8/Leads", query: { ids: lead.id, wf_trigger: "false" }, status: 200 }]);
});

it("runs delete workflows only when asked", async () => {
  const s = sandbox();
  const [lead] = s.seedCrm({ module: "Leads", count: 1 });
  const before = s.log.length;
  await run(crmRemoveRecord, s, { recordType: "Leads", recordId: lead.id, trigger: ["workflow"] });
  expect(s.log[before].query.wf_trigger).toBe("true");
});

it("fails for an id Zoho does not know", async () => {
  const s = sandbox();
  await expect(run(crmRemoveRecord, s, { recordType: "Leads", recordId: "5725767000009999999" })).rejects.toThrow(
    "Zoho did not delete the Leads record: INVALID_DATA the id given seems to be invalid.",
  );
});

it("rejects bad input before any request", async () => {
  const s = sandbox();
  await expectNoRequest(s, async () => {
    await expect(run(crmRemoveRecord, s, { recordType: "Leads", recordId: "not-an-id" })).rejects.toThrow(/"Record ID".*numeric Zoho id/);
    await expect(run(crmRemoveRecord, s, { recordType: "My Module", recordId: "1" })).rejects.toThrow(/"Module"/);
  });
});

it("names the missing scope and the unknown module", async () => {
  const s = sandbox();
  const [lead] = s.seedCrm({ module: "Leads", count: 1 });
  const readOnly = connectionFor(s, { scopes: ["ZohoCRM.modules.leads.READ"] });
  await expect(run(crmRemoveRecord, s, { recordType: "Leads", recordId: lead.id }, readOnly)).rejects.toThrow(/OAUTH_SCOPE_MISMATCH/);
  await expect(run(crmRemoveRecord, s, { recordType: "Nope", recordId: lead.id })).rejects.toThrow(/INVALID_MODULE/);
});
