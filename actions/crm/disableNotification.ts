import { action, input } from "@prismatic-io/spectral";
import { z } from "zod";
import { clientFor } from "../../src/context";
import { cleanPass, connectionInput, debugRequest } from "../../src/inputs";
import { channelIdSchema } from "../../src/notificationInputs";
import { disableChannels } from "../../src/notifications";
import { parseInputs } from "../../src/validate";

const channelIds = input({
  label: "Channel IDs",
  type: "string",
  collection: "valuelist",
  required: true,
  dataSource: "selectNotificationChannel",
  comments: "The numeric ids of the watch channels to disable.",
  example: "1000000068001",
  clean: cleanPass,
});

export const crmDisableNotification = action({
  display: { label: "Disable Notifications", description: "Disable whole watch channels. Channels that are already gone are not an error." },
  inputs: { connection: connectionInput, channelIds, debugRequest },
  perform: async (context, params) => {
    const { channelIds: ids } = parseInputs(
      z.object({ channelIds: z.preprocess((v) => (typeof v === "string" ? v.split(",") : v), z.array(channelIdSchema).min(1, "list at least one channel id").max(100, "at most 100 channels per call")) }),
      params,
      { channelIds: "Channel IDs" },
    );
    return { data: await disableChannels(clientFor(context, params), ids) };
  },
  examplePayload: { data: [{ channelId: "1000000068001", status: "success", code: "SUCCESS", message: "Successfully unsubscribed from actions-watch" }] },
});
