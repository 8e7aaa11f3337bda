import { collectionPath, recordOf, writeBody } from "../../src/books/catalog";
import { recordTarget, recordValues, withValues } from "../../src/fields/books";
import { zohoAction } from "../../src/step";
import { exampleInvoice } from "./examples";

export const booksCreateRecord = zohoAction({
  display: {
    label: "Create Books Record",
    description: "Create a Zoho Books record (an invoice, contact, item, ...) from field values, and return it as Books stored it.",
  },
  fields: { ...recordTarget, ...recordValues },
  refine: (schema) => withValues(schema),
  client: "books",
  perform: async (_context, input, books) => {
    const response = await books.request({
      method: "POST",
      path: collectionPath(input.type, input.parentRecordId, "POST"),
      data: writeBody(input.type, input.parentRecordId, input.values),
    });
    return { data: recordOf(input.type, response.data) };
  },
  examplePayload: { data: exampleInvoice },
});
