/**
 * CRM list actions read one page (page number or page token) or, with Fetch All, every page; both
 * return the records and the same small `info`, so the step's output has one shape either way.
 */
import type { ZohoClient } from "../http/client";
import { assertDiscretePage, collect, crmPages, fetchAllInfo, type CrmInfo } from "../http/pagination";

export interface Paging {
  page: number;
  per_page: number;
  page_token?: string;
  fetchAll: boolean;
}

export interface ListInfo {
  count: number;
  more_records: boolean;
  next_page_token: string | null;
  /** Fetch All stopped at Zoho's cap: what to do for the rest. */
  next_step?: string;
}

/** Checks the paging inputs before any request (a page past 2,000 records needs the page token). */
export const assertPaging = (paging: Paging): void => {
  if (!paging.fetchAll && !paging.page_token) assertDiscretePage(paging.page, paging.per_page);
};

export const listCrm = async <T = Record<string, unknown>>(
  client: ZohoClient,
  path: string,
  params: Record<string, unknown>,
  paging: Paging,
): Promise<{ data: T[]; info: ListInfo }> => {
  assertPaging(paging);
  if (paging.fetchAll) {
    const { records, lastInfo } = await collect(crmPages<T>(client, path, params));
    // Past Zoho's cap there is no page token to give, only advice (Bulk Read Records, narrower searches).
    return { data: records, info: { ...fetchAllInfo(records.length, lastInfo, /\/search$/.test(path) ? "search" : "records"), next_page_token: null } };
  }
  const where = paging.page_token ? { page_token: paging.page_token } : { page: paging.page };
  const response = await client.request<{ data?: T[]; info?: CrmInfo }>({ api: "crm", path, params: { ...params, ...where, per_page: paging.per_page } });
  const data = response.status === 204 ? [] : (response.data?.data ?? []);
  const info = response.data?.info ?? {};
  return { data, info: { count: data.length, more_records: info.more_records ?? false, next_page_token: info.next_page_token ?? null } };
};
