import { recordOf, recordPath, writeBody } from "../../src/books/catalog";
import { recordId, recordTarget, recordValues, withValues } from "../../src/fields/books";
import { zohoAction } from "../../src/step";
import { exampleInvoice } from "./examples";

export const booksUpdateRecord = zohoAction({
  display: {
    label: "Update Books Record",
    description:
      "Change fields of a Zoho Books record by its id and return it as Books stored it. Books wants some fields on every update (an invoice's customer_id and line_items, an item's name); line items are replaced as a whole.",
  },
  fields: { ...recordTarget, recordId, ...recordValues },
  refine: (schema) => withValues(schema),
  client: "books",
  perform: async (_context, input, books) => {
    const response = await books.request({
      method: "PUT",
      path: recordPath(input.type, input.recordId, input.parentRecordId, "PUT"),
      data: writeBody(input.type, input.parentRecordId, input.values),
    });
    return { data: recordOf(input.type, response.data) };
  },
  examplePayload: { data: exampleInvoice },
});
