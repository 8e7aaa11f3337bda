import { action } from "@prismatic-io/spectral";
import { booksClientFor, booksInputSchema, recordPath } from "../../src/books";
import { connectionInput, debugRequest } from "../../src/inputs";
import { parseInputs, recordId as zRecordId } from "../../src/validate";
import { labelsOf, recordId, recordTarget } from "./inputs";

const inputs = { connection: connectionInput, ...recordTarget, recordId, debugRequest };

const schema = booksInputSchema({ recordId: zRecordId });

export const booksRemoveRecord = action({
  display: {
    label: "Delete Books Record",
    description: "Delete a Zoho Books record by its id. Books refuses to delete some records, e.g. an invoice with payments applied.",
  },
  inputs,
  perform: async (context, params) => {
    const input = parseInputs(schema, params, labelsOf(inputs));
    const books = await booksClientFor(context, params, input.organizationId);
    const response = await books.request<{ message?: string }>({
      method: "DELETE",
      path: recordPath(input.type, input.recordId, input.parentRecordId, "DELETE"),
    });
    return { data: { recordType: input.recordType, recordId: input.recordId, message: response.data?.message ?? "" } };
  },
  examplePayload: { data: { recordType: "invoices", recordId: "460000000028192", message: "The invoice has been deleted." } },
});
