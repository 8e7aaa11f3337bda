/**
 * Watch channels over real HTTP: enabling, listing, replacing, updating and disabling them, Zoho's
 * validation, and the callbacks the sandbox POSTs to a loopback receiver when records change.
 */
import { flushDeliveries } from "../../sandbox/crm/notifications/notifications";
import { deliveriesOf, type Delivery } from "../../sandbox/crm/callbacks";
import { insertRecord } from "../../sandbox/crm/records/writes";
import { zohoTime } from "../../sandbox/respond";
import type { DataCenterKey } from "../../sandbox/types";
import { json, loopback } from "../helpers/loopback";
import { connectionFor, useSandbox, type TestSandbox } from "../helpers/sandbox";
import { crmCall } from "./crmApi";
import { emptyRecycleBin } from "../../sandbox/crm/records/deleted";
import { dropChannel } from "../../sandbox/crm/notifications/watchChannels";
import { flushWatchDeliveries, redeliver, releaseDeliveries, setDeliveryBehaviour } from "../../sandbox/crm/notifications/watchDelivery";
import { deletedRecordPages, deletedRecords } from "../../src/crm/deleted";
import { stepTransport } from "../../src/http/transport";
import { clientOfConnection } from "../../src/http/connection";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** The sandbox clock runs in real time, so an expiry computed from it lands within a moment of the expected one. */
const expectAround = (iso: string, expectedMs: number) => {
  expect(Date.parse(iso)).toBeGreaterThanOrEqual(expectedMs - 1000);
  expect(Date.parse(iso)).toBeLessThanOrEqual(expectedMs + 2000);
};

const caller = (sandbox: () => TestSandbox) => (method: string, path: string, json?: unknown, dc?: DataCenterKey) =>
  crmCall(sandbox(), method, path, { json, dc });

let receiver: Awaited<ReturnType<typeof loopback>>;
let channelSeq = 1000000068000;
const nextChannelId = () => String(++channelSeq);

beforeAll(async () => {
  receiver = await loopback((_req, res) => json(res, 200, { ok: true }));
});
afterAll(() => receiver.close());

const received = () => receiver.seen.map((seen) => JSON.parse(seen.body));

/** Calls and record writes against one sandbox, and the deliveries it made. */
const channelTools = (sandbox: () => TestSandbox) => {
  const call = caller(sandbox);
  const now = () => sandbox().clock.now();

  const enable = (watch: Record<string, unknown>, dc?: DataCenterKey) =>
    call("POST", "/crm/v8/actions/watch", { watch: [{ notify_url: `${receiver.url}/zoho`, ...watch }] }, dc);

  const createLead = async (fields: Record<string, unknown> = {}) => {
    const answer = await call("POST", "/crm/v8/Leads", { data: [{ Last_Name: "Frey", Company: "Zylker", ...fields }] });
    expect(answer.status).toBe(201);
    return answer.body.data[0].details.id as string;
  };
  const editLead = (id: string, fields: Record<string, unknown>) => call("PUT", `/crm/v8/Leads/${id}`, { data: [fields] });
  const deleteLead = (id: string) => call("DELETE", `/crm/v8/Leads?ids=${id}`);

  /** Deliveries made for one channel, once every pending call has settled. */
  const deliveriesTo = async (channelId: string): Promise<Delivery[]> => {
    await flushDeliveries(sandbox().state);
    return deliveriesOf(sandbox().state).filter((d) => d.source === channelId);
  };
  return { call, now, enable, createLead, editLead, deleteLead, deliveriesTo };
};

beforeEach(() => {
  receiver.seen.length = 0;
});

