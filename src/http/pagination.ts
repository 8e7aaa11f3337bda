/**
 * Paging for every Zoho list: async iterators yield one page at a time so callers can stream
 * without holding everything, and the limits (2,000 by page number, 100,000 by token) live here.
 */
import { InputError } from "./errors";
import type { ZohoClient } from "./client";

export const CRM_PAGE_MAX = 200;
export const CRM_DISCRETE_LIMIT = 2_000;
export const CRM_TOKEN_LIMIT = 100_000;
export const COQL_PAGE_MAX = 2_000;
export const BOOKS_PAGE_MAX = 200;

export interface CrmInfo {
  per_page?: number;
  count?: number;
  page?: number;
  more_records?: boolean;
  next_page_token?: string | null;
  previous_page_token?: string | null;
  page_token_expiry?: string | null;
}

export interface Page<T> {
  records: T[];
  info: Record<string, unknown>;
}

/** Explains the 2,000-record rule instead of letting Zoho answer DISCRETE_PAGINATION_LIMIT_EXCEEDED. */
export const assertDiscretePage = (page: number, perPage: number): void => {
  if (page * perPage > CRM_DISCRETE_LIMIT) {
    throw new InputError(
      `Page ${page} with per_page ${perPage} reaches record ${page * perPage}, past Zoho's 2,000-record limit for page numbers: pass the Page Token from the previous page's info.next_page_token, or turn on Fetch All.`,
    );
  }
};

/**
 * CRM list pages: page numbers while they stay within 2,000 records, then `page_token` from
 * `info.next_page_token`, up to `maxRecords` (Zoho's own ceiling is 100,000). Records sit under
 * `data`, except in lists such as GET /users that name their own key (`listKey`).
 */
export async function* crmPages<T = Record<string, unknown>>(
  client: ZohoClient,
  path: string,
  params: Record<string, unknown>,
  {
    perPage = CRM_PAGE_MAX,
    maxRecords = CRM_TOKEN_LIMIT,
    headers,
    listKey = "data",
  }: { perPage?: number; maxRecords?: number; headers?: Record<string, string>; listKey?: string } = {},
): AsyncGenerator<Page<T>> {
  let page = 1;
  let pageToken: string | undefined;
  let seen = 0;
  while (seen < maxRecords) {
    const query = pageToken ? { ...params, per_page: perPage, page_token: pageToken } : { ...params, per_page: perPage, page };
    const response = await client.request<Record<string, T[] | undefined> & { info?: CrmInfo }>({ api: "crm", path, params: query, headers });
    const records = response.status === 204 || response.status === 304 ? [] : (response.data?.[listKey] ?? []);
    const info = response.data?.info ?? {};
    const kept = records.slice(0, maxRecords - seen);
    seen += kept.length;
    yield { records: kept, info: info as Record<string, unknown> };
    if (!info.more_records || records.length === 0) return;
    if ((page + 1) * perPage <= CRM_DISCRETE_LIMIT && !pageToken) {
      page += 1;
    } else if (info.next_page_token) {
      pageToken = info.next_page_token;
    } else {
      return;
    }
  }
}

/** COQL pages with `limit offset, count`, stopping on `more_records: false` or 100,000 rows. */
export async function* coqlPages<T = Record<string, unknown>>(
  client: ZohoClient,
  selectQuery: string,
  { pageSize = COQL_PAGE_MAX, maxRecords = CRM_TOKEN_LIMIT }: { pageSize?: number; maxRecords?: number } = {},
): AsyncGenerator<Page<T>> {
  const base = selectQuery.replace(/\s+limit\s+\d+(\s*,\s*\d+|\s+offset\s+\d+)?\s*;?\s*$/i, "").trim();
  for (let offset = 0; offset < maxRecords; offset += pageSize) {
    const count = Math.min(pageSize, maxRecords - offset);
    const response = await client.request<{ data?: T[]; info?: CrmInfo }>({
      api: "crm",
      method: "POST",
      path: "/coql",
      data: { select_query: `${base} limit ${offset}, ${count}` },
      idempotent: true,
    });
    const records = response.status === 204 ? [] : (response.data?.data ?? []);
    yield { records, info: (response.data?.info ?? {}) as Record<string, unknown> };
    if (!response.data?.info?.more_records || records.length === 0) return;
  }
}

/** Books list pages following `page_context.has_more_page`. */
export async function* booksPages<T = Record<string, unknown>>(
  client: ZohoClient,
  path: string,
  listKey: string,
  params: Record<string, unknown>,
  { perPage = BOOKS_PAGE_MAX, startPage = 1, maxPages = Number.POSITIVE_INFINITY }: { perPage?: number; startPage?: number; maxPages?: number } = {},
): AsyncGenerator<Page<T>> {
  for (let page = startPage, fetched = 0; fetched < maxPages; page += 1, fetched += 1) {
    const response = await client.request<Record<string, any>>({ api: "books", path, params: { ...params, page, per_page: perPage } });
    const records: T[] = response.data?.[listKey] ?? [];
    const pageContext = response.data?.page_context ?? {};
    yield { records, info: pageContext };
    if (!pageContext.has_more_page || records.length === 0) return;
  }
}

/** 100000 -> "100,000", without loading ICU's locale data at start-up (toLocaleString costs ~7 MiB and ~10 ms). */
const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/**
 * What to do when Fetch All stopped at one of Zoho's caps with records left: said in the step's
 * `info` next to `more_records: true`, never a silent `more_records: false`.
 */
export const CAP_ADVICE = {
  records: `Zoho lists at most ${thousands(CRM_TOKEN_LIMIT)} records of a list: read them all with Bulk Read Records, or narrow the list (e.g. with Search Records or Run COQL Query criteria)`,
  search: `Zoho's search returns only the first ${thousands(CRM_DISCRETE_LIMIT)} matches: narrow the search, or read every match with Run COQL Query or Bulk Read Records with criteria`,
  coql: `COQL reaches at most ${thousands(CRM_TOKEN_LIMIT)} rows of a query: split it with narrower where clauses (e.g. by Created_Time ranges), or use Bulk Read Records`,
} as const;

/** The `info` of a Fetch All: how many records, whether Zoho has more, and at a cap what to do next. */
export const fetchAllInfo = (count: number, lastInfo: Record<string, unknown>, cap: keyof typeof CAP_ADVICE) => {
  const more = lastInfo.more_records === true;
  return { count, more_records: more, ...(more ? { next_step: CAP_ADVICE[cap] } : {}) };
};

/** Drain an iterator into one array (for Fetch All). */
export const collect = async <T>(pages: AsyncIterable<Page<T>>): Promise<{ records: T[]; pages: number; lastInfo: Record<string, unknown> }> => {
  const records: T[] = [];
  let count = 0;
  let lastInfo: Record<string, unknown> = {};
  for await (const page of pages) {
    records.push(...page.records);
    lastInfo = page.info;
    count += 1;
  }
  return { records, pages: count, lastInfo };
};
