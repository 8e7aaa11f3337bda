/**
 * Books records, generically for every type in recordTypes.ts: list, get, create, update, delete.
 * A create checks the mandatory fields, numbers the document, resolves the customer or vendor it
 * names and totals its line items, as Books does; an update merges the body into the record.
 */
import { ok } from "../respond";
import type { SandboxState } from "../state";
import type { Route, SandboxContext, SandboxRequest } from "../types";
import { answering, doesNotExist, invalidValue } from "./failure";
import { listPage } from "./listing";
import { type Organization, organizationOf } from "./organizations";
import { documentPdf } from "./pdf";
import { RECORD_TYPES, type RecordShape, type RecordType, recordType } from "./recordTypes";
import { type BooksRecord, booksDate, booksTime, collection, collectionKey, collectionOf, dropChildren, findRecord, nextNumber, recordWrite } from "./store";

const FULL_ACCESS = "ZohoBooks.fullaccess.all";

export const scopesFor = (type: RecordType, operation: "READ" | "CREATE" | "UPDATE" | "DELETE") => [FULL_ACCESS, `ZohoBooks.${type.scope}.${operation}`];

const isObject = (value: unknown): value is BooksRecord => typeof value === "object" && value !== null && !Array.isArray(value);

/** The record a write carries: a JSON body, or Books' older `JSONString` form (or query) parameter. */
export const bodyOf = (req: SandboxRequest): BooksRecord => {
  const jsonString = req.form?.get("JSONString") ?? req.query.get("JSONString");
  let body: unknown = req.json;
  if (jsonString !== null && jsonString !== undefined) {
    try {
      body = JSON.parse(jsonString);
    } catch {
      throw invalidValue("JSONString");
    }
  } else if (body === undefined) {
    if (req.rawBody.length > 0 && !req.form) throw invalidValue("JSONString");
    return {};
  }
  if (!isObject(body)) throw invalidValue("JSONString");
  return body;
};

const isBlank = (value: unknown) => value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);

/** Fields naming another record: Books refuses an unknown one and copies its name alongside. */
const REFERENCES: Record<string, { key: string; nameField: string; copyAs: string }> = {
  customer_id: { key: "contacts", nameField: "contact_name", copyAs: "customer_name" },
  vendor_id: { key: "contacts", nameField: "contact_name", copyAs: "vendor_name" },
  project_id: { key: "projects", nameField: "project_name", copyAs: "project_name" },
};

const resolveReferences = (state: SandboxState, org: Organization, type: RecordType, record: BooksRecord) => {
  for (const [field, reference] of Object.entries(REFERENCES)) {
    if (field === type.idField || isBlank(record[field])) continue;
    const target = collection(state, org.organization_id, reference.key).get(String(record[field]));
    if (!target) throw invalidValue(field);
    record[reference.copyAs] = target[reference.nameField];
  }
};

const round = (amount: number) => Math.round(amount * 100) / 100;

const amount = (value: unknown, name: string, fallback: number): number => {
  if (isBlank(value)) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) throw invalidValue(name);
  return n;
};

/** Line items as Books returns them: an id each, the item's name and rate by default, and totals. */
const totalLineItems = (state: SandboxState, org: Organization, type: RecordType, record: BooksRecord) => {
  if (!type.lineItems || record.line_items === undefined) return;
  if (!Array.isArray(record.line_items) || !record.line_items.every(isObject)) throw invalidValue("line_items");
  const lines = record.line_items.map((line: BooksRecord) => {
    const item = isBlank(line.item_id) ? undefined : collection(state, org.organization_id, "items").get(String(line.item_id));
    if (!isBlank(line.item_id) && !item) throw invalidValue("item_id");
    const rate = amount(line.rate, "rate", Number(item?.rate ?? 0));
    const quantity = amount(line.quantity, "quantity", 1);
    return { line_item_id: line.line_item_id ?? state.nextId(), name: item?.name ?? "", ...line, rate, quantity, item_total: round(rate * quantity) };
  });
  record.line_items = lines;
  record.sub_total = round(lines.reduce((sum, line) => sum + line.item_total, 0));
  record.total = record.sub_total;
  if (type.lineItems.balance) record.balance = record.total;
};

/** Sales and purchase documents, payments and expenses are dated and carry the organization's currency. */
const isDocument = (type: RecordType) => type.lineItems !== undefined || type.mandatory.includes("amount");

const derive = (state: SandboxState, org: Organization, type: RecordType, record: BooksRecord) => {
  resolveReferences(state, org, type, record);
  totalLineItems(state, org, type, record);
  record.last_modified_time = booksTime(state.clock.now());
};

/**
 * Stores a new record as Books would create it from `body`; the parent must exist for a nested type.
 * Not logged as a write: seeding uses it too, and seeded records are the organization's existing data.
 */