describe("watch channels", () => {
  const sandbox = useSandbox();
  const { call, now, enable, createLead, editLead, deleteLead, deliveriesTo } = channelTools(sandbox);

  it("enables a channel and answers Zoho's success entry per module", async () => {
    const channelId = nextChannelId();
    const enabledAt = now();
    const answer = await enable({ channel_id: Number(channelId), events: ["Leads.create", "Contacts.all"], token: "secret-1" });
    expect(answer.status).toBe(201);
    const leads = sandbox().state.crm.modules.get("Leads")!;
    expect(answer.body.watch).toEqual([
      {
        code: "SUCCESS",
        status: "success",
        message: "Successfully subscribed for actions-watch of the given module",
        details: {
          events: [
            {
              channel_expiry: expect.any(String),
              resource_uri: "https://www.zohoapis.com/crm/v8/Leads",
              resource_id: leads.id,
              resource_name: "Leads",
              channel_id: channelId,
              notification_condition: [],
            },
            expect.objectContaining({ resource_name: "Contacts", resource_uri: "https://www.zohoapis.com/crm/v8/Contacts" }),
          ],
        },
      },
    ]);
    expectAround(answer.body.watch[0].details.events[0].channel_expiry, enabledAt + HOUR);
    await call("DELETE", `/crm/v8/actions/watch?channel_ids=${channelId}`);
  });

  it("lists channels one entry per module, filters by channel and module, pages, and answers 204 when none", async () => {
    const first = nextChannelId();
    const second = nextChannelId();
    await enable({ channel_id: first, events: ["Leads.all", "Deals.edit"], token: "t1" });
    await enable({ channel_id: second, events: ["Contacts.delete"] });

    const all = await call("GET", "/crm/v8/actions/watch");
    expect(all.status).toBe(200);
    expect(all.body.watch.map((w: any) => [w.channel_id, w.resource_name, w.events])).toEqual([
      [first, "Leads", ["Leads.all"]],
      [first, "Deals", ["Deals.edit"]],
      [second, "Contacts", ["Contacts.delete"]],
    ]);
    expect(all.body.watch[0]).toMatchObject({ notify_url: `${receiver.url}/zoho`, token: "t1", return_affected_field_values: false });
    expect(all.body.info).toEqual({ per_page: 200, count: 3, page: 1, more_records: false });

    const byChannel = await call("GET", `/crm/v8/actions/watch?channel_id=${second}`);
    expect(byChannel.body.watch.map((w: any) => w.resource_name)).toEqual(["Contacts"]);
    const byModule = await call("GET", "/crm/v8/actions/watch?module=Deals");
    expect(byModule.body.watch.map((w: any) => w.channel_id)).toEqual([first]);
    const paged = await call("GET", "/crm/v8/actions/watch?per_page=2&page=2");
    expect(paged.body.info).toEqual({ per_page: 2, count: 1, page: 2, more_records: false });
    expect((await call("GET", "/crm/v8/actions/watch?per_page=2")).body.info.more_records).toBe(true);

    const disabled = await call("DELETE", `/crm/v8/actions/watch?channel_ids=${first},${second}`);
    expect(disabled.status).toBe(200);
    expect(disabled.body.watch).toEqual(
      [first, second].map((id) => ({
        code: "SUCCESS",
        status: "success",
        message: "Successfully un-subscribed from actions-watch",
        details: { channel_id: id },
      })),
    );
    expect((await call("GET", "/crm/v8/actions/watch")).status).toBe(204);
  });

  it("POSTs Zoho's callback body for create, edit and delete", async () => {
    const channelId = nextChannelId();
    await enable({ channel_id: channelId, events: ["Leads.all"], token: "tok-123", notify_url: `${receiver.url}/zoho?flow=abc&key2=v2` });

    // The sandbox clock runs on from its start time, so each callback's server_time falls within its call.
    const during = async (write: () => Promise<unknown>) => {
      const before = now();
      await write();
      return [before, now()];
    };
    let id = "";
    const windows = [await during(async () => (id = await createLead()))];
    sandbox().clock.advance(5000);
    windows.push(await during(() => editLead(id, { Company: "Zylker Corp" })));
    sandbox().clock.advance(5000);
    windows.push(await during(() => deleteLead(id)));

    const deliveries = await deliveriesTo(channelId);
    expect(deliveries.map((d) => [d.status, d.url])).toEqual(Array(3).fill([200, `${receiver.url}/zoho?flow=abc&key2=v2`]));
    const base = {
      query_params: { flow: "abc", key2: "v2" },
      module: "Leads",
      resource_uri: "https://www.zohoapis.com/crm/v8/Leads",
      ids: [id],
      affected_fields: [],
      channel_id: channelId,
      token: "tok-123",
    };
    const bodies = received();
    expect(bodies).toEqual([
      { ...base, server_time: expect.any(Number), operation: "insert" },
      { ...base, server_time: expect.any(Number), operation: "update" },
      { ...base, server_time: expect.any(Number), operation: "delete" },
    ]);
    bodies.forEach((body, i) => {
      expect(body.server_time).toBeGreaterThanOrEqual(windows[i][0]);
      expect(body.server_time).toBeLessThanOrEqual(windows[i][1]);
    });
    expect(receiver.seen.every((seen) => seen.method === "POST" && seen.url === "/zoho?flow=abc&key2=v2")).toBe(true);
    expect(receiver.seen[0].headers["content-type"]).toBe("application/json");
    await call("DELETE", `/crm/v8/actions/watch?channel_ids=${channelId}`);
  });

  it("delivers only the operations and modules a channel watches", async () => {
    const creates = nextChannelId();
    const contacts = nextChannelId();
    await enable({ channel_id: creates, events: ["Leads.create"] });
    await enable({ channel_id: contacts, events: ["Contacts.all"] });

    const id = await createLead();
    await editLead(id, { Company: "Other" });
    await deleteLead(id);

    expect((await deliveriesTo(creates)).map((d) => d.body.operation)).toEqual(["insert"]);
    expect(await deliveriesTo(contacts)).toEqual([]);
    await call("DELETE", `/crm/v8/actions/watch?channel_ids=${creates},${contacts}`);
  });

  it("sends affected fields and values when asked, and honours a field-selection condition on edits", async () => {
    const channelId = nextChannelId();
    const answer = await enable({
      channel_id: channelId,
      events: ["Leads.create", "Leads.edit"],
      return_affected_field_values: true,
      notification_condition: [
        {
          type: "field_selection",
          module: { api_name: "Leads" },
          field_selection: { group_operator: "or", group: [{ field: { api_name: "Email" } }, { field: { api_name: "Lead_Status" } }] },
        },
      ],
    });
    expect(answer.status).toBe(201);
    expect(answer.body.watch[0].details.events[0].notification_condition).toEqual([
      expect.objectContaining({ type: "field_selection", module: expect.objectContaining({ api_name: "Leads" }) }),
    ]);

    const id = await createLead({ Email: "frey@zylker.com" });
    await editLead(id, { Company: "Not watched" });
    await editLead(id, { Lead_Status: "Contacted", Company: "Watched too" });

    const bodies = (await deliveriesTo(channelId)).map((d) => d.body);
    expect(bodies.map((b) => b.operation)).toEqual(["insert", "update"]);
    expect(bodies[0].affected_fields).toEqual([]);
    expect(bodies[0].affected_values).toEqual([
      { record_id: id, values: expect.objectContaining({ Last_Name: "Frey", Company: "Zylker", Email: "frey@zylker.com" }) },
    ]);
    expect(bodies[1].affected_fields).toEqual([{ [id]: expect.arrayContaining(["Lead_Status", "Company"]) }]);
    expect(bodies[1].affected_values).toEqual([{ record_id: id, values: expect.objectContaining({ Lead_Status: "Contacted", Company: "Watched too" }) }]);
    await call("DELETE", `/crm/v8/actions/watch?channel_ids=${channelId}`);
  });

  it("tells channels that ask for related actions about a note added to a watched record, as an edit", async () => {
    const related = nextChannelId();
    const plain = nextChannelId();
    await enable({ channel_id: related, events: ["Leads.edit"], notify_on_related_action: true });
    await enable({ channel_id: plain, events: ["Leads.edit"] });
    const id = await createLead();
    // Stored as notes.ts stores a note, so this test does not depend on the Notes endpoints' own contract.
    insertRecord(sandbox().state, "Notes", { Note_Content: "Call back on Tuesday", Parent_Id: { module: { api_name: "Leads" }, id, name: "Frey" } });
    expect((await deliveriesTo(related)).map((d) => [d.body.module, d.body.operation, d.body.ids])).toEqual([["Leads", "update", [id]]]);
    expect(await deliveriesTo(plain)).toEqual([]);
    await call("DELETE", `/crm/v8/actions/watch?channel_ids=${related},${plain}`);
  });

  it("stops delivering once a channel expires on the sandbox clock, one hour by default and one week at most", async () => {
    const hourly = nextChannelId();
    const weekly = nextChannelId();
    await enable({ channel_id: hourly, events: ["Leads.create"] });
    const weekAhead = zohoTime(now() + 7 * DAY);
    const week = await enable({ channel_id: weekly, events: ["Leads.create"], channel_expiry: weekAhead });
    expect(week.body.watch[0].details.events[0].channel_expiry).toBe(weekAhead);

    sandbox().clock.advance(HOUR + 1000);
    await createLead();
    expect(await deliveriesTo(hourly)).toEqual([]);
    expect(await deliveriesTo(weekly)).toHaveLength(1);
    expect((await call("GET", "/crm/v8/actions/watch")).body.watch.map((w: any) => w.channel_id)).toEqual([weekly]);

    sandbox().clock.advance(7 * DAY);
    await createLead();
    expect(await deliveriesTo(weekly)).toHaveLength(1);
    expect((await call("GET", "/crm/v8/actions/watch")).status).toBe(204);
  });

  it("falls back to the one-hour default when channel_expiry is more than a week ahead, as Zoho documents", async () => {
    const channelId = nextChannelId();
    const enabledAt = now();
    const answer = await enable({ channel_id: channelId, events: ["Leads.create"], channel_expiry: zohoTime(now() + 8 * DAY) });
    expect(answer.status).toBe(201);
    expectAround(answer.body.watch[0].details.events[0].channel_expiry, enabledAt + HOUR);
    await call("DELETE", `/crm/v8/actions/watch?channel_ids=${channelId}`);
  });

  it("adds events with PATCH and removes only the listed ones with _delete_events", async () => {
    const channelId = nextChannelId();
    await enable({ channel_id: channelId, events: ["Leads.create"], token: "keep-me" });

    const added = await call("PATCH", "/crm/v8/actions/watch", { watch: [{ channel_id: channelId, events: ["Leads.edit", "Deals.all"] }] });
    expect(added.status).toBe(200);
    expect(added.body.watch[0]).toMatchObject({ code: "SUCCESS", message: "Successfully updated the subscribe details" });
    const listed = await call("GET", `/crm/v8/actions/watch?channel_id=${channelId}`);
    expect(listed.body.watch.map((w: any) => [w.resource_name, w.events, w.token])).toEqual([
      ["Leads", ["Leads.create", "Leads.edit"], "keep-me"],
      ["Deals", ["Deals.all"], "keep-me"],
    ]);

    const removed = await call("PATCH", "/crm/v8/actions/watch", {
      watch: [{ channel_id: channelId, events: ["Leads.create", "Deals.edit"], _delete_events: true }],
    });
    expect(removed.body.watch[0]).toMatchObject({ code: "SUCCESS", message: "Successfully removed the subscribe details" });
    const after = await call("GET", `/crm/v8/actions/watch?channel_id=${channelId}`);
    expect(after.body.watch.map((w: any) => w.events)).toEqual([["Leads.edit"], ["Deals.create", "Deals.delete"]]);

    const id = await createLead();
    await editLead(id, { Company: "Edited" });
    expect((await deliveriesTo(channelId)).map((d) => d.body.operation)).toEqual(["update"]);
    await call("DELETE", `/crm/v8/actions/watch?channel_ids=${channelId}`);
  });

  it("replaces a channel's settings with PUT", async () => {
    const channelId = nextChannelId();
    await enable({ channel_id: channelId, events: ["Leads.all"], token: "old" });
    const replaced = await call("PUT", "/crm/v8/actions/watch", {
      watch: [{ channel_id: channelId, events: ["Contacts.create"], notify_url: `${receiver.url}/new`, token: "new" }],
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.watch[0].message).toBe("Successfully updated the subscribe details");
    const listed = await call("GET", `/crm/v8/actions/watch?channel_id=${channelId}`);
    expect(listed.body.watch).toEqual([
      expect.objectContaining({ resource_name: "Contacts", events: ["Contacts.create"], token: "new", notify_url: `${receiver.url}/new` }),
    ]);
    await createLead();
    expect(await deliveriesTo(channelId)).toEqual([]);
    await call("DELETE", `/crm/v8/actions/watch?channel_ids=${channelId}`);
  });

  it("answers NOT_SUBSCRIBED for channels it does not know, and keeps channels per data center", async () => {
    const euChannel = nextChannelId();
    const eu = await enable({ channel_id: euChannel, events: ["Leads.create"] }, "eu");
    expect(eu.body.watch[0].details.events[0].resource_uri).toBe("https://www.zohoapis.eu/crm/v8/Leads");
    expect((await call("GET", "/crm/v8/actions/watch")).status).toBe(204);
    expect((await call("GET", "/crm/v8/actions/watch", undefined, "eu")).body.watch).toHaveLength(1);

    const patched = await call("PATCH", "/crm/v8/actions/watch", { watch: [{ channel_id: euChannel, events: ["Leads.edit"] }] });
    expect(patched.status).toBe(202);
    expect(patched.body.watch).toEqual([
      { code: "NOT_SUBSCRIBED", details: { channel_id: euChannel }, message: "the given channel is not subscribed", status: "error" },
    ]);
    const disabled = await call("DELETE", `/crm/v8/actions/watch?channel_ids=${euChannel}`);
    expect(disabled.status).toBe(202);
    expect(disabled.body.watch[0].code).toBe("NOT_SUBSCRIBED");
    expect((await call("DELETE", `/crm/v8/actions/watch?channel_ids=${euChannel}`, undefined, "eu")).status).toBe(200);
  });

  it("records a failed delivery and keeps serving", async () => {
    const down = await loopback(() => undefined);
    const deadUrl = `${down.url}/gone`;
    await down.close();
    const channelId = nextChannelId();
    await enable({ channel_id: channelId, events: ["Leads.create"], notify_url: deadUrl });
    await createLead();
    const [delivery] = await deliveriesTo(channelId);
    expect(delivery).toMatchObject({ url: deadUrl, error: expect.any(String) });
    expect(delivery.status).toBeUndefined();
    expect((await call("GET", "/crm/v8/actions/watch")).status).toBe(200);
    await call("DELETE", `/crm/v8/actions/watch?channel_ids=${channelId}`);
  });
});

describe("watch requests Zoho rejects", () => {
  // These calls break the request schema on purpose, so the contract check would only repeat the point.
  const sandbox = useSandbox({ contract: false });
  const call = caller(sandbox);
  const valid = () => ({ channel_id: "1000000068999", events: ["Leads.create"], notify_url: "https://example.com/hook" });
  const enableOne = (watch: Record<string, unknown>) => call("POST", "/crm/v8/actions/watch", { watch: [watch] });

  it.each([
    ["channel_id missing", { channel_id: undefined }, "MANDATORY_NOT_FOUND", "channel_id", "$.watch[0].channel_id"],
    ["channel_id not a long", { channel_id: "abc" }, "INVALID_DATA", "channel_id", "$.watch[0].channel_id"],
    ["notify_url missing", { notify_url: undefined }, "MANDATORY_NOT_FOUND", "notify_url", "$.watch[0].notify_url"],
    ["notify_url not a URL", { notify_url: "not a url" }, "INVALID_DATA", "notify_url", "$.watch[0].notify_url"],
    ["events empty", { events: [] }, "INVALID_DATA", "events", "$.watch[0].events"],
    ["unknown module", { events: ["Nope.create"] }, "INVALID_DATA", "events", "$.watch[0].events[0]"],
    ["unknown operation", { events: ["Leads.update"] }, "INVALID_DATA", "events", "$.watch[0].events[0]"],
    ["token over 50 characters", { token: "x".repeat(51) }, "INVALID_DATA", "token", "$.watch[0].token"],
    ["expiry not ISO 8601", { channel_expiry: "tomorrow" }, "INVALID_DATA", "channel_expiry", "$.watch[0].channel_expiry"],
    ["expiry in the past", { channel_expiry: "2001-01-01T00:00:00+00:00" }, "INVALID_DATA", "channel_expiry", "$.watch[0].channel_expiry"],
  ])("%s → 202 with the entry's error, nothing enabled", async (_name, change, code, apiName, jsonPath) => {
    const answer = await enableOne({ ...valid(), ...change });
    expect(answer.status).toBe(202);
    expect(answer.body.watch).toEqual([
      { code, details: expect.objectContaining({ api_name: apiName, json_path: jsonPath }), message: expect.any(String), status: "error" },
    ]);
    expect((await call("GET", "/crm/v8/actions/watch")).status).toBe(204);
  });

  it("accepts a token of exactly 50 characters", async () => {
    const answer = await enableOne({ ...valid(), token: "x".repeat(50) });
    expect(answer.status).toBe(201);
    await call("DELETE", "/crm/v8/actions/watch?channel_ids=1000000068999");
  });

  it("rejects the whole call when one entry is bad", async () => {
    const answer = await call("POST", "/crm/v8/actions/watch", {
      watch: [valid(), { ...valid(), channel_id: "1000000068998", token: "y".repeat(60) }],
    });
    expect(answer.status).toBe(202);
    expect(answer.body.watch[0].details.json_path).toBe("$.watch[1].token");
    expect((await call("GET", "/crm/v8/actions/watch")).status).toBe(204);
  });

  it("answers 400 without a watch array or without channel_ids", async () => {
    const noWatch = await call("POST", "/crm/v8/actions/watch", {});
    expect(noWatch.status).toBe(400);
    expect(noWatch.body).toEqual({
      code: "MANDATORY_NOT_FOUND",
      details: { api_name: "watch", json_path: "$.watch" },
      message: "required field not found",
      status: "error",
    });
    const missing = await call("DELETE", "/crm/v8/actions/watch");
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: "REQUIRED_PARAM_MISSING", details: { param_name: "channel_ids" } });
  });
});

