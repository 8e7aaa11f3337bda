/**
 * New and Updated Records with Include Deletions, through spectral's invokeTrigger against the sandbox
 * (contract checks on): an adversarial timeline of creates, edits, deletes, restores from the Recycle Bin
 * and changes inside one second, where every change a poll can observe is emitted exactly once.
 *
 * What polling cannot observe, by nature: a record created and deleted between two polls shows only as
 * its deletion; a record deleted, restored and deleted again between two polls shows only its last
 * deletion (restoring takes the first one off Zoho's deleted list).
 */
import { defaultTriggerPayload, invokeTrigger } from "@prismatic-io/spectral/dist/testing";
import { zohoTime } from "../../sandbox/respond";
import type { CrmRecord, SandboxState } from "../../sandbox/state";
import { recordWrite } from "../../sandbox/crm/records/writes";
import { crmRecordsPollingTrigger } from "../../triggers/crmRecordsPolling";
import { leadsPollingTrigger } from "../../triggers/legacyPolling";
import { connectionFor, useSandbox } from "../helpers/sandbox";

const sandbox = useSandbox();

const pollerFor = (trigger: any, params: Record<string, unknown>) => {
  let state: Record<string, unknown> = {};
  const emitted: string[] = [];
  const poll = async () => {
    const { result } = await invokeTrigger(
      trigger,
      { polling: { getState: () => state, setState: (next: Record<string, unknown>) => (state = next), invokeAction: async () => ({ data: null }) } } as never,
      defaultTriggerPayload(),
      { connection: connectionFor(sandbox()), ...params } as never,
    );
    const records = (result as any).payload.body.data as any[];
    emitted.push(...records.map((r) => `${r.id}:${r._change}`));
    return records;
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
  return response.status === 204 ? undefined : (response.json() as Promise<any>);
};
const create = async (name: string): Promise<string> => String((await api("POST", "/Leads", { data: [{ Last_Name: name }] })).data[0].details.id);
const edit = (id: string, name: string) => api("PUT", `/Leads/${id}`, { data: [{ Last_Name: name }] });
const remove = (id: string) => api("DELETE", `/Leads?ids=${id}`);

/** Copies of records as they were before deletion, for restoring. */
const snapshots = new Map<string, CrmRecord>();
const removeKeeping = async (id: string) => {
  snapshots.set(id, { ...sandbox().state.crm.records.get("Leads")!.get(id)! });
  await remove(id);
};

/**
 * Restores a deleted record from the Recycle Bin, as an admin does in Zoho's UI: it returns with its id,
 * counts as modified when restored, and leaves the deleted list. (Zoho's restore API has no OpenAPI
 * file and the sandbox no endpoint for it, so the test does it on the sandbox's state.)
 */
const restore = (state: SandboxState, id: string) => {
  const record = { ...snapshots.get(id)!, Modified_Time: zohoTime(state.clock.now()) };
  state.crm.records.get("Leads")!.set(id, record);
  const bin = state.crm.recycleBin as { entries: Map<string, Array<{ id: string }>> };
  const entries = bin.entries.get("Leads")!;
  entries.splice(entries.map((e) => e.id).lastIndexOf(id), 1);
  recordWrite(state, { module: "Leads", operation: "update", ids: [id], affectedFields: [[]] });
};

/** Moves the sandbox clock to just after the start of a later second, so the calls that follow share one second. */
const nextSecond = () => {
  const s = sandbox();
  s.clock.set(Math.floor(s.clock.now() / 1000) * 1000 + 1_050);
};

it("an adversarial timeline: each observable create, edit, delete and restore is emitted exactly once", async () => {
  const s = sandbox();
  const { poll, emitted } = pollerFor(crmRecordsPollingTrigger, { recordType: "Leads", fields: "Last_Name", includeDeletions: "true" });
  s.seedCrm({ module: "Leads", count: 5 });
  expect(await poll()).toEqual([]); // the first poll only learns where things stand

  // One second: two creates, and a third record created, edited and deleted.
  nextSecond();
  const a = await create("A");
  const b = await create("B");
  const c = await create("C");
  await edit(c, "C2");
  await removeKeeping(c);
  const first = await poll();
  expect(first.map((r) => `${r.id}:${r._change}`)).toEqual([`${a}:created`, `${b}:created`, `${c}:deleted`]);
  expect(first[2]).toMatchObject({
    id: c,
    display_name: "C2",
    type: "recycle",
    deleted_time: expect.any(String),
    deleted_by: expect.objectContaining({ id: expect.any(String) }),
  });
  expect(await poll()).toEqual([]);

  // Same second as the last poll: an edit and a delete.
  await edit(a, "A2");
  await removeKeeping(b);
  expect((await poll()).map((r) => `${r.id}:${r._change}`)).toEqual([`${a}:updated`, `${b}:deleted`]);

  // A restore shows as an edit; deleting the record again is a new deletion.
  nextSecond();
  restore(s.state, b);
  expect((await poll()).map((r) => `${r.id}:${r._change}`)).toEqual([`${b}:updated`]);
  nextSecond();
  await removeKeeping(b);
  expect((await poll()).map((r) => `${r.id}:${r._change}`)).toEqual([`${b}:deleted`]);

  // Delete, restore and delete again inside one second, a poll seeing each step: each comes through once.
  nextSecond();
  await edit(a, "A3");
  await removeKeeping(a);
  expect((await poll()).map((r) => `${r.id}:${r._change}`)).toEqual([`${a}:deleted`]);
  restore(s.state, a);
  await edit(a, "A4");
  expect((await poll()).map((r) => `${r.id}:${r._change}`)).toEqual([`${a}:updated`]);
  await removeKeeping(a);
  expect((await poll()).map((r) => `${r.id}:${r._change}`)).toEqual([`${a}:deleted`]);

  // Purging the Recycle Bin changes a deletion's type, not its time: nothing is emitted again.
  s.state.crm.recycleBin && (s.state.crm.recycleBin as any).entries.get("Leads").forEach((e: { type: string }) => (e.type = "permanent"));
  nextSecond();
  expect(await poll()).toEqual([]);

  expect(emitted).toEqual([
    `${a}:created`,
    `${b}:created`,
    `${c}:deleted`,
    `${a}:updated`,
    `${b}:deleted`,
    `${b}:updated`,
    `${b}:deleted`,
    `${a}:deleted`,
    `${a}:updated`,
    `${a}:deleted`,
  ]);
});

it("deletions between polls come in time order with the changes; 250 deletions in one second all come once", async () => {
  const { poll } = pollerFor(leadsPollingTrigger, { includeDeletions: true });
  await poll();
  nextSecond();
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const body = await api("POST", "/Leads", { data: Array.from({ length: 100 }, (_, k) => ({ Last_Name: `Bulk ${i}-${k}` })) });
    ids.push(...body.data.map((d: any) => String(d.details.id)));
  }
  const created = await poll();
  expect(created).toHaveLength(300);
  nextSecond();
  for (let i = 0; i < 250; i += 50) await remove(ids.slice(i, i + 50).join(","));
  const survivor = ids[299];
  await edit(survivor, "Survivor");
  const next = await poll();
  // 250 deletions (two pages of Zoho's deleted list) and the edit, each once.
  expect(
    next
      .filter((r) => r._change === "deleted")
      .map((r) => r.id)
      .sort(),
  ).toEqual(ids.slice(0, 250).sort());
  expect(next.filter((r) => r._change === "updated").map((r) => r.id)).toEqual([survivor]);
  expect(await poll()).toEqual([]);
});

it("without Include Deletions, deletions are not read", async () => {
  const s = sandbox();
  const { poll } = pollerFor(crmRecordsPollingTrigger, { recordType: "Leads", fields: "Last_Name" });
  await poll();
  nextSecond();
  const id = await create("Gone");
  await poll();
  const before = s.log.length;
  await remove(id);
  expect(await poll()).toEqual([]);
  expect(s.log.slice(before).some((e) => e.path.endsWith("/deleted"))).toBe(false);
});

it("rejects a bad Include Deletions value before any call", async () => {
  const before = sandbox().log.length;
  const { poll } = pollerFor(crmRecordsPollingTrigger, { recordType: "Leads", includeDeletions: { yes: 1 } });
  await expect(poll()).rejects.toThrow(/Include Deletions/);
  expect(sandbox().log.length).toBe(before);
});
