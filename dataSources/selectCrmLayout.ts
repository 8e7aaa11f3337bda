import { recordType } from "../src/fields/crm";
import { listLayouts } from "../src/crm/metadata";
import { zohoDataSource } from "../src/step";

export const selectCrmLayout = zohoDataSource({
  display: { label: "Select CRM Layout", description: "Pick one of a CRM module's layouts by name; the value is the layout's id." },
  dataSourceType: "picklist",
  fields: { recordType },
  perform: async (_context, input, client) => {
    const layouts = await listLayouts(client, input.recordType);
    return { result: layouts.map((layout) => ({ key: String(layout.id), label: layout.name })) };
  },
  examplePayload: { result: [{ key: "5725767000000091055", label: "Standard" }] },
});
