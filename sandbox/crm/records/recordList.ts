/**
 * GET /crm/v8/{module}: the record list. `fields` is mandatory (at most 50), `per_page` at most 200,
 * and page × per_page may not pass 2,000; beyond that the list continues only through the
 * `next_page_token` each page hands out (up to 100,000 records). `ids` and If-Modified-Since narrow the list
 * (to those records; to records changed after it, answering 304 when none were); an empty list answers 204.
 */
import { noContent, ok, zohoTime } from "../../respond";
import type { CrmModule, CrmRecord, SandboxState } from "../../state";
import type { SandboxRequest, SandboxResponse } from "../../types";
import { compareIds, findField } from "./compare";
import { CrmFailure } from "../crmFailure";
import { fieldsParam, MAX_PER_PAGE, pickFields, sortRecords } from "./listing";
import { PAGE_TOKEN_REACH, readPageToken, savePageToken, type ListQuery, type PageCursor } from "./pageTokens";

const MAX_FIELDS = 50;
/** How far page/per_page reaches before Zoho insists on page_token. */
const DISCRETE_REACH = 2000;

/** Where a page starts in the selected records, and how it got there. */
interface PagePlace {
  query: ListQuery;
  /** Ids of the selected records from wherever the list resumes. */
  ids: string[];
  /** Index of the page's first record in `ids`. */
  start: number;
  /** Records served before this page (they count toward the 100,000 reach). */
  served: number;
  page: number;
  /** The token that gave this page, and the one that gave the page before it. */
  token?: string;
  previousToken?: string;
}

export const invalidParam = (paramName: string, message = "invalid data") => new CrmFailure("INVALID_DATA", message, { param_name: paramName });

export const positiveInt = (query: URLSearchParams, name: string, fallback: number): number => {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw invalidParam(name);
  return n;
};

const readFields = (query: URLSearchParams, module: CrmModule): string[] => {
  const fields = fieldsParam(query, true)!;
  if (fields.length > MAX_FIELDS) throw new CrmFailure("LIMIT_EXCEEDED", "limit exceeded", { param_name: "fields", limit: MAX_FIELDS });
  const unknown = fields.find((f) => !findField(module, f));
  if (unknown) throw new CrmFailure("INVALID_DATA", "invalid data", { api_name: unknown });
  return fields;
};

export const readModifiedSince = (req: SandboxRequest): number | undefined => {
  const header = req.headers["if-modified-since"];
  if (header === undefined) return undefined;
  const at = Date.parse(String(header));
  if (Number.isNaN(at)) throw invalidParam("If-Modified-Since");
  return at;
};

const orderOf = (query: ListQuery) => new URLSearchParams({ sort_by: query.sortBy, sort_order: query.sortOrder });

const storedRecords = (state: SandboxState, module: string): Map<string, CrmRecord> => state.crm.records.get(module) ?? new Map();

/** Ids without a leading zero order by length, then as text; the same order as compareIds, without a BigInt per comparison. */
const PLAIN_ID = /^[1-9]\d*$/;
const byId = (a: string, b: string) => (PLAIN_ID.test(a) && PLAIN_ID.test(b) ? a.length - b.length || (a < b ? -1 : a > b ? 1 : 0) : compareIds(a, b));
const idOrder = (query: ListQuery) => (a: string, b: string) => (query.sortOrder === "desc" ? -1 : 1) * byId(a, b);

/**
 * Ids of the records the query selects, in its order. Sorted by id, only the map's keys (the ids)
 * are read: touching each of 100,000 stored records on every page call made long lists take minutes.
 */
const selected = (state: SandboxState, query: ListQuery): string[] => {
  const stored = storedRecords(state, query.module);
  const wanted = query.ids ? new Set(query.ids) : undefined;
  const since = query.modifiedSince;
  if (query.sortBy === "id" && since === undefined) return [...stored.keys()].filter((id) => !wanted || wanted.has(id)).sort(idOrder(query));
  const records = [...stored.values()].filter((r) => !wanted || wanted.has(r.id));
  return sortRecords(since === undefined ? records : records.filter((r) => Date.parse(r.Modified_Time) > since), orderOf(query)).map((r) => r.id);
};

/**
 * The ids after a token's last record. That record (as it was) is sorted back into today's list,
 * so the place holds even if the record has since changed or gone.
 */
