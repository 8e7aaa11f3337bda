import type { ZohoClient } from "../../src/http/client";
import { deletedRecordPages, DELETED_PAGE_MAX, type DeletedQuery, type DeletedRecord } from "../../src/crm/deleted";
import { deletedSince, deletedType } from "../../src/fields/automation";
import { paging, recordType } from "../../src/fields/crm";
import { formatZohoTime } from "../../src/http/time";
import { zohoAction } from "../../src/step";

/** Fetch All reads at most this many deleted records, as the records list stops at 100,000. */
const FETCH_ALL_MAX = 100_000;

/** One page of the deleted list, as Zoho pages it (page and per_page; it has no page tokens). */
const onePage = async (client: ZohoClient, module: string, query: DeletedQuery, page: number) => {
  const response = await client.request<{ data?: DeletedRecord[]; info?: { more_records?: boolean } }>({
    api: "crm",
    path: `/${module}/deleted`,
    params: { type: query.type, page, per_page: query.perPage },
    headers: query.since === undefined ? undefined : { "If-Modified-Since": formatZohoTime(query.since) },
  });
  // Zoho answers 204 when nothing matches.
  const data = response.status === 204 ? [] : (response.data?.data ?? []).map((row) => ({ ...row, id: String(row.id) }));
  return { data, info: { page, per_page: query.perPage ?? DELETED_PAGE_MAX, count: data.length, more_records: response.data?.info?.more_records === true } };
};

export const crmListDeletedRecords = zohoAction({
  display: {
    label: "List Deleted Records",
    description:
      "List a CRM module's deleted records, newest first: all, those still in the Recycle Bin or those purged, optionally only those deleted since a time; one page or every page (Fetch All, up to 100,000).",
  },
  fields: { recordType, deletedType, deletedSince, page: paging.page, per_page: paging.per_page, fetchAll: paging.fetchAll },
  perform: async (_context, input, client) => {
    const query: DeletedQuery = {
      type: input.deletedType,
      since: input.deletedSince === undefined ? undefined : Date.parse(input.deletedSince),
      perPage: input.per_page,
    };
    if (!input.fetchAll) return { data: await onePage(client, input.recordType, query, input.page) };
    const all: DeletedRecord[] = [];
    let more = false;
    for await (const rows of deletedRecordPages(client, input.recordType, { ...query, perPage: DELETED_PAGE_MAX })) {
      if (all.length + rows.length > FETCH_ALL_MAX) {
        all.push(...rows.slice(0, FETCH_ALL_MAX - all.length));
        more = true;
        break;
      }
      all.push(...rows);
    }
    return { data: { data: all, info: { page: 1, per_page: all.length, count: all.length, more_records: more } } };
  },
  examplePayload: {
    data: {
      data: [
        {
          id: "5725767000000613011",
          display_name: "Sage Wieser",
          type: "recycle",
          deleted_time: "2026-11-20T10:15:30+00:00",
          deleted_by: { name: "Patricia Boyle", id: "5725767000000001001", email: "patriciaboyle@zylker.com" },
          created_by: { name: "Patricia Boyle", id: "5725767000000001001", email: "patriciaboyle@zylker.com" },
        } as DeletedRecord,
      ],
      info: { page: 1, per_page: 200, count: 1, more_records: false },
    },
  },
});
