import { BOOKS_RECORD_TYPES, recordPath } from "../../src/books/catalog";
import { organizationId, recordId, recordType, withTarget } from "../../src/fields/books";
import { withInput } from "../../src/fields/field";
import { zohoAction } from "../../src/step";

const PRINTABLE = BOOKS_RECORD_TYPES.filter((type) => type.pdf);

/** Only the types Books renders as PDF are offered; the schema stays the record type's, the refine below says which. */
const printableType = withInput(recordType, {
  model: PRINTABLE.map((type) => ({ label: type.label, value: type.key })),
  comments: "The kind of Books document to download.",
});

export const booksDownloadRecordPdf = zohoAction({
  display: {
    label: "Download Books Record PDF",
    description:
      "Download an invoice, estimate, sales order, credit note, purchase order or bill as the PDF Books renders, for the next step to save or attach.",
  },
  fields: { organizationId, recordType: printableType, recordId },
  refine: (schema) =>
    withTarget(schema).superRefine((input, ctx) => {
      if (!input.type.pdf) {
        ctx.addIssue({ code: "custom", path: ["recordType"], message: `Books gives PDFs only of ${PRINTABLE.map((t) => t.key).join(", ")}` });
      }
    }),
  client: "books",
  perform: async (_context, input, books) => {
    const response = await books.request<ArrayBuffer>({
      path: recordPath(input.type, input.recordId, undefined),
      params: { accept: "pdf" },
      responseType: "arraybuffer",
    });
    return { data: Buffer.from(response.data), contentType: "application/pdf" };
  },
  examplePayload: { data: Buffer.from("%PDF-1.4\n"), contentType: "application/pdf" },
});
