import { action } from "@prismatic-io/spectral";
import { BOOKS_RECORD_TYPES, booksClientFor, booksInputSchema, recordPath } from "../../src/books";
import { connectionInput, debugRequest } from "../../src/inputs";
import { parseInputs, recordId as zRecordId } from "../../src/validate";
import { labelsOf, recordId, recordTarget } from "./inputs";

const PRINTABLE = BOOKS_RECORD_TYPES.filter((type) => type.pdf);

const recordType = {
  ...recordTarget.recordType,
  model: PRINTABLE.map((type) => ({ label: type.label, value: type.key })),
  comments: "The kind of Books document to download.",
};

const inputs = { connection: connectionInput, organizationId: recordTarget.organizationId, recordType, recordId, debugRequest };

const schema = booksInputSchema({ recordId: zRecordId }).superRefine((input, ctx) => {
  if (!input.type.pdf) {
    ctx.addIssue({ code: "custom", path: ["recordType"], message: `Books gives PDFs only of ${PRINTABLE.map((t) => t.key).join(", ")}` });
  }
});

export const booksDownloadRecordPdf = action({
  display: {
    label: "Download Books Record PDF",
    description: "Download an invoice, estimate, sales order, credit note, purchase order or bill as the PDF Books renders, for the next step to save or attach.",
  },
  inputs,
  perform: async (context, params) => {
    const input = parseInputs(schema, params, labelsOf(inputs));
    const books = await booksClientFor(context, params, input.organizationId);
    const response = await books.request<ArrayBuffer>({
      path: recordPath(input.type, input.recordId, undefined),
      params: { accept: "pdf" },
      responseType: "arraybuffer",
    });
    return { data: Buffer.from(response.data), contentType: "application/pdf" };
  },
  examplePayload: { data: Buffer.from("%PDF-1.4\n"), contentType: "application/pdf" },
});