describe("channels dropped from outside, callbacks held, late and repeated", () => {
  const sandbox = useSandbox();
  const { enable, createLead, deliveriesTo, call } = channelTools(sandbox);

  it("an admin's deletion removes the channel: Zoho lists it no more and posts nothing to it", async () => {
    const channelId = nextChannelId();
    await enable({ channel_id: Number(channelId), events: ["Leads.create"], channel_expiry: zohoTime(sandbox().clock.now() + DAY) });
    expect(dropChannel(sandbox().state, channelId)).toBe(true);
    expect(dropChannel(sandbox().state, channelId)).toBe(false);
    expect((await call("GET", `/crm/v8/actions/watch?channel_id=${channelId}`)).status).toBe(204);
    await createLead();
    expect(await deliveriesTo(channelId)).toHaveLength(0);
  });

  it("holds callbacks until released, repeats them a moment apart, and resends one unchanged", async () => {
    const state = sandbox().state;
    const channelId = nextChannelId();
    await enable({ channel_id: Number(channelId), events: ["Leads.create"], channel_expiry: zohoTime(sandbox().clock.now() + DAY), token: "held" });
    setDeliveryBehaviour(state, { hold: true });
    const held = await createLead();
    expect(await deliveriesTo(channelId)).toHaveLength(0);
    releaseDeliveries(state);
    const [first] = await deliveriesTo(channelId);
    expect(first.body).toMatchObject({ ids: [held], operation: "insert", token: "held" });
    // The body keeps the time of the change, not of the late post.
    expect(first.body.server_time as number).toBeLessThanOrEqual(first.at);

    setDeliveryBehaviour(state, { repeat: 2, repeatGapMs: 20 });
    const repeated = await createLead();
    await flushWatchDeliveries(state);
    const copies = (await deliveriesTo(channelId)).filter((d) => (d.body.ids as string[])[0] === repeated);
    expect(copies).toHaveLength(3);
    expect(new Set(copies.map((d) => JSON.stringify(d.body))).size).toBe(1);
    setDeliveryBehaviour(state, {});

    redeliver(state, first);
    const again = (await deliveriesTo(channelId)).filter((d) => (d.body.ids as string[])[0] === held);
    expect(again.map((d) => d.body)).toEqual([first.body, first.body]);
    expect(again.every((d) => d.status === 200)).toBe(true);
  });
});

