import { fileId } from "../../src/fields/files";
import { downloadFile } from "../../src/crm/fileFields";
import { zohoAction } from "../../src/step";

export const crmDownloadFile = zohoAction({
  display: {
    label: "Download File",
    description:
      "Download a file from Zoho CRM's file store by its id (e.g. File_Id__s of a file-upload or image-upload field), as binary data for the next step.",
  },
  fields: { fileId },
  perform: async (_context, input, client) => downloadFile(client, input.fileId),
  examplePayload: { data: Buffer.from("%PDF-1.7 example"), contentType: "application/pdf" },
});
