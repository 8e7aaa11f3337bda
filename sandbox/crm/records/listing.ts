/**
 * How CRM list answers page and pick fields: `page`/`per_page` (at most 200 a page), `fields` as a
 * comma list, and `info` with more_records. Shared by search, notes, related records and attachments.
 */
import type { CrmRecord } from "../../state";
import { compareComparable, compareIds } from "./compare";
import { CrmFailure } from "../crmFailure";

export const MAX_PER_PAGE = 200;

export interface PageRequest {
  page: number;
  perPage: number;
}

const positiveInteger = (raw: string | null): number | undefined => {
  const n = Number(raw);
  return raw !== null && Number.isInteger(n) && n > 0 ? n : undefined;
};

export const pageRequest = (query: URLSearchParams): PageRequest => ({
  page: positiveInteger(query.get("page")) ?? 1,
  perPage: Math.min(positiveInteger(query.get("per_page")) ?? MAX_PER_PAGE, MAX_PER_PAGE),
});

export const pageOf = <T>(items: T[], { page, perPage }: PageRequest) => {
  const start = (page - 1) * perPage;
  const slice = items.slice(start, start + perPage);
  return {
    slice,
    info: { per_page: perPage, count: slice.length, page, more_records: items.length > start + perPage },
  };
};

/** The `fields` parameter; `required` endpoints answer REQUIRED_PARAM_MISSING without it, as v8 does. */
export const fieldsParam = (query: URLSearchParams, required: boolean): string[] | undefined => {
  const fields = query
    .get("fields")
    ?.split(",")
    .map((f) => f.trim())
    .filter(Boolean);
  if (required && !fields?.length) {
    throw new CrmFailure("REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", { param_name: "fields" });
  }
  return fields;
};

/** The record with only the asked fields (id always), or whole when no fields were asked. */
export const pickFields = <T extends { id: string }>(record: T, fields: string[] | undefined): Record<string, unknown> =>
  fields ? Object.fromEntries([["id", record.id], ...fields.filter((f) => f in record).map((f) => [f, record[f as keyof T]])]) : record;

const SORTABLE = ["id", "Created_Time", "Modified_Time"];

/** `sort_by` (id, Created_Time or Modified_Time; default id) and `sort_order` (asc or desc). */
export const sortRecords = (records: CrmRecord[], query: URLSearchParams): CrmRecord[] => {
  const sortBy = query.get("sort_by") ?? "id";
  if (!SORTABLE.includes(sortBy)) {
    throw new CrmFailure("INVALID_DATA", "invalid data", { param_name: "sort_by", supported_values: SORTABLE });
  }
  const sign = query.get("sort_order") === "desc" ? -1 : 1;
  const byTime = (a: CrmRecord, b: CrmRecord) => compareComparable(Date.parse(a[sortBy] as string), Date.parse(b[sortBy] as string));
  return [...records].sort((a, b) => sign * ((sortBy === "id" ? 0 : byTime(a, b)) || compareIds(a.id, b.id)));
};
