import { attachmentPath, attachmentRecordType } from "../../src/books/attachments";
import { organizationId, recordId } from "../../src/fields/books";
import { zohoAction } from "../../src/step";

export const booksDeleteAttachment = zohoAction({
  display: {
    label: "Delete Books Attachment",
    description: "Delete the file last attached to a Books invoice, estimate, sales order, purchase order or bill, or an expense's receipt.",
  },
  fields: { organizationId, recordType: attachmentRecordType, recordId },
  client: "books",
  perform: async (_context, input, books) => {
    const response = await books.request({ method: "DELETE", path: attachmentPath(input.recordType, input.recordId) });
    return { data: { recordType: input.recordType.key, recordId: input.recordId, message: String(response.data?.message ?? "") } };
  },
  examplePayload: { data: { recordType: "invoices", recordId: "460000000028192", message: "Your file is no longer attached to the invoice." } },
});
