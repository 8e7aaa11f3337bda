/**
 * What COQL and search share: a read-only view of the CRM data,
 * field lookup (with the system fields every record has), and typed value comparison, so
 * "lookups compare by id, datetimes by instant, text without case" is decided in one place.
 */
import type { CrmField, CrmModule, CrmRecord, SandboxState } from "../../state";

export interface CrmView {
  module(apiName: string): CrmModule | undefined;
  records(apiName: string): CrmRecord[];
  record(apiName: string, id: string): CrmRecord | undefined;
  user(id: string): Record<string, unknown> | undefined;
}

export const crmView = (state: SandboxState): CrmView => ({
  module: (apiName) => state.crm.modules.get(apiName),
  records: (apiName) => [...(state.crm.records.get(apiName)?.values() ?? [])],
  record: (apiName, id) => state.crm.records.get(apiName)?.get(id),
  user: (id) => state.users.find((u) => u.id === id),
});

/** Fields every record carries even when the module's metadata leaves them out. */
const SYSTEM_FIELDS: CrmField[] = [
  { api_name: "id", field_label: "Record Id", data_type: "bigint", read_only: true },
  { api_name: "Created_Time", field_label: "Created Time", data_type: "datetime", read_only: true },
  { api_name: "Modified_Time", field_label: "Modified Time", data_type: "datetime", read_only: true },
  { api_name: "Created_By", field_label: "Created By", data_type: "ownerlookup", read_only: true },
  { api_name: "Modified_By", field_label: "Modified By", data_type: "ownerlookup", read_only: true },
];

export const findField = (module: CrmModule, apiName: string): CrmField | undefined =>
  module.fields.find((f) => f.api_name === apiName) ?? SYSTEM_FIELDS.find((f) => f.api_name === apiName);

/** Fields of a user reachable through an owner lookup (Owner.email, Created_By.name, ...). */
export const USER_FIELDS = ["id", "name", "first_name", "last_name", "full_name", "email"];

export type ValueKind = "bigint" | "number" | "date" | "datetime" | "boolean" | "lookup" | "multi" | "text";

const KIND_BY_DATA_TYPE: Record<string, ValueKind> = {
  bigint: "bigint",
  integer: "number",
  double: "number",
  currency: "number",
  decimal: "number",
  percent: "number",
  long: "number",
  date: "date",
  datetime: "datetime",
  boolean: "boolean",
  lookup: "lookup",
  ownerlookup: "lookup",
  userlookup: "lookup",
  multiselectpicklist: "multi",
};

export const kindOf = (dataType: string): ValueKind => KIND_BY_DATA_TYPE[dataType] ?? "text";

/** Kinds that have an order, so <, >, between and friends apply. */
export const isOrdered = (kind: ValueKind): boolean => kind === "bigint" || kind === "number" || kind === "date" || kind === "datetime";

export type Comparable = string | number | bigint | boolean;

/** Zoho accepts datetimes only as yyyy-MM-ddTHH:mm:ss with an explicit offset. */
const ZOHO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const INTEGER = /^-?\d+$/;

/** The id a lookup value points at: records store lookups as {id, name}, some writers as a bare id. */
export const lookupId = (value: unknown): string | undefined => {
  if (value && typeof value === "object" && "id" in value) return String((value as { id: unknown }).id);
  if (typeof value === "string" || typeof value === "number") return String(value);
  return undefined;
};

/** A stored field value in comparable form; null when empty. */
export const storedComparable = (value: unknown, kind: ValueKind): Comparable | null => {
  if (value === null || value === undefined || value === "") return null;
  switch (kind) {
    case "bigint": {
      const text = String(value);
      return INTEGER.test(text) ? BigInt(text) : null;
    }
    case "number": {
      const n = Number(value);
      return Number.isNaN(n) ? null : n;
    }
    case "datetime": {
      const ms = Date.parse(String(value));
      return Number.isNaN(ms) ? null : ms;
    }
    case "boolean":
      return value === true || value === "true";
    case "lookup":
      return lookupId(value) ?? null;
    case "multi":
      return Array.isArray(value) ? value.join(";").toLowerCase() : String(value).toLowerCase();
    case "date":
      return String(value);
    default:
      return String(value).toLowerCase();
  }
};

/** A literal from a query in the field's comparable form; undefined when it does not fit the type. */
export const literalComparable = (literal: string | boolean, kind: ValueKind): Comparable | undefined => {
  const text = String(literal);
  switch (kind) {
    case "bigint":
      return INTEGER.test(text) ? BigInt(text) : undefined;
    case "number":
      return text.trim() !== "" && !Number.isNaN(Number(text)) ? Number(text) : undefined;
    case "date":
      return ISO_DATE.test(text) ? text : undefined;
    case "datetime":
      return ZOHO_DATETIME.test(text) ? Date.parse(text) : undefined;
    case "boolean":
      return text === "true" ? true : text === "false" ? false : undefined;
    case "lookup":
      return text;
    default:
      return text.toLowerCase();
  }
};

export const compareComparable = (a: Comparable, b: Comparable): number => (a < b ? -1 : a > b ? 1 : 0);

/** The order tests Zoho's word-named operators stand for (search criteria, bulk read criteria). */
export const ORDER_TESTS: Record<string, (order: number) => boolean> = {
  greater_than: (o) => o > 0,
  greater_equal: (o) => o >= 0,
  less_than: (o) => o < 0,
  less_equal: (o) => o <= 0,
};

/** Sort order of Zoho's SQL store: empty values first when ascending. */
export const compareForSort = (a: Comparable | null, b: Comparable | null): number => {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return compareComparable(a, b);
};

/** Record ids are 19-digit numbers: compare them exactly, not as floats. */
export const compareIds = (a: string, b: string): number =>
  INTEGER.test(a) && INTEGER.test(b) ? compareComparable(BigInt(a), BigInt(b)) : compareComparable(a, b);
