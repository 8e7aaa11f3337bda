import { recordPath } from "../../src/books/catalog";
import { recordId, recordTarget, withTarget } from "../../src/fields/books";
import { zohoAction } from "../../src/step";

export const booksRemoveRecord = zohoAction({
  display: {
    label: "Delete Books Record",
    description: "Delete a Zoho Books record by its id. Books refuses to delete some records, e.g. an invoice with payments applied.",
  },
  fields: { ...recordTarget, recordId },
  refine: (schema) => withTarget(schema),
  client: "books",
  perform: async (_context, input, books) => {
    const response = await books.request<{ message?: string }>({
      method: "DELETE",
      path: recordPath(input.type, input.recordId, input.parentRecordId, "DELETE"),
    });
    return { data: { recordType: input.recordType, recordId: input.recordId, message: response.data?.message ?? "" } };
  },
  examplePayload: { data: { recordType: "invoices", recordId: "460000000028192", message: "The invoice has been deleted." } },
});
