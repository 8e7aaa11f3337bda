import { listActiveUsers } from "../src/crm/metadata";
import { zohoDataSource } from "../src/step";

export const selectCrmUser = zohoDataSource({
  display: { label: "Select CRM User", description: "Pick one of the CRM org's active users by name and email; the value is the user's id." },
  dataSourceType: "picklist",
  fields: {},
  perform: async (_context, _input, client) => {
    const users = await listActiveUsers(client);
    return {
      result: users
        .map((user) => ({ key: String(user.id), label: `${user.full_name ?? user.id} <${user.email ?? "no email"}>` }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    };
  },
  examplePayload: { result: [{ key: "5725767000000411001", label: "Patricia Boyle <patricia.boyle@example.com>" }] },
});
