import { action } from "@prismatic-io/spectral";
import { z } from "zod";
import { clientFor } from "../../src/context";
import { ZohoError } from "../../src/errors";
import { exampleChannelResult } from "../../src/examples";
import { channelExpiry, channelId, connectionInput, debugRequest } from "../../src/inputs";
import { channelIdSchema, channelResult } from "../../src/notificationInputs";
import { getChannel, replaceChannel, WEEK_MS } from "../../src/notifications";
import { optionalText, parseInputs } from "../../src/validate";

/** Zoho lists a channel's events as objects ({module, operation}) or strings; the watch call wants strings. */
const eventNames = (channel: Record<string, any>): string[] =>
  (channel.events ?? []).map((e: any) => (typeof e === "string" ? e : `${e.module?.api_name ?? e.module}.${e.operation}`));

export const crmRenewNotificationChannel = action({
  display: {
    label: "Renew Notification Channel",
    description:
      "Move a watch channel's expiry forward (default: one week, Zoho's maximum), keeping its other settings. Run it daily from a scheduled flow to keep channels of quiet modules alive.",
  },
  inputs: { connection: connectionInput, channelId, channelExpiry, debugRequest },
  perform: async (context, params) => {
    const input = parseInputs(
      z.object({ channelId: channelIdSchema, channelExpiry: optionalText.refine((v) => v === undefined || !Number.isNaN(Date.parse(v)), "must be an ISO 8601 time") }),
      params,
      { channelId: "Channel ID", channelExpiry: "Channel Expiry" },
    );
    const client = clientFor(context, params);
    const channel = await getChannel(client, input.channelId);
    if (!channel) {
      throw new ZohoError(`Zoho has no channel ${input.channelId}: it expired or was disabled. Enable it again (or redeploy the instance for trigger channels).`, { status: 404 });
    }
    const outcome = await replaceChannel(client, {
      channelId: input.channelId,
      events: eventNames(channel),
      notifyUrl: channel.notify_url,
      token: channel.token ?? undefined,
      expiresAt: input.channelExpiry ? Date.parse(input.channelExpiry) : Date.now() + WEEK_MS - 60_000,
      returnAffectedFieldValues: channel.return_affected_field_values,
      notifyOnRelatedAction: channel.notify_on_related_action,
      notificationCondition: channel.notification_condition ?? undefined,
    });
    return { data: channelResult(input.channelId, outcome) };
  },
  examplePayload: { data: exampleChannelResult },
});
