import { action } from "@prismatic-io/spectral";
import { booksClientFor, booksInputSchema, recordOf, recordPath } from "../../src/books";
import { connectionInput, debugRequest } from "../../src/inputs";
import { parseInputs, recordId as zRecordId } from "../../src/validate";
import { exampleInvoice } from "./examples";
import { labelsOf, recordId, recordTarget } from "./inputs";

const inputs = { connection: connectionInput, ...recordTarget, recordId, debugRequest };

const schema = booksInputSchema({ recordId: zRecordId });

export const booksGetRecord = action({
  display: {
    label: "Get Books Record",
    description: "Get one Zoho Books record (an invoice, contact, item, ...) by its id.",
  },
  inputs,
  perform: async (context, params) => {
    const input = parseInputs(schema, params, labelsOf(inputs));
    const books = await booksClientFor(context, params, input.organizationId);
    const response = await books.request({ path: recordPath(input.type, input.recordId, input.parentRecordId) });
    return { data: recordOf(input.type, response.data) };
  },
  examplePayload: { data: exampleInvoice },
});
