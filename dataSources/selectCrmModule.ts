import { dataSource } from "@prismatic-io/spectral";
import { clientFor } from "../src/context";
import { connectionInput } from "../src/inputs";
import { listModules, supportsNotifications } from "../src/metadata";

export const selectCrmModule = dataSource({
  display: { label: "Select CRM Module", description: "Pick a Zoho CRM module (custom modules included) by its label; the value is its API name." },
  dataSourceType: "picklist",
  inputs: { connection: connectionInput },
  perform: async (context, params) => {
    const modules = await listModules(clientFor(context, params));
    return {
      result: modules
        .map((m) => ({ key: m.api_name, label: `${m.plural_label ?? m.api_name} (${m.api_name})${supportsNotifications(m) ? "" : " - no notifications"}` }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    };
  },
  examplePayload: { result: [{ key: "Leads", label: "Leads (Leads)" }, { key: "Price_Books", label: "Price Books (Price_Books)" }] },
});
