import { recordOf, recordPath } from "../../src/books/catalog";
import { recordId, recordTarget, withTarget } from "../../src/fields/books";
import { zohoAction } from "../../src/step";
import { exampleInvoice } from "./examples";

export const booksGetRecord = zohoAction({
  display: {
    label: "Get Books Record",
    description: "Get one Zoho Books record (an invoice, contact, item, ...) by its id.",
  },
  fields: { ...recordTarget, recordId },
  refine: (schema) => withTarget(schema),
  client: "books",
  perform: async (_context, input, books) => {
    const response = await books.request({ path: recordPath(input.type, input.recordId, input.parentRecordId) });
    return { data: recordOf(input.type, response.data) };
  },
  examplePayload: { data: exampleInvoice },
});
