/** Inputs shared by the Books actions; the record-type picklists come from the one table in src/books.ts. */
import { input } from "@prismatic-io/spectral";
import { BOOKS_RECORD_TYPES, PARENT_TYPES, booksRecordType } from "../../src/books";
import { cleanText, dynamicValues, fieldValues, organizationId } from "../../src/inputs";

export const recordType = input({
  label: "Record Type",
  type: "string",
  required: true,
  model: BOOKS_RECORD_TYPES.map((type) => ({ label: type.label, value: type.key })),
  comments: "The kind of Books record. Contact persons and project tasks are nested: give their parent's id too.",
  example: "invoices",
  clean: cleanText,
});

export const recordId = input({
  label: "Record ID",
  type: "string",
  required: true,
  dataSource: "selectBooksRecord",
  comments: "The Books id of the record, e.g. an invoice_id: pick it from the list or map it from an earlier step.",
  example: "460000000026049",
  clean: cleanText,
});

export const parentRecordType = input({
  label: "Parent Record Type",
  type: "string",
  required: false,
  default: "",
  model: [{ label: "None", value: "" }, ...PARENT_TYPES.map((key) => ({ label: booksRecordType(key)?.label ?? key, value: key }))],
  comments: "Only for nested types: Contacts for contact persons, Projects for tasks. Leave empty to infer it from the record type.",
  example: "contacts",
  clean: cleanText,
});

export const parentRecordId = input({
  label: "Parent Record ID",
  type: "string",
  required: false,
  comments: "Only for nested types: the contact_id of a contact person's contact, or the project_id of a task's project.",
  example: "460000000026049",
  clean: cleanText,
});

/** Each input's label by key, so validation errors name inputs as the builder sees them. */
export const labelsOf = (inputs: Record<string, { label: string | { value: string } }>): Record<string, string> =>
  Object.fromEntries(Object.entries(inputs).map(([key, def]) => [key, typeof def.label === "string" ? def.label : def.label.value]));

/** The inputs that say which records an action works on, in which organization. */
export const recordTarget = { organizationId, recordType, parentRecordType, parentRecordId };

/** The shared record-value inputs, with examples in Books' field names. */
export const recordValueInputs = {
  dynamicValues: { ...dynamicValues, example: JSON.stringify({ customer_id: "460000000026049", line_items: [{ item_id: "460000000027009", quantity: 2 }] }) },
  fieldValues: { ...fieldValues, example: "reference_number=PO-1187" },
};
