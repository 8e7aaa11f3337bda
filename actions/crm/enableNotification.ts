import { action } from "@prismatic-io/spectral";
import { clientFor } from "../../src/context";
import { exampleChannelResult } from "../../src/examples";
import { channelExpiry, channelId, connectionInput, debugRequest, events, notificationCondition, notifyOnRelatedAction, notifyUrl, returnAffectedFieldValues, token } from "../../src/inputs";
import { enableChannel, newChannelId } from "../../src/notifications";
import { channelLabels, channelResult, channelSchema, toChannelSettings } from "../../src/notificationInputs";
import { parseInputs } from "../../src/validate";

export const crmEnableNotification = action({
  display: {
    label: "Enable Notifications",
    description: "Register a Zoho watch channel that posts record changes to a URL. Channels expire (one week at most): renew them with Renew Notification Channel.",
  },
  inputs: {
    connection: connectionInput,
    channelId: { ...channelId, required: false, dataSource: undefined, comments: "A numeric id for the new channel. Empty: a random id is generated." },
    events,
    notifyUrl,
    token,
    channelExpiry,
    returnAffectedFieldValues,
    notifyOnRelatedAction,
    notificationCondition,
    debugRequest,
  },
  perform: async (context, params) => {
    const input = parseInputs(channelSchema.partial({ channelId: true }), params, channelLabels);
    const settings = toChannelSettings({ ...input, channelId: input.channelId ?? newChannelId() });
    const outcome = await enableChannel(clientFor(context, params), settings);
    return { data: channelResult(settings.channelId, outcome) };
  },
  examplePayload: { data: exampleChannelResult },
});
