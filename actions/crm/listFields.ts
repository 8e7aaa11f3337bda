import { action } from "@prismatic-io/spectral";
import { z } from "zod";
import { clientFor } from "../../src/context";
import { connectionInput, debugRequest, recordType } from "../../src/inputs";
import { listFields } from "../../src/metadata";
import { moduleName, parseInputs } from "../../src/validate";

const schema = z.object({ recordType: moduleName });

export const crmListFields = action({
  display: {
    label: "List Fields",
    description: "List a CRM module's fields with their data types, picklist values and whether Zoho requires them.",
  },
  inputs: { connection: connectionInput, recordType, debugRequest },
  perform: async (context, params) => {
    const { recordType: module } = parseInputs(schema, params, { recordType: "Module" });
    const fields = await listFields(clientFor(context, params), module);
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
    data: [{
      api_name: "Lead_Status",
      field_label: "Lead Status",
      data_type: "picklist",
      system_mandatory: false,
      read_only: false,
      pick_list_values: [{ display_value: "Contacted", actual_value: "Contacted" }],
      lookup_module: null as string | null,
    }],
  },
});
