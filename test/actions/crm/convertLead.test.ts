import { crmConvertLead } from "../../../actions/crm/convertLead";
import { useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { expectNoRequest, run } from "../books/harness";

const sandbox = useSandbox();

it("converts a lead into a contact, an account and a deal and returns their ids", async () => {
  const s = sandbox();
  const [lead] = s.seedCrm({ module: "Leads", count: 1, fields: () => ({ Company: "Convert Co", Last_Name: "Lee" }) });
  const before = s.log.length;
  const deal = { Deal_Name: "Convert Co - seats", Stage: "Qualification", Closing_Date: "2026-12-31" };
  const result = await run(crmConvertLead, s, { recordId: lead.id, notifyLeadOwner: "true", dealValues: JSON.stringify(deal) });
  expectSameShape(result, crmConvertLead.examplePayload);
  const { Contacts, Accounts, Deals } = result.data;
  expect(s.state.crm.records.get("Contacts")!.get(Contacts)).toMatchObject({ Last_Name: "Lee" });
  expect(s.state.crm.records.get("Accounts")!.get(Accounts)).toMatchObject({ Account_Name: "Convert Co" });
  expect(s.state.crm.records.get("Deals")!.get(Deals)).toMatchObject({ Deal_Name: deal.Deal_Name, Contact_Name: { id: Contacts } });
  expect(s.state.crm.records.get("Leads")!.has(lead.id)).toBe(false);
  expect(s.log[before]).toMatchObject({
    method: "POST",
    path: `/crm/v8/Leads/${lead.id}/actions/convert`,
    body: { data: [{ overwrite: false, notify_lead_owner: true, notify_new_entity_owner: false, Deals: deal }] },
  });
});

it("converts into an existing account, with no deal", async () => {
  const s = sandbox();
  const [lead] = s.seedCrm({ module: "Leads", count: 1 });
  const [account] = s.seedCrm({ module: "Accounts", count: 1 });
  const result = await run(crmConvertLead, s, { recordId: lead.id, accountId: account.id });
  expect(result.data).toEqual({ Contacts: expect.stringMatching(/^\d+$/), Accounts: account.id, Deals: null });
});

it("rejects bad input before any request", async () => {
  const s = sandbox();
  await expectNoRequest(s, async () => {
    await expect(run(crmConvertLead, s, { recordId: "5725767000000000001", dealValues: "{Deal_Name: x}" })).rejects.toThrow(/"Deal Values".*not valid JSON/);
    await expect(run(crmConvertLead, s, { recordId: "5725767000000000001", dealValues: "[1]" })).rejects.toThrow(/"Deal Values".*JSON object/);
    await expect(run(crmConvertLead, s, { recordId: "5725767000000000001", accountId: "acme" })).rejects.toThrow(/"Existing Account ID"/);
  });
});

it("reports Zoho's errors: an unknown lead, a lead converted already, a deal without its mandatory fields", async () => {
  const s = sandbox();
  await expect(run(crmConvertLead, s, { recordId: "5725767000009999999" })).rejects.toThrow(/HTTP 400\) INVALID_DATA/);
  const [lead, other] = s.seedCrm({ module: "Leads", count: 2 });
  await run(crmConvertLead, s, { recordId: lead.id });
  await expect(run(crmConvertLead, s, { recordId: lead.id })).rejects.toThrow(/ID_ALREADY_CONVERTED/);
  await expect(run(crmConvertLead, s, { recordId: other.id, dealValues: { Deal_Name: "No stage" } })).rejects.toThrow(/MANDATORY_NOT_FOUND.*Stage/);
});
