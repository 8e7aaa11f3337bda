import { ZohoError } from "../../src/http/errors";
import { exampleChannelResult } from "../../src/examples";
import { channelExpiry, channelId, channelResult } from "../../src/fields/channels";
import { getChannel, replaceChannel, WEEK_MS } from "../../src/crm/channels";
import { zohoAction } from "../../src/step";

/** Zoho lists a channel's events as objects ({module, operation}) or strings; the watch call wants strings. */
const eventNames = (channel: Record<string, any>): string[] =>
  (channel.events ?? []).map((e: any) => (typeof e === "string" ? e : `${e.module?.api_name ?? e.module}.${e.operation}`));

export const crmRenewNotificationChannel = zohoAction({
  display: {
    label: "Renew Notification Channel",
    description:
      "Move a watch channel's expiry forward (default: one week, Zoho's maximum), keeping its other settings. Run it daily from a scheduled flow to keep channels of quiet modules alive.",
  },
  fields: { channelId, channelExpiry },
  perform: async (_context, input, client) => {
    const channel = await getChannel(client, input.channelId);
    if (!channel) {
      throw new ZohoError(
        `Zoho has no channel ${input.channelId}: it expired or was disabled. Enable it again (or redeploy the instance for trigger channels).`,
        { status: 404 },
      );
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