describe("deleted records (GET /{module}/deleted)", () => {
  const sandbox = useSandbox();
  const { createLead, call } = channelTools(sandbox);

  it("lists deleted records newest first with their name, who deleted them and when; type, paging and If-Modified-Since narrow it", async () => {
    expect((await call("GET", "/crm/v8/Leads/deleted")).status).toBe(204);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await createLead({ Last_Name: `Gone ${i}` }));
    await call("DELETE", `/crm/v8/Leads?ids=${ids.slice(0, 3).join(",")}`);
    sandbox().clock.advance(HOUR);
    const later = sandbox().clock.now();
    await call("DELETE", `/crm/v8/Leads?ids=${ids.slice(3).join(",")}`);

    const all = await call("GET", "/crm/v8/Leads/deleted");
    expect(all.status).toBe(200);
    expect(all.body.data.map((d: any) => d.id)).toEqual([ids[4], ids[3], ids[2], ids[1], ids[0]]);
    expect(all.body.data[0]).toMatchObject({
      id: ids[4],
      display_name: "Gone 4",
      type: "recycle",
      deleted_by: { id: expect.any(String), name: expect.any(String) },
    });
    expect(Date.parse(all.body.data[0].deleted_time)).toBeGreaterThanOrEqual(later - 1000);
    expect(all.body.info).toEqual({ per_page: 200, count: 5, page: 1, more_records: false });

    const page1 = await call("GET", "/crm/v8/Leads/deleted?per_page=2&page=1");
    const page3 = await call("GET", "/crm/v8/Leads/deleted?per_page=2&page=3");
    expect(page1.body.info).toMatchObject({ count: 2, more_records: true });
    expect(page3.body.data.map((d: any) => d.id)).toEqual([ids[0]]);
    expect(page3.body.info.more_records).toBe(false);

    const recent = await crmCall(sandbox(), "GET", "/crm/v8/Leads/deleted", { headers: { "If-Modified-Since": zohoTime(later - 1000) } });
    expect(recent.body.data.map((d: any) => d.id)).toEqual([ids[4], ids[3]]);

    emptyRecycleBin(sandbox().state, "Leads");
    expect((await call("GET", "/crm/v8/Leads/deleted?type=recycle")).status).toBe(204);
    const permanent = await call("GET", "/crm/v8/Leads/deleted?type=permanent");
    expect(permanent.body.data.every((d: any) => d.type === "permanent")).toBe(true);
    expect(permanent.body.data).toHaveLength(5);
    expect((await call("GET", "/crm/v8/Contacts/deleted")).status).toBe(204);
  });

  it("refuses an unknown type or module and a token without the module's read scope, as Zoho does", async () => {
    const badType = await call("GET", "/crm/v8/Leads/deleted?type=some");
    expect(badType.status).toBe(400);
    expect(badType.body).toMatchObject({ code: "INVALID_DATA", details: { param_name: "type" } });
    expect((await call("GET", "/crm/v8/Nonexistent/deleted")).body).toMatchObject({ code: "INVALID_MODULE" });
    const noScope = await crmCall(sandbox(), "GET", "/crm/v8/Leads/deleted", { scopes: ["ZohoCRM.modules.contacts.READ"] });
    expect(noScope.status).toBe(403);
    expect(noScope.body).toMatchObject({ code: "OAUTH_SCOPE_MISMATCH" });
  });
});

describe("deletedRecordPages (src/crm/deleted.ts) against the sandbox", () => {
  const sandbox = useSandbox();
  const { createLead, call } = channelTools(sandbox);

  it("reads every page, and only deletions since a time", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await createLead({ Last_Name: `Paged ${i}` }));
    await call("DELETE", `/crm/v8/Leads?ids=${ids.slice(0, 4).join(",")}`);
    sandbox().clock.advance(HOUR);
    const cut = sandbox().clock.now();
    await call("DELETE", `/crm/v8/Leads?ids=${ids.slice(4).join(",")}`);
    const client = clientOfConnection(connectionFor(sandbox()) as never, { transport: stepTransport() });
    const pages: string[][] = [];
    for await (const page of deletedRecordPages(client, "Leads", { perPage: 3 })) pages.push(page.map((r) => r.id));
    expect(pages).toEqual([[ids[6], ids[5], ids[4]], [ids[3], ids[2], ids[1]], [ids[0]]]);
    expect((await deletedRecords(client, "Leads", { since: cut - 1000, type: "recycle" })).map((r) => r.id)).toEqual([ids[6], ids[5], ids[4]]);
  });
});
