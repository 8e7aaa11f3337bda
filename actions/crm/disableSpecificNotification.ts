import { exampleChannelResult } from "../../src/examples";
import { channelId, channelResult, events } from "../../src/fields/channels";
import { patchChannel } from "../../src/crm/channels";
import { zohoAction } from "../../src/step";

export const crmDisableSpecificNotification = zohoAction({
  display: { label: "Disable Specific Notifications", description: "Stop some events of a watch channel (e.g. Leads.delete) and keep the rest." },
  fields: { channelId, events },
  perform: async (_context, input, client) => {
    const outcome = await patchChannel(client, { channelId: input.channelId, events: input.events }, true);
    return { data: channelResult(input.channelId, outcome) };
  },
  examplePayload: { data: exampleChannelResult },
});
