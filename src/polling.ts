/**
 * Exactly-once change polling shared by the CRM and Books polling triggers.
 *
 * The cursor is the newest modified time seen in the data (never the local clock). Each poll asks
 * for records modified at or after `cursor - OVERLAP`, because Zoho's timestamps have one-second
 * resolution and a write can become visible a moment after its timestamp; records already emitted
 * at the same modified time and with the same content are remembered and skipped, so nothing is
 * missed or emitted twice (an edit in the same second as the last one still differs in content).
 */
import { createHash } from "node:crypto";

/** How far each poll reaches back behind the cursor. */
export const OVERLAP_MS = 60_000;
/** A poll emits at most this many records; the rest follow on the next poll, in order. */
export const MAX_PER_POLL = 10_000;

export interface PollState {
  /** Newest modified time emitted (ISO 8601), or the start point before anything was emitted. */
  cursor?: string;
  /** id -> "modified time#content fingerprint" of records emitted inside the overlap window. */
  recent?: Record<string, string>;
}

export interface Change<T> {
  id: string;
  modifiedTime: string;
  createdTime?: string;
  record: T;
}

export type Emit = "all" | "created" | "updated";

export const toMs = (time: string): number => {
  // Books writes offsets without a colon (+0530): Date.parse accepts both forms in Node.
  const ms = Date.parse(time);
  if (Number.isNaN(ms)) throw new Error(`Zoho returned an unreadable time "${time}"`);
  return ms;
};

/** Where this poll's query starts: the overlap window behind the cursor. */
export const windowStart = (state: PollState): number => toMs(state.cursor!) - OVERLAP_MS;

/** A short digest of what a record holds, so a second edit within the same second is not taken for a repeat. */
const fingerprint = (record: unknown): string => createHash("sha1").update(JSON.stringify(record)).digest("base64url").slice(0, 12);

const seenAs = (change: Change<unknown>) => `${change.modifiedTime}#${fingerprint(change.record)}`;

/** The modified time part of a remembered entry (states written before fingerprints hold the time alone). */
const timeOf = (seen: string) => seen.split("#")[0];

/**
 * Fold one page of changes (sorted by modified time, then id) into the poll: returns what is new
 * and the state to store. A record changed again since it was emitted has a new modified time,
 * so it is emitted again: that is a new change, not a duplicate.
 */
export const absorb = <T>(state: PollState, changes: Array<Change<T>>): { fresh: Array<Change<T>>; state: PollState } => {
  const recent = { ...(state.recent ?? {}) };
  let cursor = state.cursor!;
  const fresh: Array<Change<T>> = [];
  for (const change of changes) {
    const seen = seenAs(change);
    if (recent[change.id] === seen || recent[change.id] === change.modifiedTime) continue;
    if (toMs(change.modifiedTime) < windowStart(state)) continue; // older than the window: already handled
    recent[change.id] = seen;
    fresh.push(change);
    if (toMs(change.modifiedTime) > toMs(cursor)) cursor = change.modifiedTime;
  }
  const keepFrom = toMs(cursor) - OVERLAP_MS;
  for (const [id, seen] of Object.entries(recent)) if (toMs(timeOf(seen)) < keepFrom) delete recent[id];
  return { fresh, state: { cursor, recent } };
};

/** A new record: created inside this poll's window and never emitted before. */
export const isCreated = (change: Change<unknown>, previous: PollState): boolean =>
  change.createdTime !== undefined && toMs(change.createdTime) >= windowStart(previous) && !(change.id in (previous.recent ?? {}));

export const keep = (emit: Emit, created: boolean): boolean => emit === "all" || (emit === "created") === created;

export interface PageOfChanges<T> {
  changes: Array<Change<T>>;
  /** Whether more changes may follow this page. */
  more: boolean;
}

/**
 * Run one poll: ask `fetchPage` for changes after the last one seen (keyset paging, so writes
 * during the poll cannot shift records past us), fold each page in, stop at MAX_PER_POLL.
 * `after` is undefined for the first page; `from` is the window start in epoch ms.
 */
export const pollChanges = async <T>(
  state: PollState,
  fetchPage: (after: Change<T> | undefined, from: number) => Promise<PageOfChanges<T>>,
  maxPerPoll = MAX_PER_POLL,
): Promise<{ fresh: Array<Change<T>>; state: PollState; calls: number }> => {
  let current = state;
  let after: Change<T> | undefined;
  const fresh: Array<Change<T>> = [];
  let calls = 0;
  for (;;) {
    const page = await fetchPage(after, windowStart(state));
    calls += 1;
    const folded = absorb(current, page.changes);
    fresh.push(...folded.fresh);
    current = folded.state;
    const last = page.changes[page.changes.length - 1];
    const stuck = last === undefined || (after !== undefined && last.id === after.id && last.modifiedTime === after.modifiedTime);
    if (!page.more || stuck || fresh.length >= maxPerPoll) break;
    after = last;
  }
  return { fresh, state: current, calls };
};

