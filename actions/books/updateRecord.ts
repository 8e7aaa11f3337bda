import { action } from "@prismatic-io/spectral";
import { booksClientFor, booksValuesSchema, recordOf, recordPath, writeBody } from "../../src/books";
import { connectionInput, debugRequest } from "../../src/inputs";
import { parseInputs, recordId as zRecordId } from "../../src/validate";
import { exampleInvoice } from "./examples";
import { labelsOf, recordId, recordTarget, recordValueInputs } from "./inputs";

const inputs = { connection: connectionInput, ...recordTarget, recordId, ...recordValueInputs, debugRequest };

const schema = booksValuesSchema({ recordId: zRecordId });

export const booksUpdateRecord = action({
  display: {
    label: "Update Books Record",
    description: "Change fields of a Zoho Books record by its id and return it as Books stored it. Books wants some fields on every update (an invoice's customer_id and line_items, an item's name); line items are replaced as a whole.",
  },
  inputs,
  perform: async (context, params) => {
    const input = parseInputs(schema, params, labelsOf(inputs));
    const books = await booksClientFor(context, params, input.organizationId);
    const response = await books.request({
      method: "PUT",
      path: recordPath(input.type, input.recordId, input.parentRecordId, "PUT"),
      data: writeBody(input.type, input.parentRecordId, input.values),
    });
    return { data: recordOf(input.type, response.data) };
  },
  examplePayload: { data: exampleInvoice },
});
