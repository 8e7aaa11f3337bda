/** Fields of the line-item steps (Quotes, Sales Orders, Purchase Orders, Invoices). */
import { input } from "@prismatic-io/spectral";
import { z } from "zod/v3";
import { INVENTORY_MODULES, lineItemList } from "../crm/lineItems";
import { cleanPass, cleanText, field } from "./field";
import { optionalRecordId } from "./schemas";

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
  () => z.enum(INVENTORY_MODULES, { message: `must be one of ${INVENTORY_MODULES.join(", ")}` }),
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
    comments:
      'A JSON list of changes, each with the "id" of the row to change and the fields to set, e.g. "quantity" or "discount". Rows not listed stay as they are.',
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
      (v) =>
        typeof v === "string"
          ? v
              .split(",")
              .map((id) => id.trim())
              .filter(Boolean)
          : v === undefined || v === null
            ? []
            : v,
      z
        .array(
          z.preprocess(
            (id) => (typeof id === "number" && Number.isSafeInteger(id) ? String(id) : typeof id === "string" ? id.trim() : id),
            z.string().regex(ROW_ID, 'each id is a row\'s numeric Zoho id as text, e.g. "5725767000000612001"'),
          ),
        )
        .min(1, "give at least one line item id")
        .transform((ids) => [...new Set(ids)]),
    ),
);

/** Add Line Items: the list is optional there, as one row may come from the Product inputs instead. */
export const optionalNewLineItems = field(
  {
    ...newLineItems.input,
    required: false,
    comments: `${newLineItems.input.comments} Leave empty to add just the row of Product, Quantity, List Price and Discount.`,
  } as typeof newLineItems.input,
  () => z.preprocess((v) => (v === undefined || v === null || v === "" ? undefined : v), lineItemList("new").optional()),
);

export const product = field(
  input({
    label: "Product",
    type: "string",
    required: false,
    dataSource: "selectCrmRecord",
    comments: "One row to add: the product, picked from the list (choose the Products module) or mapped as its id. Use Line Items for several rows.",
    example: "5725767000000500001",
    clean: cleanText,
  }),
  optionalRecordId,
);

/** A number of 0 or more (more than 0 with `positive`), given as text or number; empty is absent. */
const amount = (positive: boolean) =>
  z.preprocess(
    (v) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? undefined : typeof v === "string" ? Number(v) : v),
    z
      .number({ message: "must be a number, e.g. 2 or 19.99" })
      .refine((n) => Number.isFinite(n) && (positive ? n > 0 : n >= 0), positive ? "must be more than 0" : "must be 0 or more")
      .optional(),
  );

const amountField = (label: string, comments: string, example: string, positive = false) =>
  field(input({ label, type: "string", required: false, comments, example, clean: cleanText }), () => amount(positive));

export const quantity = amountField("Quantity", "The Product row's quantity (more than 0). Required with Product.", "2", true);
export const listPrice = amountField("List Price", "The Product row's unit price.", "120");
export const discount = amountField("Discount", "The Product row's discount, as an amount.", "10");
