/**
 * GET /crm/v8/{module}: the record list. `fields` is mandatory (at most 50), `per_page` at most 200,
 * and page × per_page may not pass 2,000; beyond that the list continues only through the
 * `next_page_token` each page hands out (up to 100,000 records). `ids` and If-Modified-Since narrow the list
 * (to those records; to records changed after it, answering 304 when none were); an empty list answers 204.
 */
import { noContent, ok, zohoTime } from "../respond";
import type { CrmModule, CrmRecord, SandboxState } from "../state";
import type { SandboxRequest, SandboxResponse } from "../types";
import { findField } from "./compare";
import { CrmFailure } from "./crmFailure";
import { fieldsParam, MAX_PER_PAGE, pickFields, sortRecords } from "./listing";
import { PAGE_TOKEN_REACH, readPageToken, savePageToken, type ListQuery, type PageCursor } from "./pageTokens";

const MAX_FIELDS = 50;
/** How far page/per_page reaches before Zoho insists on page_token. */
const DISCRETE_REACH = 2000;

/** Where a page starts in the selected records, and how it got there. */
interface PagePlace {
  query: ListQuery;
  /** The selected records from wherever the list resumes. */
  records: CrmRecord[];
  /** Index of the page's first record in `records`. */
  start: number;
  /** Records served before this page (they count toward the 100,000 reach). */
  served: number;
  page: number;
  /** The token that gave this page, and the one that gave the page before it. */
  token?: string;
  previousToken?: string;
}

const invalidParam = (paramName: string, message = "invalid data") => new CrmFailure("INVALID_DATA", message, { param_name: paramName });

const positiveInt = (query: URLSearchParams, name: string, fallback: number): number => {
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

const readModifiedSince = (req: SandboxRequest): number | undefined => {
  const header = req.headers["if-modified-since"];
  if (header === undefined) return undefined;
  const at = Date.parse(String(header));
  if (Number.isNaN(at)) throw invalidParam("If-Modified-Since");
  return at;
};

const orderOf = (query: ListQuery) => new URLSearchParams({ sort_by: query.sortBy, sort_order: query.sortOrder });

/** The records the query selects, in its order. */
const selected = (state: SandboxState, query: ListQuery): CrmRecord[] => {
  const wanted = query.ids ? new Set(query.ids) : undefined;
  const records = [...(state.crm.records.get(query.module)?.values() ?? [])].filter((r) => !wanted || wanted.has(r.id));
  const since = query.modifiedSince;
  return sortRecords(since === undefined ? records : records.filter((r) => Date.parse(r.Modified_Time) > since), orderOf(query));
};

/**
 * The records after a token's last one. That record (as it was) is sorted back into today's list,
 * so the place holds even if the record has since changed or gone.
 */
const recordsAfter = (records: CrmRecord[], cursor: PageCursor): CrmRecord[] => {
  const marker = { ...cursor.last } as CrmRecord;
  const withMarker = sortRecords([...records.filter((r) => r.id !== marker.id), marker], orderOf(cursor.query));
  return withMarker.slice(withMarker.indexOf(marker) + 1);
};

const tokenPage = (state: SandboxState, module: CrmModule, token: string, userId: string, perPage: number): PagePlace => {
  const cursor = readPageToken(state, token, userId);
  if (!cursor || cursor.query.module !== module.api_name) throw invalidParam("page_token", "invalid page token");
  const records = recordsAfter(selected(state, cursor.query), cursor);
  const page = Math.floor(cursor.served / perPage) + 1;
  return { query: cursor.query, records, start: 0, served: cursor.served, page, token, previousToken: cursor.previous };
};

const discretePage = (req: SandboxRequest, state: SandboxState, module: CrmModule, perPage: number): PagePlace | SandboxResponse => {
  const page = positiveInt(req.query, "page", 1);
  if (page * perPage > DISCRETE_REACH) {
    throw new CrmFailure(
      "DISCRETE_PAGINATION_LIMIT_EXCEEDED",
      `cannot fetch more than ${DISCRETE_REACH} records with page and per_page; use page_token`,
      { limit: DISCRETE_REACH },
    );
  }
  const sortOrder = req.query.get("sort_order") ?? "asc";
  if (sortOrder !== "asc" && sortOrder !== "desc") throw invalidParam("sort_order");
  const ids = req.query.get("ids")?.split(",").map((id) => id.trim()).filter(Boolean);
  const query = { module: module.api_name, sortBy: req.query.get("sort_by") ?? "id", sortOrder, modifiedSince: readModifiedSince(req), ...(ids?.length ? { ids } : {}) };
  const records = selected(state, query);
  if (records.length === 0 && query.modifiedSince !== undefined) return { status: 304 };
  return { query, records, start: (page - 1) * perPage, served: (page - 1) * perPage, page };
};

export const listRecords = (req: SandboxRequest, state: SandboxState, module: CrmModule): SandboxResponse => {
  const fields = readFields(req.query, module);
  const perPage = positiveInt(req.query, "per_page", MAX_PER_PAGE);
  if (perPage > MAX_PER_PAGE) throw invalidParam("per_page", `per_page must not exceed ${MAX_PER_PAGE}`);
  const userId = req.token?.userId ?? "";
  const token = req.query.get("page_token");
  const place = token === null ? discretePage(req, state, module, perPage) : tokenPage(state, module, token, userId, perPage);
  if ("status" in place) return place;

  const { query, records, start, served } = place;
  const slice = records.slice(start, start + Math.min(perPage, Math.max(0, PAGE_TOKEN_REACH - served)));
  if (slice.length === 0) return noContent();
  const moreRecords = records.length > start + slice.length;
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
