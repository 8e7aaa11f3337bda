/**
 * Record writes made by the endpoint groups beyond basic records (notes, lead conversion, tags,
 * attachments). Every change lands in state.writeLog and goes out as a "write" event, in order,
 * so notifications and tests see it.
 */
import { recordStatus, zohoTime } from "../../respond";
import type { CrmRecord, SandboxState, WriteEvent } from "../../state";
import type { SandboxRequest, SandboxResponse } from "../../types";
import { CrmFailure } from "../crmFailure";

export interface MinifiedUser {
  name: string;
  id: string;
  email: string;
}

/** A user as lookups and Created_By show one: {name, id, email}. */
export const minifiedUser = (user: Record<string, unknown> & { id: string }): MinifiedUser => {
  const name = String(user.full_name ?? user.name ?? [user.first_name, user.last_name].filter(Boolean).join(" "));
  return { name, id: user.id, email: String(user.email ?? "") };
};

/** The org's first user: who acts when a call names nobody. */
export const currentUser = (state: SandboxState): MinifiedUser => minifiedUser(state.users[0] ?? { id: "0" });

/** The user the call's token acts as (TokenInfo.userId), else the org's first user. */
export const callerOf = (state: SandboxState, req: SandboxRequest): MinifiedUser => {
  const user = state.users.find((u) => u.id === req.token?.userId);
  return user ? minifiedUser(user) : currentUser(state);
};

export const recordWrite = (state: SandboxState, event: Omit<WriteEvent, "at">): void => {
  const stored: WriteEvent = { at: state.clock.now(), ...event };
  state.writeLog.push(stored);
  state.events.emit("write", stored);
};

const recordsOf = (state: SandboxState, module: string): Map<string, CrmRecord> => {
  let records = state.crm.records.get(module);
  if (!records) state.crm.records.set(module, (records = new Map()));
  return records;
};

/** Zoho keeps a person's Full_Name in step with First_Name and Last_Name. */
export const withFullName = (state: SandboxState, module: string, record: CrmRecord): CrmRecord => {
  if (state.crm.modules.get(module)?.fields.some((f) => f.api_name === "Full_Name")) {
    record.Full_Name = [record.First_Name, record.Last_Name].filter(Boolean).join(" ");
  }
  return record;
};

export const insertRecord = (state: SandboxState, module: string, fields: Record<string, unknown>, by: MinifiedUser = currentUser(state)): CrmRecord => {
  const now = zohoTime(state.clock.now());
  const record = withFullName(state, module, {
    Owner: by,
    ...fields,
    id: state.nextId(),
    Created_Time: now,
    Modified_Time: now,
    Created_By: by,
    Modified_By: by,
  });
  recordsOf(state, module).set(record.id, record);
  recordWrite(state, { module, operation: "insert", ids: [record.id], affectedFields: [Object.keys(fields)] });
  return record;
};

export const updateRecord = (
  state: SandboxState,
  module: string,
  record: CrmRecord,
  changes: Record<string, unknown>,
  by: MinifiedUser = currentUser(state),
): CrmRecord => {
  Object.assign(record, changes, { Modified_Time: zohoTime(state.clock.now()), Modified_By: by });
  withFullName(state, module, record);
  recordWrite(state, { module, operation: "update", ids: [record.id], affectedFields: [Object.keys(changes)] });
  return record;
};

export const removeRecord = (state: SandboxState, module: string, id: string): void => {
  if (recordsOf(state, module).delete(id)) recordWrite(state, { module, operation: "delete", ids: [id] });
};

/** The `data` array of a write body: mandatory, at most 100 entries per call. */
export const dataEntries = (json: unknown, max = 100): unknown[] => {
  const data = (json as { data?: unknown } | undefined)?.data;
  if (!Array.isArray(data) || data.length === 0) {
    throw new CrmFailure("MANDATORY_NOT_FOUND", "required field not found", { api_name: "data", json_path: "$.data" });
  }
  if (data.length > max) throw new CrmFailure("LIMIT_EXCEEDED", "limit exceeded", { api_name: "data", limit: max });
  return data;
};

type Entry = ReturnType<typeof recordStatus>;

/**
 * Runs one write per entry; a CrmFailure fails only its entry. Status as Zoho answers writes:
 * `okStatus` when all succeed, 400 when all fail, 207 when mixed.
 */
export const perEntry = <T>(items: T[], okStatus: number, write: (item: T, index: number) => Entry): SandboxResponse => {
  const data = items.map((item, index) => {
    try {
      return write(item, index);
    } catch (e) {
      if (!(e instanceof CrmFailure)) throw e;
      return recordStatus(false, e.code, e.message, e.details);
    }
  });
  const succeeded = data.filter((entry) => entry.status === "success").length;
  const status = succeeded === data.length ? okStatus : succeeded === 0 ? 400 : 207;
  return { status, body: { data } };
};

/** Success details of a record write: id, times and who. */
export const writeDetails = (record: CrmRecord) => ({
  Modified_Time: record.Modified_Time,
  Modified_By: record.Modified_By,
  Created_Time: record.Created_Time,
  id: record.id,
  Created_By: record.Created_By,
});
