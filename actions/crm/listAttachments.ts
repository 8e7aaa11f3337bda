import { action, input } from "@prismatic-io/spectral";
import { z } from "zod";
import { clientFor } from "../../src/context";
import { exampleAttachment, exampleListInfo } from "../../src/crmExamples";
import { listCrm, pagingLabels, pagingSchema } from "../../src/crmList";
import { cleanText, connectionInput, debugRequest, pagingInputs, recordId, recordType } from "../../src/inputs";
import { fieldList, moduleName, parseInputs, recordId as zRecordId } from "../../src/validate";

/** Zoho requires `fields` on this list; these are the attachment's own. */
const ATTACHMENT_FIELDS = ["id", "File_Name", "Size", "Created_Time", "Modified_Time", "Owner", "Created_By", "Modified_By", "Parent_Id"];

const schema = z.object({
  recordType: moduleName,
  recordId: zRecordId,
  fields: fieldList().transform((list) => list ?? ATTACHMENT_FIELDS),
  ...pagingSchema,
});

export const crmListAttachments = action({
  display: {
    label: "List Attachments",
    description: "List the files and links attached to a CRM record.",
  },
  inputs: {
    connection: connectionInput,
    recordType,
    recordId,
    fields: input({
      label: "Fields",
      type: "string",
      required: false,
      comments: "Comma-separated attachment fields to return. Leave empty for id, name, size, times, owner and parent record.",
      example: ATTACHMENT_FIELDS.join(","),
      clean: cleanText,
    }),
    ...pagingInputs,
    debugRequest,
  },
  perform: async (context, params) => {
    const input = parseInputs(schema, params, { recordType: "Module", recordId: "Record ID", fields: "Fields", ...pagingLabels });
    const client = clientFor(context, params);
    return { data: await listCrm(client, `/${input.recordType}/${input.recordId}/Attachments`, { fields: input.fields.join(",") }, input) };
  },
  examplePayload: { data: { data: [exampleAttachment], info: exampleListInfo } },
});
