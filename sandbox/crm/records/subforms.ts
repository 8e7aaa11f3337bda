/**
 * Inventory line items: the subforms of Quotes (Quoted_Items), Sales_Orders (Ordered_Items),
 * Purchase_Orders (Purchase_Items) and Invoices (Invoiced_Items). Each stored row has its own id.
 * A write that sends the subform REPLACES it, as Zoho does: a row sent with an existing id is
 * updated (fields it leaves out keep their values), a row without id is added, a row sent as
 * `{"id": ..., "_delete": null}` is deleted, and every stored row the write leaves out is deleted
 * too. That last rule is the trap the connector's line-item actions exist to avoid.
 */
import type { CrmField, SandboxState } from "../../state";
import { CrmFailure } from "../crmFailure";
import { lookupTo } from "./parents";

export type LineItem = Record<string, unknown> & { id: string };

/** The inventory modules and their line-item subform. */
export const LINE_ITEM_SUBFORMS: Record<string, string> = {
  Quotes: "Quoted_Items",
  Sales_Orders: "Ordered_Items",
  Purchase_Orders: "Purchase_Items",
  Invoices: "Invoiced_Items",
};

/** What a row may set; Total and Net_Total are Zoho's to compute. */
const NUMBERS = ["Quantity", "List_Price", "Discount", "Tax"] as const;
const TEXT = ["Description"] as const;

const round2 = (n: number) => Math.round(n * 100) / 100;

/** One row's values checked and typed, merged over `current` when the row already exists. */
const readRow = (
  state: SandboxState,
  entry: Record<string, unknown>,
  current: LineItem | undefined,
  invalid: (extra: Record<string, unknown>) => CrmFailure,
  path: string,
): Omit<LineItem, "id"> => {
  const row: Record<string, unknown> = { ...(current ?? {}) };
  if ("Product_Name" in entry) {
    const given = entry.Product_Name;
    const id = given && typeof given === "object" ? (given as { id?: unknown }).id : given;
    const products = state.crm.modules.get("Products");
    const product = products && state.crm.records.get("Products")?.get(String(id ?? ""));
    if (!products || !product) throw invalid({ api_name: "Product_Name", json_path: `${path}.Product_Name`, expected_data_type: "lookup" });
    row.Product_Name = lookupTo(products, product);
  }
  for (const name of NUMBERS) {
    if (!(name in entry)) continue;
    const value = entry[name];
    const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
    if (!Number.isFinite(n) || n < 0) throw invalid({ api_name: name, json_path: `${path}.${name}`, expected_data_type: "double" });
    row[name] = n;
  }
  for (const name of TEXT) if (name in entry) row[name] = entry[name] === null ? null : String(entry[name]);
  for (const name of ["Product_Name", "Quantity"]) {
    if (row[name] === undefined) throw new CrmFailure("MANDATORY_NOT_FOUND", "required field not found", { api_name: name, json_path: `${path}.${name}` });
  }
  const quantity = Number(row.Quantity);
  const listPrice = Number(row.List_Price ?? 0);
  const total = round2(quantity * listPrice);
  return {
    ...row,
    Quantity: quantity,
    List_Price: listPrice,
    Discount: Number(row.Discount ?? 0),
    Tax: Number(row.Tax ?? 0),
    Total: total,
    Net_Total: round2(total - Number(row.Discount ?? 0) + Number(row.Tax ?? 0)),
  };
};

/**
 * The rows a line-item subform holds after a write of `value` over the stored `current` rows
 * (replace-on-update; see the file comment). `path` is the field's JSON path for errors.
 */
export const subformValue = (
  state: SandboxState,
  field: CrmField,
  value: unknown,
  current: unknown,
  invalid: (extra: Record<string, unknown>) => CrmFailure,
  path: string,
): LineItem[] => {
  if (!Array.isArray(value)) throw invalid({ expected_data_type: "jsonarray", api_name: field.api_name, json_path: path });
  const stored = new Map((Array.isArray(current) ? (current as LineItem[]) : []).map((row) => [row.id, row]));
  const rows: LineItem[] = [];
  value.forEach((entry: unknown, index) => {
    const rowPath = `${path}[${index}]`;
    if (!entry || typeof entry !== "object" || Array.isArray(entry)) throw invalid({ api_name: field.api_name, json_path: rowPath });
    const given = entry as Record<string, unknown>;
    const id = given.id === undefined || given.id === null ? undefined : String(given.id);
    if (id !== undefined && !stored.has(id)) throw invalid({ api_name: "id", json_path: `${rowPath}.id` });
    if ("_delete" in given) return; // deleted on purpose (left out of `rows`)
    rows.push({ ...readRow(state, given, id ? stored.get(id) : undefined, invalid, rowPath), id: id ?? state.nextId() });
  });
  return rows.map((row, i) => ({ ...row, Sequence_Number: i + 1 }));
};
