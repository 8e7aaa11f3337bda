/**
 * What the CRM Notifications trigger remembers so that no change is lost across a gap in its
 * channel and none is emitted twice.
 *
 * Live callbacks and the catch-up after a gap split the changes between them by time: the
 * catch-up owns every change up to a second boundary just after the channel listened again
 * (`bound`), live callbacks own the later ones; a change in between may reach both. What sits near a seam is remembered: each
 * callback's fingerprint (Zoho repeating a callback sends it unchanged), the last live change of
 * each record inside the overlap window (so a catch-up does not re-emit it), each deletion, and
 * each record the catch-up emitted (so a late callback for the same change is dropped).
 */
import { createHash } from "node:crypto";
import type { ZohoClient } from "../http/client";
import { crmChangePage } from "./changes";
import { deletedRecords } from "./deleted";
import { MAX_PER_POLL, OVERLAP_MS, pollChanges, toMs, type PollState } from "../polling";
import { formatZohoTime } from "../http/time";

/** Callback fingerprints are kept this long after the newest delivered change, to drop Zoho's repeats. */
export const REPEAT_WINDOW_MS = 60 * 60_000;
/** How far the catch-up reaches past the moment the channel listened again, for clock skew between us and Zoho. */
export const SKEW_MS = 5_000;
/**
 * A callback's server_time may trail the change's Modified_Time (whole seconds) by this much and
 * still describe the same change: a caught-up record's callback inside it is not emitted again.
 */
export const CALLBACK_LAG_MS = 1_000;

export type Operation = "insert" | "update" | "delete";

export interface Ledger {
  /** When the flow's channel first listened (epoch ms): nothing older is owed to the flow. */
  origin: number;
  /** Zoho time (epoch ms) of the newest change delivered, or when the channel began listening. */
  watermark: number;
  /** Callback fingerprint -> its server_time. */
  callbacks: Record<string, number>;
  /** Record id -> server_time of its newest live change emitted (kept within the overlap window). */
  live: Record<string, number>;
  /** Record id -> when its deletion was emitted (live or caught up). */
  deleted: Record<string, number>;
  /** Record id -> a live callback of it before this instant describes the change the catch-up emitted. */
  recovered: Record<string, number>;
}

export const newLedger = (since: number): Ledger => ({ origin: since, watermark: since, callbacks: {}, live: {}, deleted: {}, recovered: {} });

const second = (ms: number) => Math.floor(ms / 1000) * 1000;

export interface Callback {
  operation: Operation;
  ids: string[];
  serverTime: number;
  channelId: string;
}

const fingerprint = (cb: Callback) =>
  createHash("sha1")
    .update(JSON.stringify([cb.channelId, cb.serverTime, cb.operation, [...cb.ids].sort()]))
    .digest("base64url")
    .slice(0, 16);

/** Forget what can no longer meet a repeat or a catch-up. */
const prune = (ledger: Ledger): Ledger => {
  const keep = (entries: Record<string, number>, from: number) => Object.fromEntries(Object.entries(entries).filter(([, at]) => at >= from));
  return {
    ...ledger,
    callbacks: keep(ledger.callbacks, ledger.watermark - REPEAT_WINDOW_MS),
    live: keep(ledger.live, ledger.watermark - OVERLAP_MS),
    deleted: keep(ledger.deleted, ledger.watermark - REPEAT_WINDOW_MS),
    recovered: keep(ledger.recovered, ledger.watermark - REPEAT_WINDOW_MS),
  };
};

/**
 * Which ids of a verified callback are new. A repeated callback has none; an id the catch-up
 * already emitted for the same change, or a deletion already emitted, is left out.
 */
