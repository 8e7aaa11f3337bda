import { dataSource } from "@prismatic-io/spectral";
import { clientFor } from "../src/context";
import { connectionInput } from "../src/inputs";
import { listActiveUsers } from "../src/metadata";

export const selectCrmUser = dataSource({
  display: { label: "Select CRM User", description: "Pick one of the CRM org's active users by name and email; the value is the user's id." },
  dataSourceType: "picklist",
  inputs: { connection: connectionInput },
  perform: async (context, params) => {
    const users = await listActiveUsers(clientFor(context, params));
    return {
      result: users
        .map((user) => ({ key: String(user.id), label: `${user.full_name ?? user.id} <${user.email ?? "no email"}>` }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    };
  },
  examplePayload: { result: [{ key: "5725767000000411001", label: "Patricia Boyle <patricia.boyle@example.com>" }] },
});
