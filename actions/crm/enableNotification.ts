import { exampleChannelResult } from "../../src/examples";
import { channelFields, channelIdSchema, channelResult, toChannelSettings } from "../../src/fields/channels";
import { withInput, withSchema } from "../../src/fields/field";
import { enableChannel, newChannelId } from "../../src/crm/channels";
import { zohoAction } from "../../src/step";

const newId = withInput(
  withSchema(channelFields.channelId, () => channelIdSchema().optional()),
  { required: false, dataSource: undefined, comments: "A numeric id for the new channel. Empty: a random id is generated." },
);

export const crmEnableNotification = zohoAction({
  display: {
    label: "Enable Notifications",
    description:
      "Register a Zoho watch channel that posts record changes to a URL. Channels expire (one week at most): renew them with Renew Notification Channel.",
  },
  fields: { ...channelFields, channelId: newId },
  perform: async (_context, input, client) => {
    const settings = toChannelSettings({ ...input, channelId: input.channelId ?? newChannelId() });
    const outcome = await enableChannel(client, settings);
    return { data: channelResult(settings.channelId, outcome) };
  },
  examplePayload: { data: exampleChannelResult },
});
