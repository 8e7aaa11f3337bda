/**
 * Reads one entry of a record write the way Zoho checks it: values typed per field (a wrong type
 * is INVALID_DATA with the expected type), mandatory fields present (MANDATORY_NOT_FOUND), and
 * unique fields not taken (DUPLICATE_DATA). Each problem names the field and its JSON path.
 * Unknown and read-only fields are ignored, as Zoho ignores them.
 */
import type { CrmField, CrmModule, CrmRecord, SandboxState } from "../../state";
import { CrmFailure } from "../crmFailure";
import { fileFieldValue } from "../files/files";
import { fieldLength } from "../metadata/metadataShapes";
import { lookupTo } from "./parents";
import { subformValue } from "./subforms";
import { minifiedUser, type MinifiedUser } from "./writes";

export interface EntryContext {
  state: SandboxState;
  module: CrmModule;
  /** Position in `data`, for json_path. */
  index: number;
  /** The stored record an update changes: subforms and file fields are read against its rows. */
  record?: CrmRecord;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Zoho takes datetimes as yyyy-MM-ddTHH:mm:ss with an explicit offset. */
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const TEXT_TYPES = new Set(["text", "textarea", "email", "phone", "website", "picklist"]);

const pathOf = (ctx: EntryContext, apiName: string) => `$.data[${ctx.index}].${apiName}`;

const invalid = (ctx: EntryContext, field: CrmField, extra: Record<string, unknown> = {}) =>
  new CrmFailure("INVALID_DATA", "invalid data", {
    expected_data_type: field.data_type,
    api_name: field.api_name,
    json_path: pathOf(ctx, field.api_name),
    ...extra,
  });

export const mandatoryMissing = (ctx: EntryContext, apiName: string) =>
  new CrmFailure("MANDATORY_NOT_FOUND", "required field not found", { api_name: apiName, json_path: pathOf(ctx, apiName) });

const isEmpty = (value: unknown) => value === undefined || value === null || (typeof value === "string" && value.trim() === "");

const idOf = (value: unknown): string | undefined => {
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (value && typeof value === "object" && "id" in value) return String((value as { id: unknown }).id);
  return undefined;
};

/** A lookup as records store it: {name, id}, named by the target's display field. */
const lookupValue = (ctx: EntryContext, field: CrmField, value: unknown) => {
  const id = idOf(value);
  const target = field.lookup && ctx.state.crm.modules.get(field.lookup.module.api_name);
  if (!id) throw invalid(ctx, field);
  if (!target) return { id };
  const record = ctx.state.crm.records.get(target.api_name)?.get(id);
  if (!record) throw invalid(ctx, field);
  return lookupTo(target, record);
};

const ownerValue = (ctx: EntryContext, field: CrmField, value: unknown): MinifiedUser => {
  const id = idOf(value);
  const user = ctx.state.users.find((u) => u.id === id);
  if (!user) throw invalid(ctx, field);
  return minifiedUser(user);
};

const numberValue = (ctx: EntryContext, field: CrmField, value: unknown): number => {
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  if (!Number.isFinite(n) || (field.data_type === "integer" && !Number.isInteger(n))) throw invalid(ctx, field);
  return n;
};

/** The value to store for `field`, or INVALID_DATA when it does not fit the field's type. */
const fieldValue = (ctx: EntryContext, field: CrmField, value: unknown): unknown => {
  if (value === null) return null;
  const type = field.data_type;
  if (TEXT_TYPES.has(type)) {
    if (typeof value !== "string") throw invalid(ctx, field);
    if (value.length > fieldLength(field)) throw invalid(ctx, field, { maximum_length: String(fieldLength(field)) });
    if (type === "email" && value !== "" && !EMAIL.test(value)) throw invalid(ctx, field);
    return value;
  }
  switch (type) {
    case "integer":
    case "double":
    case "currency":
      return numberValue(ctx, field, value);
    case "boolean":
      if (typeof value !== "boolean") throw invalid(ctx, field);
      return value;
    case "date":
      if (typeof value !== "string" || !DATE.test(value) || Number.isNaN(Date.parse(value))) throw invalid(ctx, field);
      return value;
    case "datetime":
      if (typeof value !== "string" || !DATETIME.test(value) || Number.isNaN(Date.parse(value))) throw invalid(ctx, field);
      return value;
    case "multiselectpicklist":
      if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) throw invalid(ctx, field);
      return value;
    case "lookup":
      return lookupValue(ctx, field, value);
    case "ownerlookup":
      return ownerValue(ctx, field, value);
    case "subform":
      return subformValue(ctx.state, field, value, ctx.record?.[field.api_name], (extra) => invalid(ctx, field, extra), pathOf(ctx, field.api_name));
    case "fileupload":
    case "imageupload":
      return fileFieldValue(ctx.state, field, value, ctx.record?.[field.api_name], (extra) => invalid(ctx, field, extra));
    default:
      return value;
  }
};

/**
 * The values an entry writes (typed and checked), keyed by field API name. `insert` requires every
 * mandatory field; an update may leave them out but not empty them.
 */
export const readEntry = (ctx: EntryContext, entry: unknown, mode: "insert" | "update"): Record<string, unknown> => {
  if (!entry || typeof entry !== "object" || Array.isArray(entry)) {
    throw new CrmFailure("INVALID_DATA", "invalid data", { api_name: "data", json_path: `$.data[${ctx.index}]` });
  }
  const values: Record<string, unknown> = {};
  for (const [apiName, value] of Object.entries(entry)) {
    const field = ctx.module.fields.find((f) => f.api_name === apiName);
    if (!field || field.read_only) continue;
    values[apiName] = fieldValue(ctx, field, value);
  }
  for (const field of ctx.module.fields.filter((f) => f.system_mandatory)) {
    const given = field.api_name in values;
    if ((mode === "insert" || given) && isEmpty(values[field.api_name])) throw mandatoryMissing(ctx, field.api_name);
  }
  return values;
};

/** Zoho keeps a person's full name in step with its parts. */
export const withFullName = (module: CrmModule, record: CrmRecord): CrmRecord => {
  if (module.fields.some((f) => f.api_name === "Full_Name")) {
    record.Full_Name = [record.First_Name, record.Last_Name].filter(Boolean).join(" ");
  }
  return record;
};

const sameValue = (a: unknown, b: unknown) => (typeof a === "string" && typeof b === "string" ? a.toLowerCase() === b.toLowerCase() : a === b);

/** The stored record (other than `self`) that already holds `values[apiName]`, if any. */
export const holderOf = (records: Iterable<CrmRecord>, apiName: string, value: unknown, self?: string): CrmRecord | undefined => {
  if (isEmpty(value)) return undefined;
  for (const record of records) if (record.id !== self && sameValue(record[apiName], value)) return record;
  return undefined;
};

/** DUPLICATE_DATA when a unique field of the entry is taken by another record. */
export const checkUnique = (ctx: EntryContext, values: Record<string, unknown>, self?: string): void => {
  for (const field of ctx.module.fields.filter((f) => f.unique && f.api_name in values)) {
    const records = ctx.state.crm.records.get(ctx.module.api_name)?.values() ?? [];
    const holder = holderOf(records, field.api_name, values[field.api_name], self);
    if (holder) {
      throw new CrmFailure("DUPLICATE_DATA", "duplicate data", {
        api_name: field.api_name,
        json_path: pathOf(ctx, field.api_name),
        duplicate_record: { id: holder.id, module: { api_name: ctx.module.api_name, id: ctx.module.id }, Owner: holder.Owner },
      });
    }
  }
};
