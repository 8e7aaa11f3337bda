/**
 * CRM change feed for the polling trigger: COQL with keyset paging on (Modified_Time, id).
 * A quiet poll is one call that answers 204; a busy one reads only the changes, 2,000 a call.
 */
import type { ZohoClient } from "../http/client";
import type { Change, PageOfChanges } from "../polling";
import { COQL_PAGE_MAX } from "../http/pagination";
import { formatZohoTime } from "../http/time";

type Row = Record<string, unknown> & { id: string; Modified_Time: string; Created_Time?: string };

const coql = async (client: ZohoClient, selectQuery: string): Promise<Row[]> => {
  const response = await client.request<{ data?: Row[] }>({ api: "crm", method: "POST", path: "/coql", data: { select_query: selectQuery }, idempotent: true });
  return response.status === 204 ? [] : (response.data?.data ?? []);
};

const quote = (value: string) => `'${value.replace(/'/g, "\\'")}'`;

/** The newest Modified_Time in a module: where a trigger without a start time begins. */
export const newestModifiedTime = async (client: ZohoClient, module: string): Promise<string | undefined> => {
  const [row] = await coql(client, `select id, Modified_Time from ${module} where Modified_Time is not null order by Modified_Time desc, id desc limit 1`);
  return row?.Modified_Time;
};

export const crmChangePage =
  (client: ZohoClient, module: string, fields: string[], pageSize = COQL_PAGE_MAX) =>
  async (after: Change<Row> | undefined, from: number): Promise<PageOfChanges<Row>> => {
    const columns = [...new Set(["id", "Created_Time", "Modified_Time", ...fields])].join(", ");
    const where = after
      ? `(Modified_Time > ${quote(after.modifiedTime)} or (Modified_Time = ${quote(after.modifiedTime)} and id > ${after.id}))`
      : `Modified_Time >= ${quote(formatZohoTime(from))}`;
    const rows = await coql(client, `select ${columns} from ${module} where ${where} order by Modified_Time asc, id asc limit ${pageSize}`);
    return {
      changes: rows.map((record) => ({ id: String(record.id), modifiedTime: record.Modified_Time, createdTime: record.Created_Time, record })),
      more: rows.length === pageSize,
    };
  };
