import { zohoDataSource } from "../src/step";

export const selectNotificationChannel = zohoDataSource({
  display: { label: "Select Notification Channel", description: "Pick one of the org's Zoho watch channels by its events and expiry." },
  dataSourceType: "picklist",
  fields: {},
  perform: async (_context, _input, client) => {
    const response = await client.request({ api: "crm", path: "/actions/watch" });
    const channels: Array<Record<string, any>> = response.status === 204 ? [] : (response.data?.watch ?? []);
    return {
      result: channels.map((c) => ({
        key: String(c.channel_id),
        label: `${(c.events ?? []).map((e: any) => (typeof e === "string" ? e : `${e.module?.api_name ?? ""}.${e.operation ?? ""}`)).join(", ")} until ${c.channel_expiry} (${c.channel_id})`,
      })),
    };
  },
  examplePayload: { result: [{ key: "1000000068001", label: "Leads.create, Leads.edit until 2026-11-29T10:00:00+00:00 (1000000068001)" }] },
});
