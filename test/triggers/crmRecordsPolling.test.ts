import { defaultTriggerPayload, invokeTrigger } from "@prismatic-io/spectral/dist/testing";
import { crmRecordsPollingTrigger } from "../../triggers/crmRecordsPolling";
import { leadsPollingTrigger } from "../../triggers/legacyPolling";
import { connectionFor, useSandbox } from "../helpers/sandbox";

const sandbox = useSandbox();

const pollerFor = (trigger: any, params: Record<string, unknown>) => {
  let state: Record<string, unknown> = {};
  const emitted: any[] = [];
  const poll = async () => {
    const before = sandbox().log.length;
    const { result } = await invokeTrigger(
      trigger,
      { polling: { getState: () => state, setState: (s: Record<string, unknown>) => (state = s), invokeAction: async () => ({ data: null }) } } as never,
      defaultTriggerPayload(),
      { connection: connectionFor(sandbox()), ...params } as never,
    );
    const records = (result as any).payload.body.data as any[];
    emitted.push(...records);
    return { records, calls: sandbox().log.length - before, polledNoChanges: (result as any).polledNoChanges };
  };
  return { poll, emitted };
};

const api = async (method: string, path: string, body?: unknown) => {
  const s = sandbox();
  const response = await fetch(`${s.url}/crm/v8${path}`, {
    method,
    headers: { Authorization: `Zoho-oauthtoken ${s.issueToken({}).accessToken}`, "Content-Type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  return response.status === 204 ? undefined : response.json();
};
const create = async (n: number) => {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 100) {
    const body: any = await api("POST", "/Leads", { data: Array.from({ length: Math.min(100, n - i) }, (_, k) => ({ Last_Name: `L${i + k}` })) });
    ids.push(...body.data.map((d: any) => String(d.details.id)));
  }
  return ids;
};

it("first poll starts from now; later polls emit each change exactly once, quiet polls cost one call", async () => {
  const s = sandbox();
  s.seedCrm({ module: "Leads", count: 50 });
  const { poll, emitted } = pollerFor(crmRecordsPollingTrigger, { recordType: "Leads", fields: "Last_Name" });
  const first = await poll();
  expect(first.records).toHaveLength(0);

  s.clock.advance(2_000);
  const quiet = await poll();
  expect(quiet).toMatchObject({ records: [], calls: 1, polledNoChanges: true });

  const ids = await create(3);
  const second = await poll();
  expect(second.records.map((r) => r.id).sort()).toEqual([...ids].sort());
  expect(second.records.every((r) => r._change === "created")).toBe(true);

  // Same second as the cursor: an update and a new record must still come through, once.
  await api("PUT", `/Leads/${ids[0]}`, { data: [{ Last_Name: "Changed" }] });
  const [late] = await create(1);
  const third = await poll();
  expect(third.records.map((r) => `${r.id}:${r._change}`).sort()).toEqual([`${ids[0]}:updated`, `${late}:created`].sort());
  expect((await poll()).records).toHaveLength(0);
  // Each emission is a distinct version: the same-second edit differs in content, never a repeat.
  expect(new Set(emitted.map((r) => `${r.id}@${r.Modified_Time}:${r.Last_Name}`)).size).toBe(emitted.length);
});

it("5,000 changes between two polls: all emitted once, a few calls", async () => {
  const s = sandbox();
  const { poll } = pollerFor(leadsPollingTrigger, { emit: "all" });
  await poll();
  s.clock.advance(1_000);
  const ids = await create(5_000);
  s.clock.advance(1_000);
  const busy = await poll();
  expect(busy.records).toHaveLength(5_000);
  // No Fields given: whole records (the module's fields), not just ids and times.
  expect(busy.records[0]).toMatchObject({ Last_Name: expect.any(String), Owner: expect.objectContaining({ id: expect.any(String) }) });
  expect(new Set(busy.records.map((r) => r.id))).toEqual(new Set(ids));
  expect(busy.calls).toBeLessThanOrEqual(4);
  const after = await poll();
  expect(after.records).toHaveLength(0);
});

it("emit only updated records; deletes do not break the cursor", async () => {
  const s = sandbox();
  const { poll } = pollerFor(crmRecordsPollingTrigger, { recordType: "Leads", emit: "updated" });
  await poll();
  s.clock.advance(1_000);
  const ids = await create(3);
  expect((await poll()).records).toHaveLength(0);
  s.clock.advance(1_000);
  await api("PUT", `/Leads/${ids[1]}`, { data: [{ Last_Name: "Edited" }] });
  await api("DELETE", `/Leads?ids=${ids[2]}`);
  const updated = await poll();
  expect(updated.records.map((r) => r.id)).toEqual([ids[1]]);
});

it("rejects a bad module name before any call", async () => {
  const before = sandbox().log.length;
  const { poll } = pollerFor(crmRecordsPollingTrigger, { recordType: "Price Books" });
  await expect(poll()).rejects.toThrow(/Module/);
  expect(sandbox().log.length).toBe(before);
});
