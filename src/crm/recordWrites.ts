/**
 * The engine behind every CRM record write, from one record to 100,000: records go to Zoho in calls
 * of at most 100, several calls at once, and every record gets its own outcome, in input order.
 *
 * When a call is resent, and why:
 * - 429: Zoho refuses before applying anything, so the client resends every kind of write.
 * - 5xx, reset or timeout: the call may have been applied. Update by id, delete, and upsert whose
 *   every record carries a duplicate check field end in the same state when sent twice, so the
 *   client resends them. A create (or an upsert without such a key) would create its records a
 *   second time, so it is never resent: its records are reported OUTCOME_UNKNOWN, neither hidden
 *   nor duplicated. Verifying by search is not safe either: without a unique key a record found
 *   cannot be told apart from an older twin. Upsert with duplicate check fields is the safe path.
 * - A delete resent after such a failure finds records the first try already deleted: they are
 *   reported ALREADY_DELETED (success), as the record is gone either way. (An upsert resent so
 *   reports action "update" for a record its first try inserted.)
 * - 401, 403, 404 and an unknown module concern every call alike: the batch stops sending and the
 *   records not sent are reported NOT_SENT.
 */
import type { ZohoClient } from "../http/client";
import { ZohoError } from "../http/errors";
import { maskSecretsDeep } from "../http/redact";

/** Zoho takes at most 100 records per write call. */
export const CHUNK_SIZE = 100;
/** The most records one step writes; Bulk Write Records is the tool beyond. */
export const MAX_BATCH = 100_000;
/** Zoho Enterprise allows 20 concurrent calls; more only earns 429s. */
export const MAX_CONCURRENCY = 20;

export type WriteKind = "create" | "update" | "upsert" | "delete";

export interface WriteOperation {
  kind: WriteKind;
  module: string;
  /** Automation to run; [] runs none (Zoho runs all of them when the key is absent). */
  trigger: string[];
  duplicateCheckFields?: string[];
  /** An assignment rule (Zoho's lar_id) that picks the owner of each inserted record. */
  larId?: string;
  /** Longest wait for one call's answer (default 120 s); past it the call counts as failed midway. */
  timeoutMs?: number;
}

export interface RecordOutcome {
  /** Position of the record in the input. */
  index: number;
  id: string | null;
  status: "success" | "error";
  code: string;
  message: string;
  details: Record<string, unknown>;
}

export interface BatchResult {
  total: number;
  succeeded: number;
  failed: number;
  results: RecordOutcome[];
}

export type ZohoRecord = Record<string, unknown>;
interface Item {
  index: number;
  record: ZohoRecord;
}
interface Entry {
  code?: string;
  status?: string;
  message?: string;
  details?: Record<string, unknown>;
  action?: string;
  duplicate_field?: string;
}
interface WriteCall {
  method: "POST" | "PUT" | "DELETE";
  path: string;
  params?: Record<string, unknown>;
  data?: unknown;
  idempotent: boolean;
}

const hasValue = (v: unknown) => v !== undefined && v !== null && v !== "";

const callFor = (op: WriteOperation, records: ZohoRecord[]): WriteCall => {
  const body = { data: records, trigger: op.trigger, ...(op.larId && { lar_id: op.larId }) };
  const checkFields = op.duplicateCheckFields ?? [];
  switch (op.kind) {
    case "create":
      return { method: "POST", path: `/${op.module}`, data: body, idempotent: false };
    case "update":
      return { method: "PUT", path: `/${op.module}`, data: body, idempotent: true };
    case "upsert":
      return {
        method: "POST",
        path: `/${op.module}/upsert`,
        data: checkFields.length ? { ...body, duplicate_check_fields: checkFields } : body,
        idempotent: checkFields.length > 0 && records.every((r) => checkFields.some((f) => hasValue(r[f]))),
      };
    case "delete":
      return {
        method: "DELETE",
        path: `/${op.module}`,
        params: { ids: records.map((r) => r.id).join(","), wf_trigger: op.trigger.includes("workflow") },
        idempotent: true,
      };
  }
};

/**
 * One write call. Zoho answers a call whose records all failed with 400 and the per-record list,
 * so a 400 is read here rather than thrown; `onResend` hears of resends after a possibly-applied try.
 */
const send = async (client: ZohoClient, call: WriteCall, timeoutMs: number | undefined, onResend: () => void): Promise<Entry[]> => {
  const req = {
    api: "crm" as const,
    method: call.method,
    path: call.path,
    params: call.params,
    data: call.data,
    idempotent: call.idempotent,
    timeoutMs,
    accept: [400],
    onResend,
  };
  const response = await client.request(req);
  const entries = response.data?.data;
  if (!Array.isArray(entries)) {
    if (response.status !== 400) return [];
    throw client.errorOf(req, response);
  }
  // Zoho's per-record messages are returned as outcomes, which bypass the error hook: mask them here.
  return maskSecretsDeep(entries);
};

