import { dataSource } from "@prismatic-io/spectral";
import { BOOKS_RECORD_TYPES } from "../src/books/catalog";

/** The record types the Books actions support, from the one table in src/books/catalog.ts; no call to Zoho. */
export const selectBooksRecordType = dataSource({
  display: {
    label: "Select Books Record Type",
    description: "Pick a Zoho Books record type the Books actions support, e.g. Invoices; the value is Books' name for it (invoices).",
  },
  dataSourceType: "picklist",
  inputs: {},
  perform: async () => ({ result: BOOKS_RECORD_TYPES.map((type) => ({ key: type.key, label: type.label })) }),
  examplePayload: {
    result: [
      { key: "contacts", label: "Contacts" },
      { key: "invoices", label: "Invoices" },
    ],
  },
});
