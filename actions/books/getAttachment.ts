import { attachmentPath, attachmentRecordType } from "../../src/books/attachments";
import { organizationId, recordId } from "../../src/fields/books";
import { binaryOutput } from "../../src/http/files";
import { zohoAction } from "../../src/step";

export const booksGetAttachment = zohoAction({
  display: {
    label: "Get Books Attachment",
    description:
      "Download the file last attached to a Books invoice, estimate, sales order, purchase order or bill, or an expense's receipt, as binary data for the next step.",
  },
  fields: { organizationId, recordType: attachmentRecordType, recordId },
  client: "books",
  perform: async (_context, input, books) => {
    const response = await books.request<ArrayBuffer>({ path: attachmentPath(input.recordType, input.recordId), responseType: "arraybuffer" });
    return binaryOutput(response);
  },
  examplePayload: { data: Buffer.from("%PDF-1.7 example"), contentType: "application/pdf" },
});
