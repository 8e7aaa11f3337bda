import { listFromAddresses } from "../src/crm/email";
import { zohoDataSource } from "../src/step";

export const selectCrmFromAddress = zohoDataSource({
  display: {
    label: "Select CRM From Address",
    description: "Pick one of the sender addresses the connection's user may send CRM email from (their own and the org's); the value is the email address.",
  },
  dataSourceType: "picklist",
  fields: {},
  perform: async (_context, _input, client) => {
    const addresses = await listFromAddresses(client);
    return {
      result: addresses.map((a) => ({
        key: a.email,
        label: `${a.user_name} <${a.email}>${a.default ? " (default)" : a.type === "org_email" ? " (organization)" : ""}`,
      })),
    };
  },
  examplePayload: { result: [{ key: "patriciaboyle@zylker.com", label: "Patricia Boyle <patriciaboyle@zylker.com> (default)" }] },
});
