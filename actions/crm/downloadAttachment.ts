import { ZohoError } from "../../src/http/errors";
import { attachmentId, recordId, recordType } from "../../src/fields/crm";
import { binaryOutput } from "../../src/http/files";
import { zohoAction } from "../../src/step";

export const crmDownloadAttachment = zohoAction({
  display: {
    label: "Download Attachment",
    description: "Download a file attached to a CRM record, as binary data for the next step.",
  },
  fields: { recordType, recordId, attachmentId },
  perform: async (_context, input, client) => {
    const response = await client.request<ArrayBuffer>({
      api: "crm",
      path: `/${input.recordType}/${input.recordId}/Attachments/${input.attachmentId}`,
      responseType: "arraybuffer",
    });
    if (response.status === 204) {
      throw new ZohoError(`${input.recordType} record ${input.recordId} has no attachment ${input.attachmentId}: check the ids with List Attachments.`, {
        status: 204,
      });
    }
    return binaryOutput(response);
  },
  examplePayload: { data: Buffer.from("%PDF-1.7 example"), contentType: "application/pdf" },
});
