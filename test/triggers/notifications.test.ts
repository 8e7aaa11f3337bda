import { flushDeliveries } from "../../sandbox/crm/callbacks";
import {
  flushWatchDeliveries,
  notificationDeliveries,
  redeliver,
  releaseDeliveries,
  setDeliveryBehaviour,
} from "../../sandbox/crm/notifications/watchDelivery";
import { dropChannel, liveChannels } from "../../sandbox/crm/notifications/watchChannels";
import { connectionFor, useSandbox, type TestSandbox } from "../helpers/sandbox";
import { startPlatform, type Platform } from "./notificationsPlatform";

const sandbox = useSandbox();
const DAY = 24 * 60 * 60 * 1000;

/** The trigger reads the platform's clock; here it moves with the sandbox's (Zoho's) clock, timers stay real. */
const syncClock = (s: TestSandbox) => jest.setSystemTime(s.clock.now());

const api = async (method: string, path: string, body?: unknown) => {
  const s = sandbox();
  const response = await fetch(`${s.url}/crm/v8${path}`, {
    method,
    headers: { Authorization: `Zoho-oauthtoken ${s.issueToken({}).accessToken}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await response.json()) as any;
};

const createLeads = async (names: string[]) => {
  const ids: string[] = [];
  for (let i = 0; i < names.length; i += 100) {
    const body = await api("POST", "/Leads", { data: names.slice(i, i + 100).map((Last_Name) => ({ Last_Name })) });
    ids.push(...body.data.map((d: any) => String(d.details.id)));
  }
  return ids;
};
const updateLeads = async (ids: string[], status: string) => {
  for (let i = 0; i < ids.length; i += 100) await api("PUT", "/Leads", { data: ids.slice(i, i + 100).map((id) => ({ id, Lead_Status: status })) });
};
const deleteLeads = async (ids: string[]) => {
  for (let i = 0; i < ids.length; i += 100) await api("DELETE", `/Leads?ids=${ids.slice(i, i + 100).join(",")}`);
};

const settle = async () => {
  await flushWatchDeliveries(sandbox().state);
  await new Promise((r) => setTimeout(r, 50));
};

/** A fresh access token for the connection after the clock jumped past its hour (the platform refreshes it). */
const refresh = (connection: any) => (connection.token.access_token = sandbox().issueToken({}).accessToken);

/** Sandbox calls made while `run` ran, CRM API only. */
const callsDuring = async <T>(run: () => Promise<T>) => {
  const s = sandbox();
  const before = s.log.length;
  const result = await run();
  return { result, calls: s.log.slice(before).filter((e) => e.path.startsWith("/crm/")) };
};

const keysOf = (p: Platform, flow: string) =>
  p.executions.filter((e) => e.flow === flow).flatMap((e) => e.data.ids.map((id: string) => `${e.data.operation}:${id}`));

describe("notificationsTrigger", () => {
  let p: Platform;
  beforeEach(async () => {
    jest.useFakeTimers({
      doNotFake: [
        "hrtime",
        "nextTick",
        "performance",
        "queueMicrotask",
        "setImmediate",
        "clearImmediate",
        "setInterval",
        "clearInterval",
        "setTimeout",
        "clearTimeout",
      ],
    });
    syncClock(sandbox());
    setDeliveryBehaviour(sandbox().state, {});
    p = await startPlatform();
  });
  afterEach(async () => {
    jest.useRealTimers();
    await p.close();
  });

  it("deploy registers a channel, Zoho's callbacks are verified and emitted, delete removes the channel", async () => {
    const connection = connectionFor(sandbox());
    await p.deploy("Flow 1", { connection, recordType: "Leads", operations: ["all"], fetchRecords: "true", fields: "Last_Name" });
    const state = p.channelOf("Flow 1");
    expect(state.channelId).toMatch(/^\d+$/);
    expect(state.token.length).toBeLessThanOrEqual(50);

    const [id] = await createLeads(["Ada"]);
    await updateLeads([id], "Contacted");
    await settle();
    expect(p.executions.map((r) => [r.branch, r.data.operation])).toEqual([
      ["Notification", "insert"],
      ["Notification", "update"],
    ]);
    expect(p.executions[0].data.ids).toEqual([id]);
    expect(p.executions[1].data.records[0]).toMatchObject({ id, Last_Name: "Ada" });
    expect(p.executions.some((e) => e.data.recovered)).toBe(false);

    await p.remove("Flow 1");
    expect(p.channelOf("Flow 1")).toBeUndefined();
    await createLeads(["Nobody"]);
    await settle();
    expect(p.executions).toHaveLength(2);
    // Removing again (channel already gone) is not an error.
    await p.remove("Flow 1");
  });

  it("rejects a forged call with 401 and junk bodies with 400 on the Rejected branch: one log line each, nothing emitted, no failed execution", async () => {
    const connection = connectionFor(sandbox());
    await p.deploy("Flow 1", { connection, recordType: "Leads", operations: ["create"] });
    const state = p.channelOf("Flow 1");
    const post = (body: string) => fetch(`${p.url}/Flow%201`, { method: "POST", headers: { "Content-Type": "application/json" }, body });
    const forged = await post(JSON.stringify({ module: "Leads", operation: "insert", ids: ["1"], channel_id: Number(state.channelId), token: "guessed" }));
    expect(forged.status).toBe(401);
    for (const junk of ["not json", "[1,2]", "123", "null"]) expect((await post(junk)).status).toBe(400);
    // The right token with a body Zoho never sends is refused too.
    expect((await post(JSON.stringify({ channel_id: Number(state.channelId), token: state.token, operation: "explode" }))).status).toBe(400);
    expect(p.invocations.map((i) => [i.branch, i.status, i.items, i.error])).toEqual([
      ["Rejected", 401, 0, undefined],
      ...Array(5).fill(["Rejected", 400, 0, undefined]),
    ]);
    const warnings = p.logs.filter((l) => l.level === "warn");
    expect(warnings).toHaveLength(6);
    expect(warnings[1].message).toMatch(/HTTP 400.*not JSON/);
    expect(warnings.map((w) => w.message).join("\n")).not.toContain(state.token);
    expect(p.executions).toHaveLength(0);
    expect(p.channelOf("Flow 1").channelId).toBe(state.channelId);
    await p.remove("Flow 1");
  });

  it("two flows get separate channels; redeploying with the same settings reuses the channel, changed settings replace it", async () => {
    const connection = connectionFor(sandbox());
    await p.deploy("Flow A", { connection, recordType: "Leads", operations: ["create"] });
    await p.deploy("Flow B", { connection, recordType: "Leads", operations: ["create"] });
    const a = p.channelOf("Flow A").channelId;
    const b = p.channelOf("Flow B").channelId;
    expect(a).not.toBe(b);
    await createLeads(["Both"]);
    await settle();
    expect(p.executions.map((r) => r.flow).sort()).toEqual(["Flow A", "Flow B"]);

    await p.deploy("Flow A", { connection, recordType: "Leads", operations: ["create"] });
    expect(p.channelOf("Flow A").channelId).toBe(a);
    await p.deploy("Flow A", { connection, recordType: "Leads", operations: ["edit"] });
    expect(p.channelOf("Flow A").channelId).not.toBe(a);
    await p.remove("Flow A");
    await p.remove("Flow B");
  });

  it("two flows keep their channels through 8 and then 30 quiet days with only daily scheduled runs, one API call each until renewal is due", async () => {
    const s = sandbox();
    const connection = connectionFor(s);
    const flows = ["Flow A", "Flow B"];
    await p.deploy("Flow A", { connection, recordType: "Leads", operations: ["all"] });
    await p.deploy("Flow B", { connection, recordType: "Leads", operations: ["create"] });
    const channels = flows.map((flow) => p.channelOf(flow).channelId);
    expect(new Set(channels).size).toBe(2);
    const costs: number[] = [];
    const quietDays = async (days: number) => {
      for (let day = 1; day <= days; day++) {
        s.clock.advance(DAY);
        syncClock(s);
        refresh(connection);
        for (const flow of flows) {
          const { result, calls } = await callsDuring(() => p.schedule(flow));
          expect(result).toMatchObject({ branch: "Maintenance", items: 0 });
          costs.push(calls.length);
          // Only a renewal adds a call: the check itself is one GET.
          expect(calls.map((c) => c.method)).toEqual(calls.length === 1 ? ["GET"] : ["GET", "PUT"]);
        }
        expect(
          liveChannels(s.state)
            .map((c) => c.channelId)
            .sort(),
        ).toEqual([...channels].sort());
      }
    };
    const delivered = () => p.executions.map((e) => [e.flow, e.data.operation, e.data.ids, e.data.recovered]);
    await quietDays(8);
    const [day8] = await createLeads(["Day 8"]);
    await settle();
    expect(delivered().sort()).toEqual([
      ["Flow A", "insert", [day8], undefined],
      ["Flow B", "insert", [day8], undefined],
    ]);
    await quietDays(30);
    const [day38] = await createLeads(["Day 38"]);
    await settle();
    expect(delivered().slice(2).sort()).toEqual([
      ["Flow A", "insert", [day38], undefined],
      ["Flow B", "insert", [day38], undefined],
    ]);
    // Renewed when less than half the week was left (every fourth day); every other run is one call.
    expect(costs).toHaveLength(76);
    expect(costs.filter((c) => c === 2)).toHaveLength(18);
    expect(costs.filter((c) => c === 1)).toHaveLength(58);
    expect(flows.map((flow) => p.channelOf(flow).channelId)).toEqual(channels);
    await p.remove("Flow A");
    await p.remove("Flow B");
  });

  it("after its channel is deleted behind its back, each flow's next scheduled run (or redeploy) restores it and emits every missed change exactly once; live callbacks follow without duplicates", async () => {
    const s = sandbox();
    const connection = connectionFor(s);
    await p.deploy("Flow A", { connection, recordType: "Leads", operations: ["all"] });
    await p.deploy("Flow B", { connection, recordType: "Leads", operations: ["all"], fetchRecords: "true", fields: "Last_Name,Lead_Status" });
    const before = await createLeads(Array.from({ length: 120 }, (_, i) => `Before ${i}`));
    await settle();
    expect(keysOf(p, "Flow A")).toHaveLength(120);
    p.executions.splice(0);

    s.clock.advance(60 * 60_000);
    syncClock(s);
    refresh(connection);
    // A Zoho admin deletes both channels; one callback Zoho had already queued arrives late.
    setDeliveryBehaviour(s.state, { hold: true });
    await updateLeads([before[0]], "Queued");
    setDeliveryBehaviour(s.state, {});
    expect(dropChannel(s.state, p.channelOf("Flow A").channelId)).toBe(true);
    expect(dropChannel(s.state, p.channelOf("Flow B").channelId)).toBe(true);
    s.clock.advance(60_000);
    const created = await createLeads(Array.from({ length: 150 }, (_, i) => `Gap ${i}`));
    await updateLeads(before.slice(1, 100), "Contacted");
    await deleteLeads(before.slice(100, 120));
    await flushDeliveries(s.state);
    expect(p.executions).toHaveLength(0);

    s.clock.advance(60_000);
    syncClock(s);
    // Flow A: its scheduled run finds the channel gone. Flow B: a redeploy finds it gone; its scheduled run delivers.
    const runA = await p.schedule("Flow A");
    await p.deploy("Flow B", { connection, recordType: "Leads", operations: ["all"], fetchRecords: "true", fields: "Last_Name,Lead_Status" });
    expect(p.executions.filter((e) => e.flow === "Flow B")).toHaveLength(0);
    const runB = await p.schedule("Flow B");
    expect(runA).toMatchObject({ branch: "Notification", items: 270 });
    expect(runB).toMatchObject({ branch: "Notification", items: 270 });
    expect(p.invocations.filter((i) => i.branch === "Notification" && i.items === 0)).toHaveLength(0);
    releaseDeliveries(s.state); // the late callback arrives now, for a change both catch-ups already emitted
    await settle();
    expect(p.invocations.filter((i) => i.branch === "Notification" && i.items === 0)).toHaveLength(2);
    const expected = [
      ...created.map((id) => `insert:${id}`),
      ...before.slice(0, 100).map((id) => `update:${id}`),
      ...before.slice(100).map((id) => `delete:${id}`),
    ].sort();
    for (const flow of ["Flow A", "Flow B"]) {
      const keys = keysOf(p, flow);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.sort()).toEqual(expected);
      expect(p.executions.filter((e) => e.flow === flow).every((e) => e.data.recovered === true && e.data.ids.length === 1)).toBe(true);
    }
    const b = p.executions.find((e) => e.flow === "Flow B" && e.data.ids[0] === before[5])!;
    expect(b.data.records[0]).toMatchObject({ id: before[5], Lead_Status: "Contacted" });
    expect(
      liveChannels(s.state)
        .map((c) => c.channelId)
        .sort(),
    ).toEqual([p.channelOf("Flow A").channelId, p.channelOf("Flow B").channelId].sort());

    // Live again; Zoho sends every callback twice, and resends an earlier one later.
    p.executions.splice(0);
    s.clock.advance(60_000);
    setDeliveryBehaviour(s.state, { repeat: 1 });
    const [after] = await createLeads(["After"]);
    await updateLeads([before[1]], "Qualified");
    await settle();
    setDeliveryBehaviour(s.state, {});
    const latest = notificationDeliveries(s.state).slice(-2);
    latest.forEach((d) => redeliver(s.state, d));
    await settle();
    for (const flow of ["Flow A", "Flow B"]) {
      expect(keysOf(p, flow).sort()).toEqual([`insert:${after}`, `update:${before[1]}`].sort());
      expect(p.executions.filter((e) => e.flow === flow).every((e) => e.data.recovered === undefined)).toBe(true);
    }
    // A quiet scheduled run afterwards costs one call and emits nothing.
    const { result, calls } = await callsDuring(() => p.schedule("Flow A"));
    expect(result).toMatchObject({ branch: "Maintenance", items: 0 });
    expect(calls).toHaveLength(1);

    await p.remove("Flow A");
    await p.remove("Flow B");
    expect(p.instanceState).toEqual({});
    expect(liveChannels(s.state)).toHaveLength(0);
  });

  it("a catch-up longer than one page (10,000 changes) continues in further pages of the same run; each flow gets only the operations it chose", async () => {
    const s = sandbox();
    const connection = connectionFor(s);
    await p.deploy("Everything", { connection, recordType: "Contacts", operations: ["all"] });
    await p.deploy("Deletions", { connection, recordType: "Contacts", operations: ["delete"] });
    s.clock.advance(60 * 60_000);
    syncClock(s);
    refresh(connection);
    dropChannel(s.state, p.channelOf("Everything").channelId);
    dropChannel(s.state, p.channelOf("Deletions").channelId);
    // Written while no channel listens (seeded records raise no callbacks); five are deleted again.
    const seeded = s.seedCrm({ module: "Contacts", count: 10_050 }).map((r) => r.id);
    await api("DELETE", `/Contacts?ids=${seeded.slice(0, 5).join(",")}`);
    s.clock.advance(60_000);
    syncClock(s);
    const everything = await p.schedule("Everything");
    expect(everything).toMatchObject({ branch: "Notification", items: 10_050, pages: 2 });
    const keys = keysOf(p, "Everything");
    expect(new Set(keys).size).toBe(10_050);
    expect(keys.filter((k) => k.startsWith("insert:"))).toHaveLength(10_045);
    expect(await p.schedule("Deletions")).toMatchObject({ items: 5, pages: 1 });
    expect(keysOf(p, "Deletions").sort()).toEqual(
      seeded
        .slice(0, 5)
        .map((id) => `delete:${id}`)
        .sort(),
    );
    // Done: the next run is a one-call check again.
    const { result, calls } = await callsDuring(() => p.schedule("Everything"));
    expect(result).toMatchObject({ branch: "Maintenance", items: 0 });
    expect(calls).toHaveLength(1);
    await p.remove("Everything");
    await p.remove("Deletions");
  }, 60_000);

  it("warns, on each notification, when no scheduled run has checked the channel for two days", async () => {
    const s = sandbox();
    const connection = connectionFor(s);
    await p.deploy("Flow 1", { connection, recordType: "Leads", operations: ["create"] });
    const noSchedule = () => p.logs.filter((l) => l.level === "warn" && /No scheduled run/.test(l.message)).length;
    s.clock.advance(DAY);
    syncClock(s);
    await createLeads(["Day 1"]);
    await settle();
    expect(noSchedule()).toBe(0);
    s.clock.advance(2 * DAY);
    syncClock(s);
    refresh(connection);
    await createLeads(["Day 3"]);
    await settle();
    expect(noSchedule()).toBe(1);
    await p.schedule("Flow 1");
    s.clock.advance(DAY);
    syncClock(s);
    refresh(connection);
    await createLeads(["Day 4"]);
    await settle();
    expect(noSchedule()).toBe(1);
    expect(p.executions).toHaveLength(3);
    await p.remove("Flow 1");
  });

  it("while the token is revoked scheduled runs fail visibly; once it is restored, the next run brings back the expired channel and what it missed", async () => {
    const s = sandbox();
    const connection = connectionFor(s) as any;
    await p.deploy("Flow 1", { connection, recordType: "Leads", operations: ["create"] });
    const day = async () => {
      s.clock.advance(DAY);
      syncClock(s);
    };
    await day();
    connection.token.access_token = "revoked";
    await day();
    await expect(p.schedule("Flow 1")).rejects.toThrow(/token|auth|reconnect/i);
    await day();
    await day();
    const [live] = await createLeads(["While revoked"]); // the channel still lives: delivered, its renewal fails quietly
    await settle();
    expect(keysOf(p, "Flow 1")).toEqual([`insert:${live}`]);
    expect(p.logs.filter((l) => l.level === "warn" && /Could not renew/.test(l.message))).toHaveLength(1);
    for (let i = 0; i < 5; i++) {
      await day();
      await expect(p.schedule("Flow 1")).rejects.toThrow();
    }
    // Day 9: the channel has expired; Zoho drops what happens now.
    expect(liveChannels(s.state).some((c) => c.channelId === p.channelOf("Flow 1").channelId)).toBe(false);
    const [missed] = await createLeads(["While expired"]);
    await settle();
    expect(keysOf(p, "Flow 1")).toEqual([`insert:${live}`]);
    await day();
    refresh(connection);
    expect(await p.schedule("Flow 1")).toMatchObject({ branch: "Notification", items: 1 });
    expect(p.executions.at(-1)!.data).toMatchObject({ operation: "insert", ids: [missed], recovered: true });
    const [after] = await createLeads(["Restored"]);
    await settle();
    expect(keysOf(p, "Flow 1")).toEqual([`insert:${live}`, `insert:${missed}`, `insert:${after}`]);
    await p.remove("Flow 1");
  });

  it("validates inputs before registering anything", async () => {
    const s = sandbox();
    const before = s.log.length;
    await expect(p.deploy("Flow 1", { connection: connectionFor(s), recordType: "Price Books", operations: ["all"] })).rejects.toThrow(
      /Module.*without spaces/,
    );
    await expect(p.deploy("Flow 1", { connection: connectionFor(s), recordType: "Leads", operations: ["sometimes"] })).rejects.toThrow(/Operations/);
    expect(s.log.length).toBe(before);
  });
});
