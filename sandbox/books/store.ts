/**
 * Where Books records live: state.books.records, organization -> collection -> id -> record, a
 * nested type's collection named by its parent ("contacts/<contact_id>/contactpersons"). Every
 * write is logged and announced like CRM's, so tests see each change exactly once.
 */
import { booksSlice, type SandboxState, type WriteEvent } from "../state";
import { doesNotExist } from "./failure";
import type { RecordType } from "./recordTypes";

export type BooksRecord = Record<string, unknown>;

/** Books' timestamps: second resolution with a colon-less offset, e.g. 2026-11-22T10:15:30+0000. */
export const booksTime = (epochMs: number): string => new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace(".000Z", "+0000");

/** Books' dates: yyyy-mm-dd. */
export const booksDate = (epochMs: number): string => new Date(epochMs).toISOString().slice(0, 10);

/** Reads Books' timestamp (offset with or without a colon) as epoch ms; NaN when it is not one. */
export const parseBooksTime = (text: string): number =>
  Date.parse(
    text
      .trim()
      .replace(/ (\d{2}):?(\d{2})$/, "+$1:$2")
      .replace(/([+-]\d{2})(\d{2})$/, "$1:$2"),
  );

export const collectionKey = (type: RecordType, parentId?: string): string => (type.parent ? type.path.replace(/:\w+/, parentId ?? "") : type.path);

const organizationRecords = (state: SandboxState, organizationId: string) => {
  let collections = state.books.records.get(organizationId);
  if (!collections) state.books.records.set(organizationId, (collections = new Map()));
  return collections;
};

export const collection = (state: SandboxState, organizationId: string, key: string): Map<string, BooksRecord> => {
  const collections = organizationRecords(state, organizationId);
  let records = collections.get(key);
  if (!records) collections.set(key, (records = new Map()));
  return records;
};

/** A nested type's collections under every parent (Books updates a contact person by its own id alone). */
const nestedCollections = (state: SandboxState, organizationId: string, type: RecordType) => {
  const shape = new RegExp(`^${type.path.replace(/:\w+/, "[^/]+")}$`);
  return [...organizationRecords(state, organizationId)].filter(([key]) => shape.test(key)).map(([, records]) => records);
};

/** The record, or Books' "<Type> does not exist." (404). Without parentId a nested type is looked up under every parent. */
export const findRecord = (state: SandboxState, organizationId: string, type: RecordType, id: string, parentId?: string): BooksRecord => {
  const candidates =
    type.parent && parentId === undefined ? nestedCollections(state, organizationId, type) : [collection(state, organizationId, collectionKey(type, parentId))];
  for (const records of candidates) {
    const record = records.get(id);
    if (record) return record;
  }
  throw doesNotExist(type);
};

/** The collection holding a record, for deletes. */
export const collectionOf = (state: SandboxState, organizationId: string, type: RecordType, record: BooksRecord): Map<string, BooksRecord> => {
  const parentId = type.parent ? String(record[type.parent.idField]) : undefined;
  return collection(state, organizationId, collectionKey(type, parentId));
};

/** Drops a parent's nested collections with it (deleting a contact deletes its contact persons). */
export const dropChildren = (state: SandboxState, organizationId: string, parentPath: string, parentId: string): void => {
  const collections = organizationRecords(state, organizationId);
  for (const key of [...collections.keys()]) if (key.startsWith(`${parentPath}/${parentId}/`)) collections.delete(key);
};

declare module "../state" {
  interface BooksSlices {
    /** "<organization>/<type>" -> the last document number given */
    numbers: Map<string, number>;
  }
}

const numbers = booksSlice("numbers", () => new Map<string, number>());

/** The next document number of a type in an organization: INV-000001, INV-000002, ... (plain digits without a prefix). */
export const nextNumber = (state: SandboxState, organizationId: string, type: RecordType): string | number => {
  const counters = numbers(state);
  const key = `${organizationId}/${type.key}`;
  const next = (counters.get(key) ?? 0) + 1;
  counters.set(key, next);
  if (type.numberIsInteger) return next;
  return type.numberPrefix ? `${type.numberPrefix}${String(next).padStart(6, "0")}` : String(next);
};

export const recordWrite = (state: SandboxState, type: RecordType, operation: WriteEvent["operation"], id: string): void => {
  const event: WriteEvent = { at: state.clock.now(), module: `books/${type.key}`, operation, ids: [id] };
  state.writeLog.push(event);
  state.events.emit("write", event);
};
