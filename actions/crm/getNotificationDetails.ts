import { exampleChannelEvent } from "../../src/examples";
import { channelFilter, moduleFilter } from "../../src/fields/channels";
import { listChannels } from "../../src/crm/channels";
import { zohoAction } from "../../src/step";

export const crmGetNotificationDetails = zohoAction({
  display: { label: "Get Notification Details", description: "List watch channels with their events, URL and expiry, reading every page." },
  fields: { channelId: channelFilter, module: moduleFilter },
  perform: async (_context, input, client) => {
    return { data: await listChannels(client, { channel_id: input.channelId, module: input.module }) };
  },
  examplePayload: {
    data: [
      {
        ...exampleChannelEvent,
        events: ["Leads.create", "Leads.edit"],
        notify_url: "https://hooks.example.com/trigger/abc",
        token: "b1f0c3d2e4",
        return_affected_field_values: true,
        notify_on_related_action: false,
      },
    ],
  },
});
