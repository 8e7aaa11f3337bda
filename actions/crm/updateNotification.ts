import { exampleChannelResult } from "../../src/examples";
import { channelFields, channelResult, toChannelSettings } from "../../src/fields/channels";
import { replaceChannel } from "../../src/crm/channels";
import { zohoAction } from "../../src/step";

export const crmUpdateNotification = zohoAction({
  display: {
    label: "Update Notification",
    description: "Replace a watch channel's events, URL, token, expiry and conditions with the values given.",
  },
  fields: channelFields,
  perform: async (_context, input, client) => {
    const settings = toChannelSettings(input);
    const outcome = await replaceChannel(client, settings);
    return { data: channelResult(settings.channelId, outcome) };
  },
  examplePayload: { data: exampleChannelResult },
});
