/**
 * Inventory line items (Quotes, Sales Orders, Purchase Orders, Invoices), without Zoho's trap: an
 * update that sends the line-item subform replaces it, and rows it leaves out are deleted. So every
 * edit here reads the record first and sends every stored row's id: rows to keep as {id} (Zoho
 * leaves a row sent with only its id as it is), rows to change as {id, ...changes}, rows to remove
 * as {id, _delete: null}, new rows without id. Unrelated rows are never lost.
 */
import { z } from "zod/v3";
import { writeOne } from "./recordWrites";
import type { ZohoClient } from "../http/client";
import { InputError, ZohoError } from "../http/errors";

/** The line-item subform of each inventory module. */
export const LINE_ITEM_SUBFORMS = {
  Quotes: "Quoted_Items",
  Sales_Orders: "Ordered_Items",
  Purchase_Orders: "Purchase_Items",
  Invoices: "Invoiced_Items",
} as const;

export type InventoryModule = keyof typeof LINE_ITEM_SUBFORMS;
export const INVENTORY_MODULES = Object.keys(LINE_ITEM_SUBFORMS) as [InventoryModule, ...InventoryModule[]];

/** A row as Zoho stores it: its id, the product lookup, numbers Zoho computes (Total, Net_Total) and more. */
export type LineItem = Record<string, unknown> & { id: string };

/** A row to write, in Zoho's names. */
export type LineItemValues = Record<string, unknown>;

const ID = /^\d{1,25}$/;
const idText = (v: unknown): string | undefined =>
  typeof v === "string" && ID.test(v.trim()) ? v.trim() : typeof v === "number" && Number.isSafeInteger(v) ? String(v) : undefined;

/**
 * One row as a builder writes it, in friendly names (productId, quantity, listPrice, discount, tax,
 * description) or Zoho's (Product_Name, Quantity, List_Price, Discount, Tax, Description). Other
 * keys (custom subform fields) pass through as given.
 */
const FRIENDLY: Record<string, string> = {
  quantity: "Quantity",
  listPrice: "List_Price",
  discount: "Discount",
  tax: "Tax",
  description: "Description",
};

const toZohoRow = (row: Record<string, unknown>, index: number, needsProduct: boolean): { row?: LineItemValues; problem?: string } => {
  const out: LineItemValues = {};
  for (const [key, value] of Object.entries(row)) {
    if (key === "productId" || key === "Product_Name" || key === "product") {
      const id = idText(value && typeof value === "object" ? (value as { id?: unknown }).id : value);
      if (!id) return { problem: `line item ${index} has no valid product id: give "productId": "<the product's numeric id as text>"` };
      out.Product_Name = { id };
    } else if (key === "id") {
      const id = idText(value);
      if (!id) return { problem: `line item ${index} has an id that is not a Zoho id: give the row's id as text` };
      out.id = id;
    } else {
      out[FRIENDLY[key] ?? key] = value;
    }
  }
  for (const name of ["Quantity", "List_Price", "Discount", "Tax"]) {
    if (!(name in out)) continue;
    const n = typeof out[name] === "string" && String(out[name]).trim() !== "" ? Number(out[name]) : out[name];
    if (typeof n !== "number" || !Number.isFinite(n) || n < 0) return { problem: `line item ${index}: ${name} must be a number of 0 or more` };
    out[name] = n;
  }
  if (needsProduct && !out.Product_Name) return { problem: `line item ${index} needs a product: give "productId"` };
  if (needsProduct && !("Quantity" in out)) return { problem: `line item ${index} needs a quantity: give "quantity"` };
  if (out.Quantity === 0 && needsProduct) return { problem: `line item ${index}: quantity must be more than 0` };
  return { row: out };
};

/** A JSON list of rows (text or value). `mode`: new rows need product and quantity; changes need the row id. */
export const lineItemList = (mode: "new" | "change") =>
  z.unknown().transform((value, ctx): LineItemValues[] => {
    let list = value;
    if (typeof value === "string") {
      try {
        list = value.trim() === "" ? [] : JSON.parse(value);
      } catch {
        ctx.addIssue({ code: "custom", message: 'must be a JSON list of line items, e.g. [{"productId": "5725767000000411001", "quantity": 2}]' });
        return z.NEVER;
      }
    }
    if (list && !Array.isArray(list) && typeof list === "object") list = [list];
    if (!Array.isArray(list) || list.length === 0) {
      ctx.addIssue({ code: "custom", message: 'give at least one line item, e.g. [{"productId": "5725767000000411001", "quantity": 2}]' });
      return z.NEVER;
    }
    const rows: LineItemValues[] = [];
    const problems: string[] = [];
    list.forEach((item, index) => {
      if (!item || typeof item !== "object" || Array.isArray(item)) return problems.push(`line item ${index} is not a JSON object`);
      const { row, problem } = toZohoRow(item as Record<string, unknown>, index, mode === "new");
      if (problem) return problems.push(problem);
      if (mode === "change" && !row!.id) return problems.push(`line item ${index} needs the "id" of the row to change (from Get Record or Add Line Items)`);
      rows.push(row!);
    });
    if (problems.length > 0) {
      ctx.addIssue({ code: "custom", message: problems.slice(0, 5).join("; ") });
      return z.NEVER;
    }
    return rows;
  });

