import { attachmentId, recordId, recordType } from "../../src/fields/crm";
import { onlyOutcome } from "../../src/http/outcomes";
import { zohoAction } from "../../src/step";

export const crmDeleteAttachment = zohoAction({
  display: {
    label: "Delete Attachment",
    description: "Delete a file or link attached to a CRM record.",
  },
  fields: { recordType, recordId, attachmentId },
  perform: async (_context, input, client) => {
    const response = await client.request({
      api: "crm",
      method: "DELETE",
      path: `/${input.recordType}/${input.recordId}/Attachments/${input.attachmentId}`,
    });
    return { data: onlyOutcome(response.data, `delete attachment ${input.attachmentId}`) };
  },
  examplePayload: { data: { id: "5725767000000611001" } },
});
