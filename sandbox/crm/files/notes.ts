/**
 * Notes: GET/POST /crm/v8/{module}/{id}/Notes, GET/POST/PUT/DELETE /crm/v8/Notes and
 * GET/PUT/DELETE /crm/v8/Notes/{note_id}. Notes are records of the Notes module, so COQL and
 * write events see them like any other record; Parent_Id ties each to the record it is on.
 */
import { noContent, ok, recordStatus } from "../../respond";
import type { CrmModule, CrmRecord, SandboxState } from "../../state";
import type { Route } from "../../types";
import { crmView } from "../records/compare";
import { CrmFailure } from "../crmFailure";
import { crmRoute } from "../crmRoute";
import { fieldsParam, pageOf, pageRequest, sortRecords } from "../records/listing";
import { lookupTo, moduleNamed, parentRecord } from "../records/parents";
import { callerOf, dataEntries, insertRecord, perEntry, removeRecord, updateRecord, writeDetails, type MinifiedUser } from "../records/writes";

const NOTES = "Notes";

const READ = { scopes: ["ZohoCRM.modules.notes.READ"] };
const CREATE = { scopes: ["ZohoCRM.modules.notes.CREATE"], write: true };
const UPDATE = { scopes: ["ZohoCRM.modules.notes.UPDATE"], write: true };
const DELETE = { scopes: ["ZohoCRM.modules.notes.DELETE"], write: true };

/** Fields Zoho gives every note besides title, content and parent. */
const NOTE_DEFAULTS = {
  $attachments: [],
  $editable: true,
  $is_shared_to_client: false,
  $sharing_permission: "full_access",
  $size: "0",
  $state: "save",
  $voice_note: false,
};

type NoteInput = {
  Note_Title?: unknown;
  Note_Content?: unknown;
  Parent_Id?: { id?: unknown; module?: { api_name?: unknown; id?: unknown } };
};

const notes = (state: SandboxState) => crmView(state).records(NOTES);

/** A note's Parent_Id: the record it is on, with its module. */
const parentIdOf = (module: CrmModule, record: CrmRecord) => ({
  module: { api_name: module.api_name, id: module.id },
  ...lookupTo(module, record),
});

const textField = (entry: NoteInput, apiName: "Note_Title" | "Note_Content", index: number, required: boolean) => {
  const value = entry[apiName];
  if (value === undefined || value === null || value === "") {
    if (!required) return undefined;
    throw new CrmFailure("MANDATORY_NOT_FOUND", "required field not found", {
      api_name: apiName,
      json_path: `$.data[${index}].${apiName}`,
    });
  }
  if (typeof value !== "string") {
    throw new CrmFailure("INVALID_DATA", "invalid data", {
      api_name: apiName,
      json_path: `$.data[${index}].${apiName}`,
      expected_data_type: "text",
    });
  }
  return value;
};

const createNote = (state: SandboxState, by: MinifiedUser, module: CrmModule, parent: CrmRecord, entry: NoteInput, index: number) => {
  const note = insertRecord(
    state,
    NOTES,
    {
      Note_Title: textField(entry, "Note_Title", index, false) ?? "",
      Note_Content: textField(entry, "Note_Content", index, true),
      Parent_Id: parentIdOf(module, parent),
      ...NOTE_DEFAULTS,
    },
    by,
  );
  return recordStatus(true, "SUCCESS", "record added", writeDetails(note));
};

/** POST /Notes names the parent in each note: Parent_Id {id, module: {api_name} or {id}}. */
const parentOf = (state: SandboxState, entry: NoteInput, index: number) => {
  const where = { api_name: "Parent_Id", json_path: `$.data[${index}].Parent_Id` };
  const { id, module: named } = entry.Parent_Id ?? {};
  if ((typeof id !== "string" && typeof id !== "number") || (named?.api_name === undefined && named?.id === undefined)) {
    throw new CrmFailure("MANDATORY_NOT_FOUND", "required field not found", where);
  }
  const module = [...state.crm.modules.values()].find((m) => m.api_name === named.api_name || m.id === String(named.id));
  const parent = module && state.crm.records.get(module.api_name)?.get(String(id));
  if (!module || !parent) throw new CrmFailure("INVALID_DATA", "invalid data", where);
  return { module, parent };
};

