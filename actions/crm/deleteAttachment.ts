import { action } from "@prismatic-io/spectral";
import { z } from "zod";
import { clientFor } from "../../src/context";
import { connectionInput, debugRequest, recordId, recordType } from "../../src/inputs";
import { onlyOutcome } from "../../src/outcomes";
import { moduleName, parseInputs, recordId as zRecordId } from "../../src/validate";
import { attachmentId } from "./downloadAttachment";

const schema = z.object({ recordType: moduleName, recordId: zRecordId, attachmentId: zRecordId });

export const crmDeleteAttachment = action({
  display: {
    label: "Delete Attachment",
    description: "Delete a file or link attached to a CRM record.",
  },
  inputs: { connection: connectionInput, recordType, recordId, attachmentId, debugRequest },
  perform: async (context, params) => {
    const input = parseInputs(schema, params, { recordType: "Module", recordId: "Record ID", attachmentId: "Attachment ID" });
    const client = clientFor(context, params);
    const response = await client.request({
      api: "crm",
      method: "DELETE",
      path: `/${input.recordType}/${input.recordId}/Attachments/${input.attachmentId}`,
    });
    return { data: onlyOutcome(response.data, `delete attachment ${input.attachmentId}`) };
  },
  examplePayload: { data: { id: "5725767000000611001" } },
});
