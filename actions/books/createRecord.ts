import { action } from "@prismatic-io/spectral";
import { booksClientFor, booksValuesSchema, collectionPath, recordOf, writeBody } from "../../src/books";
import { connectionInput, debugRequest } from "../../src/inputs";
import { parseInputs } from "../../src/validate";
import { exampleInvoice } from "./examples";
import { labelsOf, recordTarget, recordValueInputs } from "./inputs";

const inputs = { connection: connectionInput, ...recordTarget, ...recordValueInputs, debugRequest };

const schema = booksValuesSchema({});

export const booksCreateRecord = action({
  display: {
    label: "Create Books Record",
    description: "Create a Zoho Books record (an invoice, contact, item, ...) from field values, and return it as Books stored it.",
  },
  inputs,
  perform: async (context, params) => {
    const input = parseInputs(schema, params, labelsOf(inputs));
    const books = await booksClientFor(context, params, input.organizationId);
    const response = await books.request({
      method: "POST",
      path: collectionPath(input.type, input.parentRecordId, "POST"),
      data: writeBody(input.type, input.parentRecordId, input.values),
    });
    return { data: recordOf(input.type, response.data) };
  },
  examplePayload: { data: exampleInvoice },
});
