/** Fields of the line-item steps (Quotes, Sales Orders, Purchase Orders, Invoices). */
import { input } from "@prismatic-io/spectral";
import { z } from "zod";
import { INVENTORY_MODULES, lineItemList } from "../lineItems";
import { cleanPass, cleanText, field } from "./field";

export const inventoryModule = field(
  input({
    label: "Module",
    type: "string",
    required: true,
    model: [
      { label: "Quotes", value: "Quotes" },
      { label: "Sales Orders", value: "Sales_Orders" },
      { label: "Purchase Orders", value: "Purchase_Orders" },
      { label: "Invoices", value: "Invoices" },
    ],
    comments: "The inventory module whose record holds the line items.",
    example: "Sales_Orders",
    clean: cleanText,
  }),
  () => z.enum(INVENTORY_MODULES, { error: `must be one of ${INVENTORY_MODULES.join(", ")}` }),
);

const ROW_EXAMPLE = [{ productId: "5725767000000411001", quantity: 2, listPrice: 120, discount: 10 }];

export const newLineItems = field(
  input({
    label: "Line Items",
    type: "code",
    language: "json",
    required: true,
    comments:
      'A JSON list of rows to add, each with "productId" (the product\'s id as text), "quantity" and optionally "listPrice", "discount", "tax" and "description" (Zoho\'s names Product_Name, Quantity, List_Price, ... work too).',
    example: JSON.stringify(ROW_EXAMPLE),
    clean: cleanPass,
  }),
  () => lineItemList("new"),
);

export const lineItemChanges = field(
  input({
    label: "Line Items",
    type: "code",
    language: "json",
    required: true,
    comments: 'A JSON list of changes, each with the "id" of the row to change and the fields to set, e.g. "quantity" or "discount". Rows not listed stay as they are.',
    example: JSON.stringify([{ id: "5725767000000612001", quantity: 5 }]),
    clean: cleanPass,
  }),
  () => lineItemList("change"),
);

const ROW_ID = /^\d{1,25}$/;

export const lineItemIds = field(
  input({
    label: "Line Item IDs",
    type: "string",
    collection: "valuelist",
    required: true,
    comments: "The ids of the rows to remove (from Get Record or Add Line Items). Other rows stay as they are.",
    example: "5725767000000612001",
    clean: cleanPass,
  }),
  () =>
    z.preprocess(
      (v) => (typeof v === "string" ? v.split(",").map((id) => id.trim()).filter(Boolean) : v === undefined || v === null ? [] : v),
      z
        .array(z.preprocess((id) => (typeof id === "number" && Number.isSafeInteger(id) ? String(id) : typeof id === "string" ? id.trim() : id), z.string().regex(ROW_ID, 'each id is a row\'s numeric Zoho id as text, e.g. "5725767000000612001"')))
        .min(1, "give at least one line item id")
        .transform((ids) => [...new Set(ids)]),
    ),
);
