import { input } from "@prismatic-io/spectral";
import { recordId } from "../../src/fields/crm";
import { cleanBool, cleanPass, cleanText, field, withInput } from "../../src/fields/field";
import { bool, jsonObject, optionalRecordId } from "../../src/fields/schemas";
import { onlyOutcome } from "../../src/http/outcomes";
import { zohoAction } from "../../src/step";

const optionalId = (label: string, comments: string) =>
  field(input({ label, type: "string", required: false, comments, example: "5725767000000524160", clean: cleanText }), optionalRecordId);
const flag = (label: string, comments: string) => field(input({ label, type: "boolean", default: "false", comments, clean: cleanBool }), () => bool(false));

/** Zoho names each new record as {name, id} (older answers: the id alone); null when none was made. */
const idOf = (value: unknown): string | null =>
  typeof value === "string" ? value : typeof value === "object" && value !== null && "id" in value ? String(value.id) : null;

export const crmConvertLead = zohoAction({
  display: {
    label: "Convert Lead",
    description: "Convert a lead into a contact, an account and optionally a deal; returns the new records' ids.",
  },
  fields: {
    recordId: withInput(recordId, { label: "Lead ID", dataSource: undefined, comments: "The id of the lead to convert." }),
    overwrite: flag("Overwrite", "When converting into an existing contact, overwrite its fields with the lead's."),
    notifyLeadOwner: flag("Notify Lead Owner", "Email the lead's owner about the conversion."),
    notifyNewEntityOwner: flag("Notify New Owner", "Email the owner of the new records about the conversion."),
    accountId: optionalId("Existing Account ID", "Convert into this account instead of creating one from the lead's company."),
    contactId: optionalId("Existing Contact ID", "Convert into this contact instead of creating one."),
    assignTo: withInput(
      optionalId("Assign To", "The id of the user who will own the new records: pick an active user or map the id. Empty keeps the lead's owner."),
      {
        dataSource: "selectCrmUser",
      },
    ),
    dealValues: field(
      input({
        label: "Deal Values",
        type: "code",
        language: "json",
        required: false,
        comments: "To create a deal too, a JSON object of its fields (Deal_Name, Stage and Closing_Date at least). Leave empty for no deal.",
        example: JSON.stringify({ Deal_Name: "Acme - 20 seats", Stage: "Qualification", Closing_Date: "2026-12-31", Amount: 12000 }),
        clean: cleanPass,
      }),
      jsonObject,
    ),
  },
  perform: async (_context, input, client) => {
    const conversion = {
      overwrite: input.overwrite,
      notify_lead_owner: input.notifyLeadOwner,
      notify_new_entity_owner: input.notifyNewEntityOwner,
      ...(input.accountId && { Accounts: { id: input.accountId } }),
      ...(input.contactId && { Contacts: { id: input.contactId } }),
      ...(input.assignTo && { assign_to: { id: input.assignTo } }),
      ...(input.dealValues && { Deals: input.dealValues }),
    };
    const response = await client.request({ api: "crm", method: "POST", path: `/Leads/${input.recordId}/actions/convert`, data: { data: [conversion] } });
    const converted = onlyOutcome(response.data, `convert lead ${input.recordId}`);
    return { data: { Contacts: idOf(converted.Contacts), Accounts: idOf(converted.Accounts), Deals: idOf(converted.Deals) } };
  },
  examplePayload: { data: { Contacts: "5725767000000613001", Accounts: "5725767000000613002", Deals: "5725767000000613003" as string | null } },
});
