import { invoke } from "@prismatic-io/spectral/dist/testing";
import { crmDisableNotification } from "../../../actions/crm/disableNotification";
import { crmDisableSpecificNotification } from "../../../actions/crm/disableSpecificNotification";
import { crmEnableNotification } from "../../../actions/crm/enableNotification";
import { crmGetNotificationDetails } from "../../../actions/crm/getNotificationDetails";
import { crmRenewNotificationChannel } from "../../../actions/crm/renewNotificationChannel";
import { crmUpdateNotification } from "../../../actions/crm/updateNotification";
import { connectionFor, useSandbox } from "../../helpers/sandbox";

const sandbox = useSandbox();
const notifyUrl = "https://hooks.example.com/trigger/abc";
const HOUR = 60 * 60 * 1000;

const enable = async (channelId: string, events = ["Leads.create", "Leads.edit"]) =>
  (await invoke(crmEnableNotification, { connection: connectionFor(sandbox()), channelId, events, notifyUrl, token: "verify-me" } as never)).result;

it("enable, list (channel_id), update, remove some events, renew and disable a channel", async () => {
  const enabled = await enable("1000000068001");
  expect(enabled).toMatchObject({ data: { channelId: "1000000068001", events: [expect.objectContaining({ resource_name: "Leads" })] } });
  expect(Date.parse((enabled as any).data.channelExpiry) - sandbox().clock.now()).toBeGreaterThan(6 * 24 * HOUR);

  let connection = connectionFor(sandbox());
  const details = (await invoke(crmGetNotificationDetails, { connection, channelId: "1000000068001" } as never)).result as any;
  expect(details.data).toHaveLength(1);
  expect(sandbox().log.at(-1)!.query).toMatchObject({ channel_id: "1000000068001" });

  const updated = (
    await invoke(crmUpdateNotification, {
      connection,
      channelId: "1000000068001",
      events: ["Leads.create", "Leads.edit", "Leads.delete"],
      notifyUrl,
      channelExpiry: new Date(sandbox().clock.now() + 2 * HOUR).toISOString(),
    } as never)
  ).result as any;
  expect(Date.parse(updated.data.channelExpiry) - sandbox().clock.now()).toBeLessThanOrEqual(2 * HOUR);
  await invoke(crmDisableSpecificNotification, { connection, channelId: "1000000068001", events: ["Leads.delete"] } as never);
  const remaining = (await invoke(crmGetNotificationDetails, { connection, channelId: "1000000068001" } as never)).result as any;
  expect(JSON.stringify(remaining.data[0].events)).not.toMatch(/delete/);

  // An hour later the access token has expired too; the platform refreshes it, as a new connection here.
  sandbox().clock.advance(HOUR);
  connection = connectionFor(sandbox());
  const renewed = (await invoke(crmRenewNotificationChannel, { connection, channelId: "1000000068001" } as never)).result as any;
  expect(Date.parse(renewed.data.channelExpiry) - sandbox().clock.now()).toBeGreaterThan(6 * 24 * HOUR);

  const disabled = (await invoke(crmDisableNotification, { connection, channelIds: ["1000000068001"] } as never)).result as any;
  expect(disabled.data[0]).toMatchObject({ status: "success" });
  const after = (await invoke(crmGetNotificationDetails, { connection, channelId: "1000000068001" } as never)).result as any;
  expect(after.data).toEqual([]);
});

it("details follow more_records across pages", async () => {
  for (let i = 0; i < 3; i++) await enable(String(2000000000000 + i));
  const all = (await invoke(crmGetNotificationDetails, { connection: connectionFor(sandbox()) } as never)).result as any;
  expect(all.data.length).toBeGreaterThanOrEqual(3);
});

it("bad input is rejected before any request", async () => {
  const before = sandbox().log.length;
  const connection = connectionFor(sandbox());
  await expect(invoke(crmEnableNotification, { connection, events: ["Leads.sometimes"], notifyUrl } as never)).rejects.toThrow(/Events/);
  await expect(invoke(crmEnableNotification, { connection, events: ["Leads.create"], notifyUrl: "not a url" } as never)).rejects.toThrow(/Notify URL/);
  await expect(invoke(crmEnableNotification, { connection, events: ["Leads.create"], notifyUrl, token: "x".repeat(51) } as never)).rejects.toThrow(
    /at most 50/,
  );
  await expect(invoke(crmDisableNotification, { connection, channelIds: ["abc"] } as never)).rejects.toThrow(/numeric channel id/);
  expect(sandbox().log.length).toBe(before);
});

it("renewing a channel Zoho no longer has says so", async () => {
  await expect(invoke(crmRenewNotificationChannel, { connection: connectionFor(sandbox()), channelId: "999" } as never)).rejects.toThrow(
    /expired or was disabled/,
  );
});
