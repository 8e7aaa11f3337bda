/**
 * Zoho CRM's deleted records (`GET /{module}/deleted`), read page by page: the notifications
 * trigger's recovery reads them, and so can any step that lists or polls deletions.
 * Zoho lists them newest first, 200 a page; If-Modified-Since keeps those deleted at or after it.
 */
import type { ZohoClient } from "../http/client";
import { formatZohoTime } from "../http/time";

/** Which deleted records: all (Zoho's default), those in the Recycle Bin, or those purged from it. */
export type DeletedType = "all" | "recycle" | "permanent";

export interface DeletedRecord {
  id: string;
  display_name?: string;
  type?: string;
  deleted_time: string;
  deleted_by?: { name?: string; id?: string; email?: string };
  created_by?: { name?: string; id?: string; email?: string };
  [key: string]: unknown;
}

export const DELETED_PAGE_MAX = 200;

export interface DeletedQuery {
  type?: DeletedType;
  /** Only records deleted at or after this instant (epoch ms), sent as If-Modified-Since. */
  since?: number;
  perPage?: number;
}

/** Every page of a module's deleted records, following info.more_records; a 204 ends the list. */
export async function* deletedRecordPages(client: ZohoClient, module: string, query: DeletedQuery = {}): AsyncGenerator<DeletedRecord[]> {
  const perPage = query.perPage ?? DELETED_PAGE_MAX;
  for (let page = 1; ; page += 1) {
    const response = await client.request<{ data?: DeletedRecord[]; info?: { more_records?: boolean } }>({
      api: "crm",
      path: `/${module}/deleted`,
      params: { type: query.type ?? "all", page, per_page: perPage },
      headers: query.since === undefined ? undefined : { "If-Modified-Since": formatZohoTime(query.since) },
    });
    if (response.status === 204) return;
    const rows = (response.data?.data ?? []).map((row) => ({ ...row, id: String(row.id) }));
    if (rows.length > 0) yield rows;
    if (!response.data?.info?.more_records || rows.length === 0) return;
  }
}

/** Every deleted record of the query, newest first. */
export const deletedRecords = async (client: ZohoClient, module: string, query: DeletedQuery = {}): Promise<DeletedRecord[]> => {
  const all: DeletedRecord[] = [];
  for await (const page of deletedRecordPages(client, module, query)) all.push(...page);
  return all;
};
