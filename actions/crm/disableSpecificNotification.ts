import { action } from "@prismatic-io/spectral";
import { z } from "zod";
import { clientFor } from "../../src/context";
import { exampleChannelResult } from "../../src/examples";
import { channelId, connectionInput, debugRequest, events } from "../../src/inputs";
import { channelIdSchema, channelResult, channelSchema } from "../../src/notificationInputs";
import { patchChannel } from "../../src/notifications";
import { parseInputs } from "../../src/validate";

export const crmDisableSpecificNotification = action({
  display: { label: "Disable Specific Notifications", description: "Stop some events of a watch channel (e.g. Leads.delete) and keep the rest." },
  inputs: { connection: connectionInput, channelId, events, debugRequest },
  perform: async (context, params) => {
    const input = parseInputs(z.object({ channelId: channelIdSchema, events: channelSchema.shape.events }), params, { channelId: "Channel ID", events: "Events" });
    const outcome = await patchChannel(clientFor(context, params), { channelId: input.channelId, events: input.events }, true);
    return { data: channelResult(input.channelId, outcome) };
  },
  examplePayload: { data: exampleChannelResult },
});