export interface PollRun<T> {
  /** What the poll watches (a module, an organization's record type); a new scope starts over. */
  scope: string;
  /** Whether the stored state is of this scope (states of older versions name it their own way). */
  sameScope: (stored: Record<string, unknown>) => boolean;
  /** Start point of the first poll; without one the first poll only learns what exists. */
  startTime?: string;
  emit: Emit;
  /** The newest modified time in the data, for a first poll without a start time. */
  newest: () => Promise<string | undefined>;
  /** The page reader, given the state stored for this scope; `keep` goes back into the state. */
  changes: (stored: Record<string, unknown>) => Promise<{ fetchPage: Parameters<typeof pollChanges<T>>[1]; keep?: Record<string, unknown> }>;
  /** The scope as written to the state. */
  scopeState: Record<string, unknown>;
  /**
   * Deletions to emit too (optional): every deleted record Zoho lists as deleted at or after `from`
   * (epoch ms). Each is emitted once, with `_change: "deleted"`.
   */
  deletions?: (from: number) => Promise<Deletion[]>;
}

/** A deleted record as the API lists it (id, name, who deleted it and when), not the record's fields. */
export interface Deletion<T = Record<string, unknown>> {
  id: string;
  /** When Zoho deleted it (ISO 8601, whole seconds). */
  deletedTime: string;
  record: T;
}

/** What the deletion half of a poll remembers: its own cursor and the deletions emitted inside the overlap window. */
export interface DeletionState {
  cursor: string;
  /** "id@deleted time" of deletions emitted inside the overlap window. */
  seen: Record<string, true>;
}

/**
 * Fold the deletions listed since the window start into the poll: each (record, deletion time) is emitted
 * once. A record restored and deleted again is a new deletion with a new time; `alive` lists records the
 * same poll saw changed (a restore shows as an edit), whose earlier deletions are forgotten so a re-deletion
 * in the very same second still counts.
 */
export const absorbDeletions = <T>(
  state: DeletionState,
  deletions: Array<Deletion<T>>,
  alive: Array<{ id: string; modifiedTime: string }> = [],
): { fresh: Array<Deletion<T>>; state: DeletionState } => {
  const seen = { ...state.seen };
  for (const change of alive) {
    for (const key of Object.keys(seen)) {
      const [id, time] = key.split("@");
      if (id === change.id && toMs(change.modifiedTime) >= toMs(time)) delete seen[key];
    }
  }
  const from = toMs(state.cursor) - OVERLAP_MS;
  let cursor = state.cursor;
  const fresh: Array<Deletion<T>> = [];
  // Oldest first, so a flow sees deletions in the order they happened.
  const ordered = [...deletions].sort((a, b) => toMs(a.deletedTime) - toMs(b.deletedTime) || a.id.localeCompare(b.id));
  for (const deletion of ordered) {
    const key = `${deletion.id}@${deletion.deletedTime}`;
    if (seen[key] || toMs(deletion.deletedTime) < from) continue;
    seen[key] = true;
    fresh.push(deletion);
    if (toMs(deletion.deletedTime) > toMs(cursor)) cursor = deletion.deletedTime;
  }
  const keepFrom = toMs(cursor) - OVERLAP_MS;
  for (const key of Object.keys(seen)) if (toMs(key.split("@")[1]) < keepFrom) delete seen[key];
  return { fresh, state: { cursor, seen } };
};

/** One poll of a polling trigger, CRM or Books: the records to emit, each once, with `_change`. */
export const runPoll = async <T extends Record<string, unknown>>(
  polling: { getState: () => Record<string, unknown>; setState: (state: Record<string, unknown>) => void },
  run: PollRun<T>,
): Promise<{ records: Array<(T | Record<string, unknown>) & { _change: string }>; polledNoChanges: boolean }> => {
  const stored = polling.getState();
  const ours = run.sameScope(stored) ? stored : {};
  let previous: PollState = ours as PollState;
  let baseline = false;
  if (!previous.cursor) {
    const start = run.startTime ?? (await run.newest());
    baseline = run.startTime === undefined;
    previous = { cursor: start ?? new Date().toISOString(), recent: {} };
  }
  const { fetchPage, keep: kept } = await run.changes(ours);
  const { fresh, state } = await pollChanges(previous, fetchPage);
  const deleted = run.deletions ? await pollDeletions(run.deletions, ours.deletions as DeletionState | undefined, previous.cursor!, fresh) : undefined;
  polling.setState({ ...state, ...run.scopeState, ...kept, ...(deleted && { deletions: deleted.state }) });
  if (baseline) return { records: [], polledNoChanges: true };
  const changed = fresh
    .map((change) => ({ at: toMs(change.modifiedTime), record: { ...change.record, _change: isCreated(change, previous) ? "created" : "updated" } }))
    .filter(({ record }) => keep(run.emit, record._change === "created"));
  const removed = (deleted?.fresh ?? []).map((d) => ({ at: toMs(d.deletedTime), record: { ...d.record, _change: "deleted" } }));
  // Changes and deletions in the order they happened (the sort is stable, so each list keeps its own order within a second).
  const records = removed.length === 0 ? changed.map((c) => c.record) : [...changed, ...removed].sort((a, b) => a.at - b.at).map((c) => c.record);
  return { records, polledNoChanges: records.length === 0 };
};

/** The deletion half of a poll: its first run starts where the records' cursor starts. */
const pollDeletions = async (read: (from: number) => Promise<Deletion[]>, stored: DeletionState | undefined, start: string, alive: Array<Change<unknown>>) => {
  const state: DeletionState = stored?.cursor ? stored : { cursor: start, seen: {} };
  return absorbDeletions(state, await read(toMs(state.cursor) - OVERLAP_MS), alive);
};
