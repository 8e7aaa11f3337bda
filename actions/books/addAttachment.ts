import { input } from "@prismatic-io/spectral";
import { attachmentFile, attachmentFileName, attachmentPath, attachmentRecordType, checkExtension } from "../../src/books/attachments";
import { cleanBool, field } from "../../src/fields/field";
import { organizationId, recordId } from "../../src/fields/books";
import { bool } from "../../src/fields/schemas";
import { multipartFile } from "../../src/http/files";
import { zohoAction } from "../../src/step";

const canSendInMail = field(
  input({
    label: "Send With Emails",
    type: "boolean",
    default: "false",
    comments: "Send the file along when Books emails the document. Books has no such setting for expense receipts.",
    clean: cleanBool,
  }),
  () => bool(false),
);

export const booksAddAttachment = zohoAction({
  display: {
    label: "Add Books Attachment",
    description: "Attach a file (up to 5 MB) to a Books invoice, estimate, sales order, purchase order or bill, or a receipt to an expense.",
  },
  fields: { organizationId, recordType: attachmentRecordType, recordId, file: attachmentFile, fileName: attachmentFileName, canSendInMail },
  refine: (schema) => schema.superRefine((input, ctx) => checkExtension(input.recordType, input.fileName, ctx)),
  client: "books",
  perform: async (_context, input, books) => {
    const holder = input.recordType;
    const response = await books.request({
      method: "POST",
      path: attachmentPath(holder, input.recordId),
      params: holder.segment === "attachment" ? { can_send_in_mail: input.canSendInMail } : {},
      data: multipartFile(holder.segment, input.file, input.fileName),
    });
    return {
      data: {
        recordType: holder.key,
        recordId: input.recordId,
        fileName: input.fileName,
        size: input.file.data.length,
        message: String(response.data?.message ?? ""),
      },
    };
  },
  examplePayload: {
    data: {
      recordType: "invoices",
      recordId: "460000000028192",
      fileName: "signed-order.pdf",
      size: 48213,
      message: "Your file has been successfully attached to the invoice.",
    },
  },
});
