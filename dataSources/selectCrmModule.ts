import { listModules, supportsNotifications } from "../src/crm/metadata";
import { zohoDataSource } from "../src/step";

export const selectCrmModule = zohoDataSource({
  display: { label: "Select CRM Module", description: "Pick a Zoho CRM module (custom modules included) by its label; the value is its API name." },
  dataSourceType: "picklist",
  fields: {},
  perform: async (_context, _input, client) => {
    const modules = await listModules(client);
    return {
      result: modules
        .map((m) => ({ key: m.api_name, label: `${m.plural_label ?? m.api_name} (${m.api_name})${supportsNotifications(m) ? "" : " - no notifications"}` }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    };
  },
  examplePayload: {
    result: [
      { key: "Leads", label: "Leads (Leads)" },
      { key: "Price_Books", label: "Price Books (Price_Books)" },
    ],
  },
});
