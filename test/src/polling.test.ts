import { OVERLAP_MS, pollChanges, type Change, type PollState } from "../../src/polling";
import { formatZohoTime } from "../../src/http/time";

/** An in-memory module whose records carry second-resolution Modified_Time, like Zoho. */
class FakeModule {
  now = Date.parse("2026-11-22T10:00:00Z");
  records = new Map<string, { id: string; modified: number; created: number }>();
  nextId = 1000;
  calls = 0;
  /** Writes that land while a poll is between pages. */
  duringPoll: Array<() => void> = [];

  write(id?: string) {
    const key = id ?? String(this.nextId++);
    const created = this.records.get(key)?.created ?? this.now;
    this.records.set(key, { id: key, modified: this.now, created });
    return key;
  }
  tick(ms: number) {
    this.now += ms;
  }
  /** Keyset page sorted by (modified, id), second resolution like Zoho's timestamps. */
  page = (size: number) => async (after: Change<unknown> | undefined, from: number) => {
    this.calls += 1;
    const sec = (ms: number) => Math.floor(ms / 1000) * 1000;
    const rows = [...this.records.values()]
      .map((r) => ({ ...r, modified: sec(r.modified) }))
      .filter((r) =>
        after
          ? r.modified > Date.parse(after.modifiedTime) || (r.modified === Date.parse(after.modifiedTime) && BigInt(r.id) > BigInt(after.id))
          : r.modified >= sec(from),
      )
      .sort((a, b) => a.modified - b.modified || (BigInt(a.id) < BigInt(b.id) ? -1 : 1))
      .slice(0, size);
    const hook = this.duringPoll.shift();
    hook?.();
    return {
      changes: rows.map((r) => ({ id: r.id, modifiedTime: formatZohoTime(r.modified), createdTime: formatZohoTime(r.created), record: r })),
      more: rows.length === size,
    };
  };
}

/** Runs polls and checks each (id, modified) version is emitted once and the final state of every record was seen. */
const harness = (size = 50) => {
  const module = new FakeModule();
  let state: PollState = { cursor: formatZohoTime(module.now), recent: {} };
  const emitted: string[] = [];
  const poll = async () => {
    const result = await pollChanges(state, module.page(size));
    state = result.state;
    emitted.push(...result.fresh.map((c) => `${c.id}@${c.modifiedTime}`));
    return result;
  };
  const check = () => {
    expect(new Set(emitted).size).toBe(emitted.length); // nothing twice
    for (const r of module.records.values()) {
      if (r.modified <= Date.parse("2026-11-22T10:00:00Z")) continue;
      expect(emitted).toContain(`${r.id}@${formatZohoTime(r.modified)}`); // nothing missed
    }
  };
  return { module, poll, check, emitted };
};

it("a quiet poll is one call and emits nothing", async () => {
  const { module, poll } = harness();
  module.tick(5_000);
  const result = await poll();
  expect(result.fresh).toHaveLength(0);
  expect(result.calls).toBe(1);
});

it("many writes in one second, across polls inside that second", async () => {
  const { module, poll, check } = harness(7);
  module.tick(1_000);
  for (let i = 0; i < 30; i++) module.write();
  await poll();
  module.tick(300); // same second: more writes with the same Modified_Time as the cursor
  for (let i = 0; i < 30; i++) module.write();
  await poll();
  module.tick(2_000);
  await poll();
  check();
});

it("writes during a poll (including re-edits of records already read) are neither lost nor repeated", async () => {
  const { module, poll, check, emitted } = harness(10);
  module.tick(1_000);
  const ids = Array.from({ length: 45 }, () => module.write());
  module.tick(1_000);
  module.duringPoll = [
    () => module.write(ids[0]), // re-edit a record on the page just read
    () => {
      module.tick(1_000);
      module.write(ids[20]);
      module.write();
    },
    () => module.write(ids[44]),
  ];
  await poll();
  module.tick(5_000);
  await poll();
  check();
  expect(emitted.filter((e) => e.startsWith(`${ids[0]}@`))).toHaveLength(2); // original and re-edit: two real changes
});

it("5,000 changes between two polls are all emitted once, in 2,000-row pages", async () => {
  const { module, poll, check, emitted } = harness(2_000);
  for (let i = 0; i < 5_000; i++) {
    if (i % 97 === 0) module.tick(1_000);
    module.write();
  }
  module.tick(1_000);
  const result = await poll();
  expect(result.calls).toBe(3);
  expect(emitted).toHaveLength(5_000);
  check();
});

it("a late-visible write inside the overlap window is still picked up", async () => {
  const { module, poll, check } = harness();
  module.tick(10_000);
  module.write();
  await poll();
  // A record stamped 20 s ago becomes visible only now (listing lag).
  const late = String(module.nextId++);
  module.records.set(late, { id: late, modified: module.now - 20_000, created: module.now - 20_000 });
  module.tick(1_000);
  await poll();
  check();
  expect(OVERLAP_MS).toBeGreaterThan(20_000);
});
