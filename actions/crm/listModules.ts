import { listModules, supportsNotifications } from "../../src/crm/metadata";
import { zohoAction } from "../../src/step";

export const crmListModules = zohoAction({
  display: {
    label: "List Modules",
    description: "List the CRM modules the API can use (custom modules included), with their API names and labels.",
  },
  fields: {},
  perform: async (_context, _input, client) => {
    const modules = await listModules(client);
    return {
      data: modules.map((m) => ({
        api_name: m.api_name,
        module_name: m.module_name ?? m.api_name,
        singular_label: m.singular_label ?? m.api_name,
        plural_label: m.plural_label ?? m.api_name,
        id: String(m.id ?? ""),
        generated_type: m.generated_type ?? "default",
        creatable: m.creatable !== false,
        editable: m.editable !== false,
        deletable: m.deletable !== false,
        notification_supported: supportsNotifications(m),
      })),
    };
  },
  examplePayload: {
    data: [
      {
        api_name: "Leads",
        module_name: "Leads",
        singular_label: "Lead",
        plural_label: "Leads",
        id: "5725767000000002175",
        generated_type: "default",
        creatable: true,
        editable: true,
        deletable: true,
        notification_supported: true,
      },
    ],
  },
});
