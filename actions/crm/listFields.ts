import { recordType } from "../../src/fields/crm";
import { listFields } from "../../src/crm/metadata";
import { zohoAction } from "../../src/step";

export const crmListFields = zohoAction({
  display: {
    label: "List Fields",
    description: "List a CRM module's fields with their data types, picklist values and whether Zoho requires them.",
  },
  fields: { recordType },
  perform: async (_context, input, client) => {
    const fields = await listFields(client, input.recordType);
    return {
      data: fields.map((f) => ({
        api_name: f.api_name,
        field_label: f.field_label ?? f.display_label ?? f.api_name,
        data_type: f.data_type ?? "text",
        system_mandatory: f.system_mandatory === true,
        read_only: f.read_only === true,
        pick_list_values: (f.pick_list_values ?? []).map(({ display_value, actual_value }) => ({ display_value, actual_value })),
        lookup_module: (f.lookup as { module?: { api_name?: string } } | undefined)?.module?.api_name ?? null,
      })),
    };
  },
  examplePayload: {
    data: [
      {
        api_name: "Lead_Status",
        field_label: "Lead Status",
        data_type: "picklist",
        system_mandatory: false,
        read_only: false,
        pick_list_values: [{ display_value: "Contacted", actual_value: "Contacted" }],
        lookup_module: null as string | null,
      },
    ],
  },
});