export const createRecord = (state: SandboxState, org: Organization, type: RecordType, body: BooksRecord, parentId?: string): BooksRecord => {
  const missing = type.mandatory.find((field) => isBlank(body[field]));
  if (missing) throw invalidValue(missing);
  if (type.parent) findRecord(state, org.organization_id, recordType(type.parent.key), parentId ?? "");
  const now = state.clock.now();
  const record: BooksRecord = { ...body, [type.idField]: state.nextId() };
  if (type.parent) record[type.parent.idField] = parentId;
  if (type.numberPrefix !== undefined && type.nameField && isBlank(record[type.nameField]))
    record[type.nameField] = nextNumber(state, org.organization_id, type);
  for (const [field, value] of Object.entries(type.defaults ?? {})) if (isBlank(record[field])) record[field] = value;
  if (isDocument(type)) {
    record.date ??= booksDate(now);
    record.currency_code ??= org.currency_code;
  }
  derive(state, org, type, record);
  record.created_time = booksTime(now);
  collection(state, org.organization_id, collectionKey(type, parentId)).set(String(record[type.idField]), record);
  return record;
};

/** Merges `changes` into a stored record; what identifies it (id, parent, created_time) stays. */
export const updateRecord = (state: SandboxState, org: Organization, type: RecordType, record: BooksRecord, changes: BooksRecord): BooksRecord => {
  const blanked = type.mandatory.find((field) => field in changes && isBlank(changes[field]));
  if (blanked) throw invalidValue(blanked);
  const kept = [type.idField, "created_time", ...(type.parent ? [type.parent.idField] : [])];
  Object.assign(record, changes, Object.fromEntries(kept.map((field) => [field, record[field]])));
  derive(state, org, type, record);
  recordWrite(state, type, "update", String(record[type.idField]));
  return record;
};

const parentIdOf = (type: RecordType, req: SandboxRequest) => (type.parent ? req.params[type.parent.idField] : undefined);

/** The collection a nested list or get reads, after checking its parent exists. */
const readCollection = (ctx: SandboxContext, org: Organization, type: RecordType, req: SandboxRequest) => {
  const parentId = parentIdOf(type, req);
  if (type.parent) findRecord(ctx.state, org.organization_id, recordType(type.parent.key), parentId ?? "");
  return collection(ctx.state, org.organization_id, collectionKey(type, parentId));
};

/** Books' answer carrying `record` in the shape the type uses for this operation. */
const answer = (type: RecordType, operation: keyof NonNullable<RecordType["answers"]>, message: string, record: BooksRecord) => {
  const shape: RecordShape = type.answers?.[operation] ?? "object";
  if (shape === "message") return { code: 0, message };
  if (shape === "flat") return { code: 0, message, ...record };
  return { code: 0, message, [type.singular]: shape === "array" ? [record] : record };
};

const handlers = (type: RecordType) => ({
  list: answering((req, ctx) => {
    const org = organizationOf(req, ctx);
    const page = listPage(type, [...readCollection(ctx, org, type, req).values()], req.query);
    return ok({ code: 0, message: "success", [type.plural]: page.records, page_context: page.page_context });
  }),

  get: answering((req, ctx) => {
    const org = organizationOf(req, ctx);
    const record = readCollection(ctx, org, type, req).get(req.params.id);
    if (!record) throw doesNotExist(type);
    if (req.query.get("accept") === "pdf") return documentPdf(type, record);
    return ok(answer(type, "get", "success", record));
  }),

  create: answering((req, ctx) => {
    const org = organizationOf(req, ctx);
    const body = bodyOf(req);
    // Contact persons name their contact in the body; tasks in the path.
    const parentId = type.writePath && type.parent ? String(body[type.parent.idField] ?? "") : parentIdOf(type, req);
    const record = createRecord(ctx.state, org, type, body, parentId);
    recordWrite(ctx.state, type, "insert", String(record[type.idField]));
    return ok(answer(type, "create", type.messages.created, record), type.createStatus ?? 201);
  }),

  update: answering((req, ctx) => {
    const org = organizationOf(req, ctx);
    const changes = bodyOf(req);
    const record = updateRecord(ctx.state, org, type, findRecord(ctx.state, org.organization_id, type, req.params.id, parentIdOf(type, req)), changes);
    return ok(answer(type, "update", type.messages.updated, record));
  }),

  remove: answering((req, ctx) => {
    const org = organizationOf(req, ctx);
    const record = findRecord(ctx.state, org.organization_id, type, req.params.id, parentIdOf(type, req));
    collectionOf(ctx.state, org.organization_id, type, record).delete(req.params.id);
    if (!type.parent) dropChildren(ctx.state, org.organization_id, type.path, req.params.id);
    recordWrite(ctx.state, type, "delete", req.params.id);
    return ok({ code: 0, message: type.messages.deleted });
  }),
});

const routesFor = (type: RecordType): Route[] => {
  const { list, get, create, update, remove } = handlers(type);
  const listPath = `/books/v3/${type.path}`;
  const writePath = `/books/v3/${type.writePath ?? type.path}`;
  const route = (method: Route["method"], pattern: string, operation: Parameters<typeof scopesFor>[1], handler: Route["handler"]): Route => ({
    method,
    pattern,
    api: "books",
    scopes: scopesFor(type, operation),
    ...(method === "GET" ? {} : { write: true }),
    handler,
  });
  return [
    route("GET", listPath, "READ", list),
    route("GET", `${listPath}/:id`, "READ", get),
    route("POST", writePath, "CREATE", create),
    route("PUT", `${writePath}/:id`, "UPDATE", update),
    route("DELETE", `${writePath}/:id`, "DELETE", remove),
  ];
};

export const routes: Route[] = RECORD_TYPES.flatMap(routesFor);
