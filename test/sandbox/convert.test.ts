/**
 * Lead conversion over real HTTP: the Contact, Account and Deal it creates (or reuses), the lead
 * leaving Leads with its notes and attachments moving to the contact, the write events, and the
 * refusals that leave everything untouched.
 */
import type { CrmRecord } from "../../sandbox/state";
import { minifiedUser } from "../../sandbox/crm/records/writes";
import { useSandbox } from "../helpers/sandbox";
import { crmCall } from "./crmApi";

const sandbox = useSandbox();
const call = (method: string, path: string, json?: unknown) => crmCall(sandbox(), method, path, { json });

const convert = (leadId: string, input: Record<string, unknown>) => call("POST", `/crm/v8/Leads/${leadId}/actions/convert`, { data: [input] });

const record = (module: string, id: string) => sandbox().state.crm.records.get(module)?.get(id) as CrmRecord;

const seedLead = (fields: Record<string, unknown>) => sandbox().seedCrm({ module: "Leads", count: 1, fields: () => fields })[0];

describe("lead conversion", () => {
  it("creates an Account from Company, a Contact and a Deal, and moves notes and attachments", async () => {
    const lead = seedLead({
      First_Name: "Sage",
      Last_Name: "Wieser",
      Email: "sage@truhlar.example",
      Company: "Truhlar Labs",
      Industry: "Retail",
      Phone: "+1 555 0199",
    });
    await call("POST", "/crm/v8/Notes", {
      data: [{ Note_Content: "met at the fair", Parent_Id: { module: { api_name: "Leads" }, id: lead.id } }],
    });
    const attachment = await call("POST", `/crm/v8/Leads/${lead.id}/Attachments?attachmentUrl=${encodeURIComponent("https://example.com/card")}`);
    const before = sandbox().state.writeLog.length;

    const answer = await convert(lead.id, {
      overwrite: true,
      notify_lead_owner: false,
      notify_new_entity_owner: false,
      Deals: { Deal_Name: "Truhlar rollout", Stage: "Qualification", Closing_Date: "2027-01-31", Amount: 12000 },
    });
    expect(answer.status).toBe(200);
    const { Contacts, Accounts, Deals } = answer.body.data[0].details;
    expect(answer.body.data[0]).toMatchObject({
      code: "SUCCESS",
      message: "The record has been converted successfully",
      status: "success",
    });
    expect(Accounts).toEqual({ name: "Truhlar Labs", id: expect.any(String) });
    expect(Contacts).toEqual({ name: "Sage Wieser", id: expect.any(String) });
    expect(Deals).toEqual({ name: "Truhlar rollout", id: expect.any(String) });

    expect(record("Accounts", Accounts.id)).toMatchObject({ Account_Name: "Truhlar Labs", Industry: "Retail", Phone: "+1 555 0199" });
    expect(record("Contacts", Contacts.id)).toMatchObject({
      First_Name: "Sage",
      Last_Name: "Wieser",
      Full_Name: "Sage Wieser",
      Email: "sage@truhlar.example",
      Account_Name: { name: "Truhlar Labs", id: Accounts.id },
    });
    expect(record("Deals", Deals.id)).toMatchObject({
      Deal_Name: "Truhlar rollout",
      Amount: 12000,
      Account_Name: { id: Accounts.id },
      Contact_Name: { name: "Sage Wieser", id: Contacts.id },
    });

    expect((await call("GET", `/crm/v8/Leads/${lead.id}`)).status).toBe(204);
    const notes = await call("GET", `/crm/v8/Contacts/${Contacts.id}/Notes?fields=Note_Content`);
    expect(notes.body.data.map((n: { Note_Content: string }) => n.Note_Content)).toEqual(["met at the fair"]);
    const attachments = await call("GET", `/crm/v8/Contacts/${Contacts.id}/Attachments?fields=File_Name`);
    expect(attachments.body.data.map((a: { id: string }) => a.id)).toEqual([attachment.body.data[0].details.id]);

    expect(
      sandbox()
        .state.writeLog.slice(before)
        .map((e) => `${e.module}.${e.operation}`),
    ).toEqual(["Accounts.insert", "Contacts.insert", "Deals.insert", "Notes.update", "Leads.delete"]);
  });

  it("reuses the account named like the Company and creates no deal unless asked", async () => {
    const [existing] = sandbox().seedCrm({ module: "Accounts", count: 1, fields: () => ({ Account_Name: "Morlong Associates" }) });
    const lead = seedLead({ Last_Name: "Dilliard", Company: "morlong associates" });
    const answer = await convert(lead.id, {});
    expect(answer.body.data[0].details).toMatchObject({ Accounts: { id: existing.id }, Deals: null });
    expect(record("Contacts", answer.body.data[0].details.Contacts.id).Account_Name).toEqual({
      name: "Morlong Associates",
      id: existing.id,
    });
    expect(sandbox().state.crm.records.get("Accounts")!.size).toBe(2);
  });

  it("links an existing contact, overwriting it with the lead's values when asked, and owns by assign_to", async () => {
    const [contact] = sandbox().seedCrm({ module: "Contacts", count: 1, fields: () => ({ Last_Name: "Old", Email: "old@example.com" }) });
    const lead = seedLead({ Last_Name: "Paprocki", Email: "new@example.com", Company: "" });
    const owner = minifiedUser(sandbox().state.users[2]);
    const answer = await convert(lead.id, { overwrite: true, Contacts: { id: contact.id }, assign_to: { id: owner.id } });
    expect(answer.body.data[0].details).toEqual({
      Contacts: { name: expect.stringContaining("Paprocki"), id: contact.id },
      Accounts: null,
      Deals: null,
    });
    expect(record("Contacts", contact.id)).toMatchObject({ Last_Name: "Paprocki", Email: "new@example.com", Owner: owner });
  });

  it("answers ID_ALREADY_CONVERTED for a lead converted before", async () => {
    const lead = seedLead({ Last_Name: "Twice", Company: "Twice Inc" });
    expect((await convert(lead.id, {})).status).toBe(200);
    const again = await convert(lead.id, {});
    expect(again.status).toBe(400);
    expect(again.body).toEqual({
      code: "ID_ALREADY_CONVERTED",
      details: { resource_path_index: 1 },
      message: "id already converted",
      status: "error",
    });
  });

  it("refuses an unknown lead, and a deal without its mandatory fields, writing nothing", async () => {
    const unknown = await convert("1234567890123456789", {});
    expect(unknown.body).toEqual({ code: "INVALID_DATA", details: { resource_path_index: 1 }, message: "invalid data", status: "error" });

    const lead = seedLead({ Last_Name: "Kitzman", Company: "Kitzman Co" });
    const before = sandbox().state.writeLog.length;
    const answer = await convert(lead.id, { Deals: { Deal_Name: "No stage" } });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: "MANDATORY_NOT_FOUND", details: { api_name: "Stage" } });
    expect(sandbox().state.writeLog.length).toBe(before);
    expect(record("Leads", lead.id)).toBeDefined();
  });
});
