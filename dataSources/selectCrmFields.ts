import { recordType } from "../src/fields/crm";
import { listFields } from "../src/crm/metadata";
import { zohoDataSource } from "../src/step";

export const selectCrmFields = zohoDataSource({
  display: { label: "Select CRM Fields", description: "Pick fields of a CRM module; each shows its label, API name and data type." },
  dataSourceType: "picklist",
  fields: { recordType },
  perform: async (_context, input, client) => {
    const fields = await listFields(client, input.recordType);
    return {
      result: fields
        .map((f) => ({
          key: f.api_name,
          label: `${f.field_label ?? f.display_label ?? f.api_name} (${f.api_name}, ${f.data_type ?? "field"})${f.system_mandatory ? " *" : ""}`,
        }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    };
  },
  examplePayload: {
    result: [
      { key: "Email", label: "Email (Email, email)" },
      { key: "Last_Name", label: "Last Name (Last_Name, text) *" },
    ],
  },
});
