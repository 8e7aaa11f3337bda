import { action } from "@prismatic-io/spectral";
import { clientFor } from "../../src/context";
import { exampleChannelResult } from "../../src/examples";
import { channelExpiry, channelId, connectionInput, debugRequest, events, notificationCondition, notifyOnRelatedAction, notifyUrl, returnAffectedFieldValues, token } from "../../src/inputs";
import { channelLabels, channelResult, channelSchema, toChannelSettings } from "../../src/notificationInputs";
import { replaceChannel } from "../../src/notifications";
import { parseInputs } from "../../src/validate";

export const crmUpdateNotification = action({
  display: {
    label: "Update Notification",
    description: "Replace a watch channel's events, URL, token, expiry and conditions with the values given.",
  },
  inputs: { connection: connectionInput, channelId, events, notifyUrl, token, channelExpiry, returnAffectedFieldValues, notifyOnRelatedAction, notificationCondition, debugRequest },
  perform: async (context, params) => {
    const settings = toChannelSettings(parseInputs(channelSchema, params, channelLabels));
    const outcome = await replaceChannel(clientFor(context, params), settings);
    return { data: channelResult(settings.channelId, outcome) };
  },
  examplePayload: { data: exampleChannelResult },
});
