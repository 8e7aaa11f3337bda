/**
 * Books change feed for the polling trigger. Books pages only by number, so instead of page 2 the
 * feed asks again from the newest last_modified_time it has seen (a record edited during the poll
 * moves to the end instead of shifting others past us); only when a whole page shares one second
 * does it turn the page.
 */
import type { BooksRecordType } from "./catalog";
import type { BooksClient } from "./client";
import { collectionPath } from "./catalog";
import type { Change, PageOfChanges } from "../polling";
import { formatBooksTime } from "../http/time";

type BooksRecord = Record<string, unknown>;

const PAGE_SIZE = 200;

const list = async (books: BooksClient, type: BooksRecordType, params: Record<string, unknown>) => {
  const response = await books.request<Record<string, any>>({
    path: collectionPath(type, undefined),
    params: { ...params, sort_column: "last_modified_time" },
  });
  return { records: (response.data?.[type.plural] ?? []) as BooksRecord[], more: Boolean(response.data?.page_context?.has_more_page) };
};

/** The newest last_modified_time of a record type: where a trigger without a start time begins. */
export const newestBooksModifiedTime = async (books: BooksClient, type: BooksRecordType): Promise<string | undefined> => {
  const { records } = await list(books, type, { sort_order: "D", page: 1, per_page: 1 });
  return records[0]?.last_modified_time as string | undefined;
};

export const booksChangePage = (books: BooksClient, type: BooksRecordType) => {
  let since = "";
  let page = 1;
  let uniformTime: string | undefined; // set when the whole last page shared one second
  return async (after: Change<BooksRecord> | undefined, from: number): Promise<PageOfChanges<BooksRecord>> => {
    if (after && after.modifiedTime === uniformTime) {
      page += 1;
    } else {
      since = after ? after.modifiedTime : formatBooksTime(from);
      page = 1;
    }
    const { records, more } = await list(books, type, { last_modified_time: since, sort_order: "A", page, per_page: PAGE_SIZE });
    const first = records[0]?.last_modified_time;
    uniformTime = records.length === PAGE_SIZE && records.every((r) => r.last_modified_time === first) ? String(first) : undefined;
    return {
      changes: records.map((record) => ({
        id: String(record[type.idField]),
        modifiedTime: String(record.last_modified_time),
        createdTime: record.created_time === undefined ? undefined : String(record.created_time),
        record,
      })),
      more,
    };
  };
};