/** Why `record` cannot be sent as JSON, or undefined when it can. */
const unserializable = (record: ZohoRecord): string | undefined => {
  try {
    JSON.stringify(record);
    return undefined;
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
};

const idOf = (record: ZohoRecord): string | null => (typeof record.id === "string" ? record.id : null);

const toOutcome = ({ index, record }: Item, entry: Entry | undefined): RecordOutcome => {
  if (!entry) {
    return {
      index,
      id: idOf(record),
      status: "error",
      code: "NO_ANSWER",
      message: "Zoho's answer did not mention this record: check it before writing it again",
      details: {},
    };
  }
  const upsert = entry.action ? { action: entry.action, duplicate_field: entry.duplicate_field ?? null } : {};
  const details: Record<string, unknown> = { ...(entry.details ?? {}), ...upsert };
  const id = typeof details.id === "string" ? details.id : idOf(record);
  return { index, id, status: entry.status === "success" ? "success" : "error", code: entry.code ?? "", message: entry.message ?? "", details };
};

/** What a resent delete hears for a record its first try deleted. */
const alreadyGone = (entry: Entry) => entry.status !== "success" && (entry.code === "INVALID_DATA" || entry.code === "NOT_FOUND");

/**
 * One call of up to 100 records: one outcome per item. Errors that concern the whole call are
 * thrown, except a possibly-applied create, whose records come back OUTCOME_UNKNOWN.
 */
export const writeChunk = async (client: ZohoClient, op: WriteOperation, items: Item[]): Promise<RecordOutcome[]> => {
  // A record JSON cannot carry (nested too deep, circular, a BigInt) is answered here and never sent;
  // the rest of its call is written.
  const unsendable = items.flatMap((item) => {
    const problem = unserializable(item.record);
    return problem
      ? [
          {
            index: item.index,
            id: idOf(item.record),
            status: "error" as const,
            code: "INVALID_RECORD",
            message: `not sent: the record cannot be written as JSON (${problem}); check it for values nested too deep or referring to themselves`,
            details: {},
          },
        ]
      : [];
  });
  if (unsendable.length) {
    const bad = new Set(unsendable.map((o) => o.index));
    const sendable = items.filter((item) => !bad.has(item.index));
    return [...unsendable, ...(sendable.length ? await writeChunk(client, op, sendable) : [])];
  }
  const call = callFor(
    op,
    items.map((i) => i.record),
  );
  let resent = false;
  let entries: Entry[];
  try {
    entries = await send(client, call, op.timeoutMs, () => (resent = true));
  } catch (error) {
    // The client says OUTCOME_UNKNOWN for a write that failed after Zoho may have applied it and is unsafe to resend.
    if (!(error instanceof ZohoError) || error.details.code !== "OUTCOME_UNKNOWN") throw error;
    const { status, causeCode } = error.details;
    const answer = status ? `HTTP ${status}${causeCode && causeCode !== `HTTP_${status}` ? ` ${causeCode}` : ""}` : "no answer (network error or timeout)";
    const message = `Zoho gave ${answer} after the call was sent, so it may have written this record. It was not sent again, as that could duplicate it: check whether the record exists before writing it again, or use Upsert Records with duplicate check fields, which is safe to resend.`;
    return items.map((item) => ({
      index: item.index,
      id: idOf(item.record),
      status: "error",
      code: "OUTCOME_UNKNOWN",
      message,
      details: { status: status ?? null },
    }));
  }
  if (op.kind !== "delete") return items.map((item, i) => toOutcome(item, entries[i]));
  const byId = new Map(entries.map((e) => [String(e.details?.id ?? ""), e]));
  return items.map((item, i) => {
    const entry = byId.get(String(item.record.id)) ?? entries[i];
    if (resent && entry && alreadyGone(entry)) {
      return {
        index: item.index,
        id: idOf(item.record),
        status: "success",
        code: "ALREADY_DELETED",
        message: "record deleted by an earlier try whose answer was lost",
        details: { id: item.record.id },
      };
    }
    return toOutcome(item, entry);
  });
};

const failedCall = (
  items: Item[],
  error: ZohoError,
  code = String(error.details.code ?? (error.details.status ? `HTTP_${error.details.status}` : "NETWORK_ERROR")),
): RecordOutcome[] =>
  items.map((item) => ({
    index: item.index,
    id: idOf(item.record),
    status: "error",
    code,
    message: error.message,
    details: { status: error.details.status ?? null, ...((error.details.zohoDetails as object | undefined) ?? {}) },
  }));

/** Errors of the token, scope or module, or the step's time budget used up: every further call would fail the same way. */
const stopsBatch = (error: ZohoError) =>
  [401, 403, 404].includes(error.details.status ?? 0) || ["INVALID_MODULE", "INVALID_URL_PATTERN", "STEP_BUDGET_EXCEEDED"].includes(String(error.details.code));

/** A failure of the connector itself (not Zoho's answer) in one call: its records' outcomes, saying whether they may have been written. */
const localFailure = (items: Item[], op: WriteOperation, error: unknown): RecordOutcome[] => {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const safe = op.kind !== "create" && op.kind !== "upsert";
  return items.map((item) => ({
    index: item.index,
    id: idOf(item.record),
    status: "error",
    code: safe ? "LOCAL_ERROR" : "OUTCOME_UNKNOWN",
    message: `the connector failed on this record's call (${what})${safe ? "" : ": check whether the record exists before writing it again"}`,
    details: {},
  }));
};

/**
 * Writes every record, `concurrency` calls at a time; never throws for a record's failure, and
 * returns only once every call it started has ended (no write continues behind the step's back).
 */
export const runBatch = async (client: ZohoClient, op: WriteOperation, records: ZohoRecord[], concurrency = 5): Promise<BatchResult> => {
  const chunks: Item[][] = [];
  for (let start = 0; start < records.length; start += CHUNK_SIZE) {
    chunks.push(records.slice(start, start + CHUNK_SIZE).map((record, i) => ({ index: start + i, record })));
  }
  const results: RecordOutcome[] = new Array(records.length);
  let stoppedBy: ZohoError | undefined;
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const chunk = chunks[next++];
      let outcomes: RecordOutcome[];
      if (stoppedBy) {
        outcomes = failedCall(chunk, stoppedBy, "NOT_SENT");
      } else {
        try {
          outcomes = await writeChunk(client, op, chunk);
        } catch (error) {
          if (error instanceof ZohoError) {
            if (stopsBatch(error)) stoppedBy = error;
            outcomes = failedCall(chunk, error);
          } else {
            outcomes = localFailure(chunk, op, error);
          }
        }
      }
      for (const outcome of outcomes) results[outcome.index] = outcome;
    }
  };
  await Promise.allSettled(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));
  const succeeded = results.filter((r) => r.status === "success").length;
  return { total: records.length, succeeded, failed: records.length - succeeded, results };
};

