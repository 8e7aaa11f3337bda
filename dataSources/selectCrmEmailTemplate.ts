import { listEmailTemplates } from "../src/crm/email";
import { recordType } from "../src/fields/crm";
import { zohoDataSource } from "../src/step";

export const selectCrmEmailTemplate = zohoDataSource({
  display: { label: "Select CRM Email Template", description: "Pick one of a CRM module's email templates by name; the value is the template's id." },
  dataSourceType: "picklist",
  fields: { recordType },
  perform: async (_context, input, client) => {
    const templates = await listEmailTemplates(client, input.recordType);
    return { result: templates.map((t) => ({ key: t.id, label: t.subject ? `${t.name} (${t.subject})` : t.name })) };
  },
  examplePayload: { result: [{ key: "5725767000000285001", label: "Lead welcome (Welcome, ${Leads.First_Name})" }] },
});
