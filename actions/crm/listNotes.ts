import { action, input } from "@prismatic-io/spectral";
import { z } from "zod";
import { clientFor } from "../../src/context";
import { exampleListInfo, exampleNote } from "../../src/crmExamples";
import { listCrm, pagingLabels, pagingSchema } from "../../src/crmList";
import { cleanText, connectionInput, debugRequest, pagingInputs, recordId, recordType } from "../../src/inputs";
import { fieldList, moduleName, parseInputs, recordId as zRecordId } from "../../src/validate";

/** Zoho requires `fields` on this list. */
const NOTE_FIELDS = ["Note_Title", "Note_Content", "Parent_Id", "Owner", "Created_Time", "Modified_Time", "Created_By", "Modified_By"];

const schema = z.object({
  recordType: moduleName,
  recordId: zRecordId,
  fields: fieldList().transform((list) => list ?? NOTE_FIELDS),
  ...pagingSchema,
});

export const crmListNotes = action({
  display: {
    label: "List Notes",
    description: "List the notes on a CRM record.",
  },
  inputs: {
    connection: connectionInput,
    recordType,
    recordId,
    fields: input({
      label: "Fields",
      type: "string",
      required: false,
      comments: "Comma-separated note fields to return. Leave empty for title, content, parent, owner and times.",
      example: NOTE_FIELDS.join(","),
      clean: cleanText,
    }),
    ...pagingInputs,
    debugRequest,
  },
  perform: async (context, params) => {
    const input = parseInputs(schema, params, { recordType: "Module", recordId: "Record ID", fields: "Fields", ...pagingLabels });
    const client = clientFor(context, params);
    return { data: await listCrm(client, `/${input.recordType}/${input.recordId}/Notes`, { fields: input.fields.join(",") }, input) };
  },
  examplePayload: { data: { data: [exampleNote], info: exampleListInfo } },
});
