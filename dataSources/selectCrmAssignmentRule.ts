import { recordType } from "../src/fields/crm";
import { zohoDataSource } from "../src/step";

export const selectCrmAssignmentRule = zohoDataSource({
  display: { label: "Select CRM Assignment Rule", description: "Pick one of a CRM module's assignment rules by name; the value is its id (Zoho's lar_id)." },
  dataSourceType: "picklist",
  fields: { recordType },
  perform: async (_context, input, client) => {
    const response = await client.request<{ assignment_rules?: Array<{ id: string; name: string }> }>({
      api: "crm",
      path: "/settings/automation/assignment_rules",
      params: { module: input.recordType },
    });
    // Zoho answers 204 when the module has no rules.
    return { result: (response.data?.assignment_rules ?? []).map((rule) => ({ key: String(rule.id), label: rule.name })) };
  },
  examplePayload: { result: [{ key: "5725767000000352001", label: "Leads round robin" }] },
});
