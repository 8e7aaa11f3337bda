import { action, input } from "@prismatic-io/spectral";
import { z } from "zod";
import { clientFor } from "../../src/context";
import { ZohoError } from "../../src/errors";
import { binaryOutput } from "../../src/files";
import { cleanText, connectionInput, debugRequest, recordId, recordType } from "../../src/inputs";
import { moduleName, parseInputs, recordId as zRecordId } from "../../src/validate";

const schema = z.object({ recordType: moduleName, recordId: zRecordId, attachmentId: zRecordId });

export const attachmentId = input({
  label: "Attachment ID",
  type: "string",
  required: true,
  comments: "The id of the attachment, from List Attachments or Add Attachment.",
  example: "5725767000000611001",
  clean: cleanText,
});

export const crmDownloadAttachment = action({
  display: {
    label: "Download Attachment",
    description: "Download a file attached to a CRM record, as binary data for the next step.",
  },
  inputs: { connection: connectionInput, recordType, recordId, attachmentId, debugRequest },
  perform: async (context, params) => {
    const input = parseInputs(schema, params, { recordType: "Module", recordId: "Record ID", attachmentId: "Attachment ID" });
    const client = clientFor(context, params);
    const response = await client.request<ArrayBuffer>({
      api: "crm",
      path: `/${input.recordType}/${input.recordId}/Attachments/${input.attachmentId}`,
      responseType: "arraybuffer",
    });
    if (response.status === 204) {
      throw new ZohoError(`${input.recordType} record ${input.recordId} has no attachment ${input.attachmentId}: check the ids with List Attachments.`, { status: 204 });
    }
    return binaryOutput(response);
  },
  examplePayload: { data: Buffer.from("%PDF-1.7 example"), contentType: "application/pdf" },
});