export const admitCallback = (ledger: Ledger, cb: Callback): { ids: string[]; ledger: Ledger; repeated: boolean } => {
  const key = fingerprint(cb);
  if (ledger.callbacks[key] !== undefined) return { ids: [], ledger, repeated: true };
  const next: Ledger = { ...ledger, callbacks: { ...ledger.callbacks, [key]: cb.serverTime }, live: { ...ledger.live }, deleted: { ...ledger.deleted } };
  const ids = cb.ids.filter((id) => {
    if (cb.operation === "delete") return ledger.deleted[id] === undefined;
    const bound = ledger.recovered[id];
    return bound === undefined || cb.serverTime >= bound;
  });
  for (const id of ids) {
    if (cb.operation === "delete") next.deleted[id] = cb.serverTime;
    else next.live[id] = Math.max(next.live[id] ?? 0, cb.serverTime);
  }
  next.watermark = Math.max(ledger.watermark, cb.serverTime);
  return { ids, ledger: prune(next), repeated: false };
};

/** A catch-up in progress: it re-reads from `from` and owns changes up to `bound`. */
export interface Recovery {
  from: number;
  bound: number;
  /** The polling engine's state for the change scan. */
  poll: PollState;
}

/** The catch-up after a gap that ended when the channel listened again at `listeningSince` (our clock). */
export const startRecovery = (ledger: Ledger, listeningSince: number): Recovery => ({
  from: ledger.watermark,
  bound: second(listeningSince + SKEW_MS),
  poll: { cursor: formatZohoTime(ledger.watermark), recent: {} },
});

/** One change the catch-up found, in the live notification's terms. */
export interface RecoveredChange {
  operation: Operation;
  id: string;
  /** When it happened (Modified_Time or deleted_time), epoch ms. */
  at: number;
  record?: Record<string, unknown>;
}

type Row = Record<string, unknown> & { id: string; Modified_Time: string; Created_Time?: string };

/**
 * One step of a catch-up: the next changes (the polling engine's keyset scan, at most `maxPerStep`),
 * then, once the scan is done, the deletions. Returns what to emit, the ledger, and the recovery
 * still to run (undefined when done).
 */
export const recoverStep = async (
  client: ZohoClient,
  module: string,
  columns: string[],
  ledger: Ledger,
  recovery: Recovery,
  {
    maxPerStep = MAX_PER_POLL,
    changes: scanChanges = true,
    deletions: scanDeletions = true,
  }: { maxPerStep?: number; changes?: boolean; deletions?: boolean } = {},
): Promise<{ changes: RecoveredChange[]; ledger: Ledger; recovery?: Recovery }> => {
  // A flow that wants no created or edited records skips the scan, one that wants no deletions skips their list.
  const scan = scanChanges ? await pollChanges<Row>(recovery.poll, crmChangePage(client, module, columns), maxPerStep) : { fresh: [], state: recovery.poll };
  const next: Ledger = { ...ledger, recovered: { ...ledger.recovered }, deleted: { ...ledger.deleted } };
  const changes: RecoveredChange[] = [];
  for (const change of scan.fresh) {
    const at = toMs(change.modifiedTime);
    // Later changes reach the new channel live; earlier ones predate the flow's channel.
    if (at > recovery.bound || at < (ledger.origin ?? 0)) continue;
    const live = ledger.live[change.id];
    if (live !== undefined && at <= second(live)) continue;
    const bound = ledger.recovered[change.id];
    if (bound !== undefined && at < bound) continue;
    const created = change.createdTime !== undefined && toMs(change.createdTime) >= second(recovery.from) && live === undefined;
    changes.push({ operation: created ? "insert" : "update", id: change.id, at, record: change.record });
    next.recovered[change.id] = at + 1000 + CALLBACK_LAG_MS;
  }
  if (scan.fresh.length >= maxPerStep) {
    return { changes, ledger: next, recovery: { ...recovery, poll: scan.state } };
  }
  const deletions = scanDeletions ? await deletedRecords(client, module, { since: recovery.from - OVERLAP_MS }) : [];
  for (const row of deletions.reverse()) {
    const at = Date.parse(row.deleted_time);
    if (Number.isNaN(at) || at > recovery.bound || at < (ledger.origin ?? 0) || next.deleted[row.id] !== undefined) continue;
    changes.push({ operation: "delete", id: row.id, at });
    next.deleted[row.id] = at;
  }
  changes.sort((a, b) => a.at - b.at);
  next.watermark = Math.max(ledger.watermark, recovery.bound);
  return { changes, ledger: prune(next) };
};
