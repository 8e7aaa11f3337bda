import { action, input } from "@prismatic-io/spectral";
import { z } from "zod";
import { clientFor } from "../../src/context";
import { exampleChannelEvent } from "../../src/examples";
import { cleanText, connectionInput, debugRequest } from "../../src/inputs";
import { channelIdSchema } from "../../src/notificationInputs";
import { listChannels } from "../../src/notifications";
import { moduleName, parseInputs } from "../../src/validate";

const channelFilter = input({
  label: "Channel ID",
  type: "string",
  required: false,
  dataSource: "selectNotificationChannel",
  comments: "Optional: only this channel. Empty: every channel of the org.",
  example: "1000000068001",
  clean: cleanText,
});

const moduleFilter = input({
  label: "Module",
  type: "string",
  required: false,
  dataSource: "selectCrmModule",
  comments: "Optional: only channels watching this module.",
  example: "Leads",
  clean: cleanText,
});

export const crmGetNotificationDetails = action({
  display: { label: "Get Notification Details", description: "List watch channels with their events, URL and expiry, reading every page." },
  inputs: { connection: connectionInput, channelId: channelFilter, module: moduleFilter, debugRequest },
  perform: async (context, params) => {
    const input = parseInputs(
      z.object({ channelId: z.preprocess((v) => (v === "" ? undefined : v), channelIdSchema.optional()), module: z.preprocess((v) => (v === "" ? undefined : v), moduleName.optional()) }),
      params,
      { channelId: "Channel ID", module: "Module" },
    );
    return { data: await listChannels(clientFor(context, params), { channel_id: input.channelId, module: input.module }) };
  },
  examplePayload: {
    data: [{ ...exampleChannelEvent, events: ["Leads.create", "Leads.edit"], notify_url: "https://hooks.example.com/trigger/abc", token: "b1f0c3d2e4", return_affected_field_values: true, notify_on_related_action: false }],
  },
});
