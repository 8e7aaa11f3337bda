/**
 * CRM records: list (recordList.ts), get one, insert, update, upsert and delete. Writes take
 * {data: [...]} with at most 100 entries and answer per entry: 201 (insert) or 200 when all
 * succeed, 207 when some fail, 400 when all fail. One call's stored changes go out as one write
 * event per operation, as Zoho notifies one call's records together.
 */
import { noContent, ok, recordStatus, zohoTime } from "../../respond";
import type { CrmModule, CrmRecord, SandboxState } from "../../state";
import type { Handler, Route, SandboxRequest } from "../../types";
import { ownerByRule } from "../automation/assignmentRules";
import { CrmFailure, answering } from "../crmFailure";
import { fieldsParam, pickFields } from "./listing";
import { moduleNamed } from "./parents";
import { listRecords } from "./recordList";
import { checkUnique, holderOf, mandatoryMissing, readEntry, withFullName, type EntryContext } from "./recordValues";
import { currentUser, dataEntries, minifiedUser, perEntry, recordWrite, writeDetails, type MinifiedUser } from "./writes";

const MAX_DELETE_IDS = 100;
const ID = /^\d+$/;

/** The user the call's token acts as. */
const callerOf = (state: SandboxState, req: SandboxRequest): MinifiedUser => {
  const user = state.users.find((u) => u.id === req.token?.userId);
  return user ? minifiedUser(user) : currentUser(state);
};

const recordsOf = (state: SandboxState, module: CrmModule): Map<string, CrmRecord> => {
  let records = state.crm.records.get(module.api_name);
  if (!records) state.crm.records.set(module.api_name, (records = new Map()));
  return records;
};

/** Collects one call's stored changes and reports them as one write event per operation. */
class WriteBatch {
  private readonly changes = { insert: [] as CrmRecord[], update: [] as CrmRecord[] };
  private readonly fields = new Map<string, string[]>();

  constructor(
    private readonly state: SandboxState,
    private readonly module: CrmModule,
    private readonly caller: MinifiedUser,
  ) {}

  insert(values: Record<string, unknown>): CrmRecord {
    const now = zohoTime(this.state.clock.now());
    const record = withFullName(this.module, {
      Owner: this.caller,
      ...values,
      id: this.state.nextId(),
      Created_Time: now,
      Modified_Time: now,
      Created_By: this.caller,
      Modified_By: this.caller,
    });
    recordsOf(this.state, this.module).set(record.id, record);
    return this.note("insert", record, values);
  }

  update(record: CrmRecord, values: Record<string, unknown>): CrmRecord {
    Object.assign(record, values, { Modified_Time: zohoTime(this.state.clock.now()), Modified_By: this.caller });
    return this.note("update", withFullName(this.module, record), values);
  }

  private note(operation: "insert" | "update", record: CrmRecord, values: Record<string, unknown>) {
    this.changes[operation].push(record);
    this.fields.set(record.id, Object.keys(values));
    return record;
  }

  /** Emits the events; call once, after every entry was handled. */
  commit(): void {
    for (const operation of ["insert", "update"] as const) {
      const records = this.changes[operation];
      if (records.length === 0) continue;
      const ids = records.map((r) => r.id);
      recordWrite(this.state, { module: this.module.api_name, operation, ids, affectedFields: ids.map((id) => this.fields.get(id) ?? []) });
    }
  }
}

const success = (message: string, record: CrmRecord) => recordStatus(true, "SUCCESS", message, writeDetails(record));

/** The record an update entry names, or the entry's error. */
const existing = (ctx: EntryContext, id: unknown): CrmRecord => {
  if (id === undefined || id === null || id === "") throw mandatoryMissing(ctx, "id");
  const record = ID.test(String(id)) ? ctx.state.crm.records.get(ctx.module.api_name)?.get(String(id)) : undefined;
  if (!record) {
    throw new CrmFailure("INVALID_DATA", "the id given seems to be invalid", { api_name: "id", json_path: `$.data[${ctx.index}].id` });
  }
  return record;
};

const insert: Handler = (req, { state }) => {
  const module = moduleNamed(state, req.params.module);
  const batch = new WriteBatch(state, module, callerOf(state, req));
  const assign = ownerByRule(state, module.api_name, req.json);
  const answer = perEntry(dataEntries(req.json), 201, (entry, index) => {
    const ctx = { state, module, index };
    const values = readEntry(ctx, entry, "insert");
    checkUnique(ctx, values);
    return success("record added", batch.insert(assign ? { ...values, Owner: assign() } : values));
  });
  batch.commit();
  return answer;
};

/** PUT /{module} names each record by its `id`; PUT /{module}/{id} names the one record in the path. */
const update: Handler = (req, { state }) => {
  const module = moduleNamed(state, req.params.module);
  const batch = new WriteBatch(state, module, callerOf(state, req));
  const entries = dataEntries(req.json, req.params.id ? 1 : undefined);
  const answer = perEntry(entries, 200, (entry, index) => {
    const ctx = { state, module, index };
    const record = existing(ctx, req.params.id ?? (entry as { id?: unknown } | null)?.id);
    const values = readEntry({ ...ctx, record }, entry, "update");
    checkUnique(ctx, values, record.id);
    return success("record updated", batch.update(record, values));
  });
  batch.commit();
  return answer;
};

