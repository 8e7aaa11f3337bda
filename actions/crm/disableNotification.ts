import { input } from "@prismatic-io/spectral";
import { z } from "zod/v3";
import { channelIdSchema } from "../../src/fields/channels";
import { cleanPass, field } from "../../src/fields/field";
import { disableChannels } from "../../src/crm/channels";
import { zohoAction } from "../../src/step";

const channelIds = field(
  input({
    label: "Channel IDs",
    type: "string",
    collection: "valuelist",
    required: true,
    dataSource: "selectNotificationChannel",
    comments: "The numeric ids of the watch channels to disable.",
    example: "1000000068001",
    clean: cleanPass,
  }),
  () =>
    z.preprocess(
      (v) => (typeof v === "string" ? v.split(",") : v),
      z.array(channelIdSchema()).min(1, "list at least one channel id").max(100, "at most 100 channels per call"),
    ),
);

export const crmDisableNotification = zohoAction({
  display: { label: "Disable Notifications", description: "Disable whole watch channels. Channels that are already gone are not an error." },
  fields: { channelIds },
  perform: async (_context, input, client) => {
    return { data: await disableChannels(client, input.channelIds) };
  },
  examplePayload: { data: [{ channelId: "1000000068001", status: "success", code: "SUCCESS", message: "Successfully unsubscribed from actions-watch" }] },
});