const updateNote = (state: SandboxState, by: MinifiedUser, id: string, entry: NoteInput, index: number) => {
  const note = state.crm.records.get(NOTES)?.get(id);
  if (!note) throw new CrmFailure("INVALID_DATA", "the id given seems to be invalid", { id });
  const changes: Record<string, unknown> = {};
  for (const apiName of ["Note_Title", "Note_Content"] as const) {
    const value = textField(entry, apiName, index, false);
    if (value !== undefined) changes[apiName] = value;
  }
  updateRecord(state, NOTES, note, changes, by);
  return recordStatus(true, "SUCCESS", "record updated", writeDetails(note));
};

const deleteNote = (state: SandboxState, id: string) => {
  const note = state.crm.records.get(NOTES)?.get(id);
  if (!note) return recordStatus(false, "INVALID_DATA", "record not deleted", { id });
  removeRecord(state, NOTES, id);
  return recordStatus(true, "SUCCESS", "record deleted", writeDetails(note));
};

/** Notes follow their record when a lead is converted; each moved note is an update. */
export const moveNotes = (state: SandboxState, fromId: string, to: { module: CrmModule; record: CrmRecord }, by: MinifiedUser) => {
  const Parent_Id = parentIdOf(to.module, to.record);
  for (const note of notes(state).filter((n) => (n.Parent_Id as { id?: string }).id === fromId)) {
    updateRecord(state, NOTES, note, { Parent_Id }, by);
  }
};

const listAnswer = (list: CrmRecord[], query: URLSearchParams) => {
  fieldsParam(query, true);
  const { slice, info } = pageOf(sortRecords(list, query), pageRequest(query));
  return slice.length === 0 ? noContent() : ok({ data: slice, info });
};

export const routes: Route[] = [
  crmRoute("GET", "/crm/v8/:module/:id/Notes", READ, (req, ctx) => {
    const module = moduleNamed(ctx.state, req.params.module);
    const parent = parentRecord(ctx.state, module, req.params.id);
    const onParent = notes(ctx.state).filter((n) => (n.Parent_Id as { id: string }).id === parent.id);
    return listAnswer(onParent, req.query);
  }),
  crmRoute("POST", "/crm/v8/:module/:id/Notes", CREATE, (req, ctx) => {
    const module = moduleNamed(ctx.state, req.params.module);
    const parent = parentRecord(ctx.state, module, req.params.id);
    return perEntry(dataEntries(req.json), 201, (entry, i) => createNote(ctx.state, callerOf(ctx.state, req), module, parent, entry as NoteInput, i));
  }),
  crmRoute("GET", "/crm/v8/Notes", READ, (req, ctx) => listAnswer(notes(ctx.state), req.query)),
  crmRoute("POST", "/crm/v8/Notes", CREATE, (req, ctx) =>
    perEntry(dataEntries(req.json), 201, (entry, i) => {
      const { module, parent } = parentOf(ctx.state, entry as NoteInput, i);
      return createNote(ctx.state, callerOf(ctx.state, req), module, parent, entry as NoteInput, i);
    }),
  ),
  crmRoute("PUT", "/crm/v8/Notes", UPDATE, (req, ctx) =>
    perEntry(dataEntries(req.json), 200, (entry, i) =>
      updateNote(ctx.state, callerOf(ctx.state, req), String((entry as { id?: unknown }).id ?? ""), entry as NoteInput, i),
    ),
  ),
  crmRoute("DELETE", "/crm/v8/Notes", DELETE, (req, ctx) => {
    const ids = req.query.get("ids")?.split(",").filter(Boolean) ?? [];
    if (ids.length === 0) {
      throw new CrmFailure("REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", { param_name: "ids" });
    }
    if (ids.length > 100) throw new CrmFailure("LIMIT_EXCEEDED", "limit exceeded", { api_name: "ids", limit: 100 });
    return perEntry(ids, 200, (id) => deleteNote(ctx.state, id));
  }),
  crmRoute("GET", "/crm/v8/Notes/:note_id", READ, (req, ctx) => {
    fieldsParam(req.query, true);
    const note = ctx.state.crm.records.get(NOTES)?.get(req.params.note_id);
    return note ? ok({ data: [note] }) : noContent();
  }),
  crmRoute("PUT", "/crm/v8/Notes/:note_id", UPDATE, (req, ctx) =>
    perEntry(dataEntries(req.json, 1), 200, (entry, i) => updateNote(ctx.state, callerOf(ctx.state, req), req.params.note_id, entry as NoteInput, i)),
  ),
  crmRoute("DELETE", "/crm/v8/Notes/:note_id", DELETE, (req, ctx) => perEntry([req.params.note_id], 200, (id) => deleteNote(ctx.state, id))),
];
