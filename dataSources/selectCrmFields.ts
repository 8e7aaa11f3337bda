import { dataSource } from "@prismatic-io/spectral";
import { z } from "zod";
import { clientFor } from "../src/context";
import { connectionInput, recordType } from "../src/inputs";
import { listFields } from "../src/metadata";
import { moduleName, parseInputs } from "../src/validate";

export const selectCrmFields = dataSource({
  display: { label: "Select CRM Fields", description: "Pick fields of a CRM module; each shows its label, API name and data type." },
  dataSourceType: "picklist",
  inputs: { connection: connectionInput, recordType },
  perform: async (context, params) => {
    const { recordType: module } = parseInputs(z.object({ recordType: moduleName }), params, { recordType: "Module" });
    const fields = await listFields(clientFor(context, params), module);
    return {
      result: fields
        .map((f) => ({ key: f.api_name, label: `${f.field_label ?? f.display_label ?? f.api_name} (${f.api_name}, ${f.data_type ?? "field"})${f.system_mandatory ? " *" : ""}` }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    };
  },
  examplePayload: { result: [{ key: "Email", label: "Email (Email, email)" }, { key: "Last_Name", label: "Last Name (Last_Name, text) *" }] },
});
