/**
 * How a Books list answers: the filters Books documents (search_text, status or filter_by=Status.X,
 * last_modified_time, a field's value or its _startswith/_contains variants), sort_column with
 * sort_order A|D, and pages of at most 200 with page_context.has_more_page.
 */
import { invalidValue } from "./failure";
import { DEFAULT_SORT, type RecordType, type SortOrder } from "./recordTypes";
import { type BooksRecord, parseBooksTime } from "./store";

export const MAX_PER_PAGE = 200;

type Matcher = (record: BooksRecord) => boolean;

const text = (value: unknown) => (value === undefined || value === null ? "" : String(value).toLowerCase());

const positiveInteger = (query: URLSearchParams, name: string, fallback: number): number => {
  const raw = query.get(name);
  if (raw === null || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw invalidValue(name);
  return n;
};

/** Books' report name: the label in the plural ("Invoices", "Time Entries", "Taxes"). */
const reportName = (type: RecordType) =>
  type.label.endsWith("y") ? `${type.label.slice(0, -1)}ies` : /(x|s)$/.test(type.label) ? `${type.label}es` : `${type.label}s`;

/** The status a call asks for, from `status` or `filter_by=Status.X` (Status.All asks for none). */
const wantedStatus = (query: URLSearchParams): string | undefined => {
  const status = query.get("status") ?? /^Status\.(\w+)$/i.exec(query.get("filter_by") ?? "")?.[1];
  return status && status.toLowerCase() !== "all" ? status.toLowerCase() : undefined;
};

const matchers = (type: RecordType, query: URLSearchParams): Matcher[] => {
  const found: Matcher[] = [];
  const search = query.get("search_text");
  if (search) found.push((r) => type.search.some((field) => text(r[field]).includes(search.toLowerCase())));
  const status = wantedStatus(query);
  if (status) found.push((r) => text(r.status) === status);
  const modified = query.get("last_modified_time");
  if (modified) {
    const since = parseBooksTime(modified);
    if (Number.isNaN(since)) throw invalidValue("last_modified_time");
    found.push((r) => parseBooksTime(String(r.last_modified_time)) >= since);
  }
  for (const field of type.filters) {
    const exact = query.get(field);
    const prefix = query.get(`${field}_startswith`);
    const part = query.get(`${field}_contains`);
    if (exact !== null) found.push((r) => text(r[field]) === exact.toLowerCase());
    if (prefix !== null) found.push((r) => text(r[field]).startsWith(prefix.toLowerCase()));
    if (part !== null) found.push((r) => text(r[field]).includes(part.toLowerCase()));
  }
  return found;
};

const compareValues = (a: unknown, b: unknown): number => {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const [x, y] = [text(a), text(b)];
  return x < y ? -1 : x > y ? 1 : 0;
};

const sortOf = (type: RecordType, query: URLSearchParams) => {
  const fallback = type.sort ?? DEFAULT_SORT;
  const column = query.get("sort_column") || fallback.column;
  const order = (query.get("sort_order") || (query.get("sort_column") ? "A" : fallback.order)).toUpperCase();
  if (order !== "A" && order !== "D") throw invalidValue("sort_order");
  const sign = order === "A" ? 1 : -1;
  // Ids only grow, so they break ties in creation order and keep pages stable.
  const compare = (a: BooksRecord, b: BooksRecord) => sign * (compareValues(a[column], b[column]) || compareValues(a[type.idField], b[type.idField]));
  return { column, order: order as SortOrder, compare };
};

/** One page of `records` as Books answers a list: the page's records and its page_context. */
export const listPage = (type: RecordType, records: BooksRecord[], query: URLSearchParams) => {
  const page = positiveInteger(query, "page", 1);
  const perPage = Math.min(positiveInteger(query, "per_page", MAX_PER_PAGE), MAX_PER_PAGE);
  const sort = sortOf(type, query);
  const tests = matchers(type, query);
  const matching = records.filter((r) => tests.every((test) => test(r))).sort(sort.compare);
  const start = (page - 1) * perPage;
  const status = wantedStatus(query);
  return {
    records: matching.slice(start, start + perPage),
    page_context: {
      page,
      per_page: perPage,
      has_more_page: matching.length > start + perPage,
      report_name: reportName(type),
      applied_filter: status ? `Status.${status[0].toUpperCase()}${status.slice(1)}` : "Status.All",
      sort_column: sort.column,
      sort_order: sort.order,
    },
  };
};