/** The line-item rows of a record, in order. */
export const readLineItems = async (client: ZohoClient, module: InventoryModule, recordId: string): Promise<LineItem[]> => {
  const subform = LINE_ITEM_SUBFORMS[module];
  const response = await client.request<{ data?: Array<Record<string, unknown>> }>({ api: "crm", path: `/${module}/${recordId}`, params: { fields: subform } });
  const record = response.data?.data?.[0];
  if (response.status === 204 || !record) throw new ZohoError(`${module} record ${recordId} was not found: check the Record ID.`, { status: 204 });
  const rows = record[subform];
  return Array.isArray(rows) ? (rows as LineItem[]) : [];
};

const unknownRows = (module: string, recordId: string, ids: string[], rows: LineItem[]) => {
  const stored = new Set(rows.map((r) => String(r.id)));
  const missing = ids.filter((id) => !stored.has(id));
  if (missing.length === 0) return;
  throw new InputError(
    `Line item ${missing.join(", ")} is not a line item of ${module} record ${recordId}: its line items are ${[...stored].join(", ") || "none"}. Nothing was changed.`,
  );
};

/** Writes the whole subform (every stored row accounted for) and returns the rows as Zoho stored them. */
const writeRows = async (client: ZohoClient, module: InventoryModule, recordId: string, rows: LineItemValues[]) => {
  const details = await writeOne(client, { kind: "update", module, trigger: [] }, { id: recordId, [LINE_ITEM_SUBFORMS[module]]: rows });
  return { record: details, lineItems: await readLineItems(client, module, recordId) };
};

export interface LineItemsResult {
  /** The update's details (id, Modified_Time, Modified_By, ...). */
  record: Record<string, unknown>;
  /** Every line item of the record after the change, with its id. */
  lineItems: LineItem[];
}

/** Adds rows after the stored ones, which are sent by id so they stay as they are. */
export const addLineItems = async (client: ZohoClient, module: InventoryModule, recordId: string, added: LineItemValues[]): Promise<LineItemsResult> => {
  const stored = await readLineItems(client, module, recordId);
  return writeRows(client, module, recordId, [...stored.map((row) => ({ id: row.id })), ...added.map(({ id: _ignored, ...row }) => row)]);
};

/** Changes the named rows (fields not given keep their values); every other row is sent by id, unchanged. */
export const updateLineItems = async (client: ZohoClient, module: InventoryModule, recordId: string, changes: LineItemValues[]): Promise<LineItemsResult> => {
  const stored = await readLineItems(client, module, recordId);
  const byId = new Map(changes.map((change) => [String(change.id), change]));
  unknownRows(module, recordId, [...byId.keys()], stored);
  return writeRows(
    client,
    module,
    recordId,
    stored.map((row) => ({ ...byId.get(String(row.id)), id: row.id })),
  );
};

/** Deletes the named rows on purpose ({id, _delete: null}); every other row is sent by id, unchanged. */
export const removeLineItems = async (client: ZohoClient, module: InventoryModule, recordId: string, rowIds: string[]): Promise<LineItemsResult> => {
  const stored = await readLineItems(client, module, recordId);
  const removed = new Set(rowIds);
  unknownRows(module, recordId, [...removed], stored);
  return writeRows(
    client,
    module,
    recordId,
    stored.map((row) => (removed.has(String(row.id)) ? { id: row.id, _delete: null } : { id: row.id })),
  );
};

/**
 * A record about to be created with line items in friendly names: its subform rows in Zoho's
 * names (Create Record). Records of other modules, or without the subform, pass unchanged.
 */
export const withLineItems = <R extends Record<string, unknown>>(module: string, record: R): R => {
  const subform = LINE_ITEM_SUBFORMS[module as InventoryModule];
  if (!subform || !(subform in record)) return record;
  const parsed = lineItemList("new").safeParse(record[subform]);
  if (!parsed.success) throw new InputError(`Field ${subform}: ${parsed.error.issues.map((i) => i.message).join("; ")}.`);
  return { ...record, [subform]: parsed.data };
};