/** The fields upsert matches on: the call's duplicate_check_fields, else the module's checks and unique fields. */
const duplicateCheckFields = (module: CrmModule, json: unknown): string[] => {
  const asked = (json as { duplicate_check_fields?: unknown } | undefined)?.duplicate_check_fields;
  if (asked === undefined) {
    return [...new Set([...(module.duplicate_check_fields ?? []), ...module.fields.filter((f) => f.unique).map((f) => f.api_name)])];
  }
  const names = Array.isArray(asked) ? asked : [asked];
  const unknown = names.find((name) => typeof name !== "string" || !module.fields.some((f) => f.api_name === name));
  if (unknown !== undefined) {
    throw new CrmFailure("INVALID_DATA", "invalid data", { api_name: "duplicate_check_fields", json_path: "$.duplicate_check_fields" });
  }
  return names as string[];
};

const upsert: Handler = (req, { state }) => {
  const module = moduleNamed(state, req.params.module);
  const checks = duplicateCheckFields(module, req.json);
  const batch = new WriteBatch(state, module, callerOf(state, req));
  // Zoho's assignment rules apply to inserted records only; an upsert's updates keep their owner.
  const assign = ownerByRule(state, module.api_name, req.json);
  const answer = perEntry(dataEntries(req.json), 200, (entry, index) => {
    const ctx = { state, module, index };
    const given = (entry && typeof entry === "object" ? entry : {}) as Record<string, unknown>;
    const records = [...recordsOf(state, module).values()];
    // The first check field whose value an existing record holds decides which record is updated.
    const match = checks.map((field) => ({ field, record: holderOf(records, field, given[field]) })).find((m) => m.record);
    const values = readEntry({ ...ctx, record: match?.record }, entry, match ? "update" : "insert");
    checkUnique(ctx, values, match?.record?.id);
    if (match?.record) {
      return { ...success("record updated", batch.update(match.record, values)), action: "update", duplicate_field: match.field };
    }
    return { ...success("record added", batch.insert(assign ? { ...values, Owner: assign() } : values)), action: "insert" };
  });
  batch.commit();
  const allInserted = answer.status === 200 && (answer.body as { data: Array<{ action?: string }> }).data.every((d) => d.action === "insert");
  return allInserted ? { ...answer, status: 201 } : answer;
};

const remove: Handler = (req, { state }) => {
  const module = moduleNamed(state, req.params.module);
  const ids = req.params.id
    ? [req.params.id]
    : (req.query.get("ids") ?? "")
        .split(",")
        .map((id) => id.trim())
        .filter(Boolean);
  if (ids.length === 0) throw new CrmFailure("REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", { param_name: "ids" });
  if (ids.length > MAX_DELETE_IDS) throw new CrmFailure("LIMIT_EXCEEDED", "limit exceeded", { param_name: "ids", limit: MAX_DELETE_IDS });
  const records = recordsOf(state, module);
  const deleted: string[] = [];
  const answer = perEntry(ids, 200, (id) => {
    if (!records.delete(id)) throw new CrmFailure("INVALID_DATA", "the id given seems to be invalid", { id });
    deleted.push(id);
    return recordStatus(true, "SUCCESS", "record deleted", { id });
  });
  if (deleted.length > 0) recordWrite(state, { module: module.api_name, operation: "delete", ids: deleted });
  return answer;
};

/** GET /{module}/{id}: the whole record, or only `fields`; 204 when no such record exists. */
const getOne: Handler = (req, { state }) => {
  const module = moduleNamed(state, req.params.module);
  if (!ID.test(req.params.id)) throw new CrmFailure("INVALID_DATA", "the id given seems to be invalid", { resource_path_index: 1 });
  const record = state.crm.records.get(module.api_name)?.get(req.params.id);
  if (!record) return noContent();
  return ok({ data: [pickFields(record, fieldsParam(req.query, false))] });
};

const list: Handler = (req, { state }) => listRecords(req, state, moduleNamed(state, req.params.module));

const READ = ["ZohoCRM.modules.{module}.READ"];
const CREATE = ["ZohoCRM.modules.{module}.CREATE"];
const UPDATE = ["ZohoCRM.modules.{module}.UPDATE"];
const DELETE = ["ZohoCRM.modules.{module}.DELETE"];

const route = (method: Route["method"], pattern: string, scopes: string[], handler: Handler, write = false): Route => ({
  method,
  pattern,
  api: "crm",
  scopes,
  write,
  handler: answering(handler),
});

export const routes: Route[] = [
  route("GET", "/crm/v8/:module", READ, list),
  route("GET", "/crm/v8/:module/:id", READ, getOne),
  route("POST", "/crm/v8/:module", CREATE, insert, true),
  route("PUT", "/crm/v8/:module", UPDATE, update, true),
  route("PUT", "/crm/v8/:module/:id", UPDATE, update, true),
  // Upsert may insert or update, so either operation's scope lets it through.
  route("POST", "/crm/v8/:module/upsert", [...CREATE, ...UPDATE], upsert, true),
  route("DELETE", "/crm/v8/:module", DELETE, remove, true),
  route("DELETE", "/crm/v8/:module/:id", DELETE, remove, true),
];