const idsAfter = (state: SandboxState, ids: string[], cursor: PageCursor): string[] => {
  const marker = { ...cursor.last } as CrmRecord;
  if (cursor.query.sortBy === "id") {
    // Sorted by id alone, the place is the first id past the marker's (binary search).
    const order = idOrder(cursor.query);
    let low = 0;
    for (let high = ids.length; low < high; ) {
      const middle = (low + high) >>> 1;
      if (order(ids[middle], marker.id) > 0) high = middle;
      else low = middle + 1;
    }
    return ids.slice(low);
  }
  const stored = storedRecords(state, cursor.query.module);
  const records = ids.filter((id) => id !== marker.id).map((id) => stored.get(id)!);
  const withMarker = sortRecords([...records, marker], orderOf(cursor.query));
  return withMarker.slice(withMarker.indexOf(marker) + 1).map((r) => r.id);
};

const tokenPage = (state: SandboxState, module: CrmModule, token: string, userId: string, perPage: number): PagePlace => {
  const cursor = readPageToken(state, token, userId);
  if (!cursor || cursor.query.module !== module.api_name) throw invalidParam("page_token", "invalid page token");
  const ids = idsAfter(state, selected(state, cursor.query), cursor);
  const page = Math.floor(cursor.served / perPage) + 1;
  return { query: cursor.query, ids, start: 0, served: cursor.served, page, token, previousToken: cursor.previous };
};

const discretePage = (req: SandboxRequest, state: SandboxState, module: CrmModule, perPage: number): PagePlace | SandboxResponse => {
  const page = positiveInt(req.query, "page", 1);
  if (page * perPage > DISCRETE_REACH) {
    throw new CrmFailure("DISCRETE_PAGINATION_LIMIT_EXCEEDED", `cannot fetch more than ${DISCRETE_REACH} records with page and per_page; use page_token`, {
      limit: DISCRETE_REACH,
    });
  }
  const sortOrder = req.query.get("sort_order") ?? "asc";
  if (sortOrder !== "asc" && sortOrder !== "desc") throw invalidParam("sort_order");
  const ids = req.query
    .get("ids")
    ?.split(",")
    .map((id) => id.trim())
    .filter(Boolean);
  const query = {
    module: module.api_name,
    sortBy: req.query.get("sort_by") ?? "id",
    sortOrder,
    modifiedSince: readModifiedSince(req),
    ...(ids?.length ? { ids } : {}),
  };
  const selectedIds = selected(state, query);
  if (selectedIds.length === 0 && query.modifiedSince !== undefined) return { status: 304 };
  return { query, ids: selectedIds, start: (page - 1) * perPage, served: (page - 1) * perPage, page };
};

export const listRecords = (req: SandboxRequest, state: SandboxState, module: CrmModule): SandboxResponse => {
  const fields = readFields(req.query, module);
  const perPage = positiveInt(req.query, "per_page", MAX_PER_PAGE);
  if (perPage > MAX_PER_PAGE) throw invalidParam("per_page", `per_page must not exceed ${MAX_PER_PAGE}`);
  const userId = req.token?.userId ?? "";
  const token = req.query.get("page_token");
  const place = token === null ? discretePage(req, state, module, perPage) : tokenPage(state, module, token, userId, perPage);
  if ("status" in place) return place;

  const { query, ids, start, served } = place;
  const stored = storedRecords(state, module.api_name);
  const slice = ids.slice(start, start + Math.min(perPage, Math.max(0, PAGE_TOKEN_REACH - served))).map((id) => stored.get(id)!);
  if (slice.length === 0) return noContent();
  const moreRecords = ids.length > start + slice.length;
  const last = slice[slice.length - 1];
  const next =
    moreRecords && served + slice.length < PAGE_TOKEN_REACH
      ? savePageToken(state, {
          query,
          userId,
          last: { id: last.id, Created_Time: last.Created_Time, Modified_Time: last.Modified_Time },
          served: served + slice.length,
          previous: place.token,
        })
      : undefined;
  return ok({
    data: slice.map((r) => pickFields(r, fields)),
    info: {
      per_page: perPage,
      count: slice.length,
      page: place.page,
      sort_by: query.sortBy,
      sort_order: query.sortOrder,
      more_records: moreRecords,
      // Zoho's files type these as strings: left out, not null, when there is nothing to point at.
      ...(next ? { next_page_token: next.token, page_token_expiry: zohoTime(next.expiresAt) } : {}),
      ...(place.previousToken ? { previous_page_token: place.previousToken } : {}),
    },
  });
};