/** "CODE message (field X)": Zoho names the field it objected to in details.api_name. */
const problemOf = (o: RecordOutcome): string => `${o.code} ${o.message}${o.details.api_name ? ` (field ${o.details.api_name})` : ""}`;

/** The batch as the step's result, or, unless `continueOnFailure`, an error naming the failed records. */
export const finishBatch = (result: BatchResult, continueOnFailure: boolean): BatchResult => {
  if (result.failed === 0 || continueOnFailure) return result;
  const failures = result.results.filter((r) => r.status === "error");
  const shown = failures
    .slice(0, 5)
    .map((o) => `record ${o.index}${o.id ? ` (id ${o.id})` : ""}: ${problemOf(o)}`)
    .join("; ");
  const more = failures.length > 5 ? `; and ${failures.length - 5} more` : "";
  throw new ZohoError(
    `${result.failed} of ${result.total} records failed (${result.succeeded} succeeded): ${shown}${more}. Turn on Continue On Failure to get every record's outcome as the step's result instead of an error.`,
    { code: failures[0].code },
  );
};

/** A batch action's work once its inputs are parsed: write every record, then the step's result or error. */
export const writeBatch = async (
  client: ZohoClient,
  op: WriteOperation,
  records: ZohoRecord[],
  { concurrency, continueOnFailure }: { concurrency: number; continueOnFailure: boolean },
): Promise<BatchResult> => finishBatch(await runBatch(client, op, records, concurrency), continueOnFailure);

/** A single-record action's failure, naming the field Zoho objected to. */
export const recordFailure = (op: WriteOperation, outcome: RecordOutcome): ZohoError =>
  new ZohoError(`Zoho did not ${op.kind} the ${op.module} record: ${problemOf(outcome)}.`, {
    code: outcome.code,
    zohoMessage: outcome.message,
    zohoDetails: outcome.details,
  });

/** Writes one record and returns Zoho's details for it (id, times, who), or throws its failure. */
export const writeOne = async (client: ZohoClient, op: WriteOperation, record: ZohoRecord): Promise<Record<string, unknown>> => {
  const [outcome] = await writeChunk(client, op, [{ index: 0, record }]);
  if (outcome.status === "error") throw recordFailure(op, outcome);
  return outcome.details;
};
