import { action, input } from "@prismatic-io/spectral";
import { z } from "zod";
import { clientFor } from "../../src/context";
import { exampleListInfo } from "../../src/crmExamples";
import { listCrm, pagingLabels, pagingSchema } from "../../src/crmList";
import { exampleLead } from "../../src/examples";
import { cleanText, connectionInput, debugRequest, pagingInputs, recordId, recordType } from "../../src/inputs";
import { fieldList, moduleName, parseInputs, recordId as zRecordId } from "../../src/validate";

/** Zoho requires `fields` here, and they belong to the related module, so there is no default. */
const requiredFields = fieldList().transform((list, ctx) => {
  if (list) return list;
  ctx.addIssue({ code: "custom", message: "enter the related records' field API names, e.g. Last_Name,Email (Zoho requires them)" });
  return z.NEVER;
});

const schema = z.object({
  recordType: moduleName,
  recordId: zRecordId,
  relatedList: moduleName,
  fields: requiredFields,
  ...pagingSchema,
});

export const crmGetRelatedRecords = action({
  display: {
    label: "Get Related Records",
    description: "List the records of a related list of a CRM record, e.g. an account's Contacts or Deals.",
  },
  inputs: {
    connection: connectionInput,
    recordType,
    recordId,
    relatedList: input({
      label: "Related List",
      type: "string",
      required: true,
      comments: "The related list's API name as Zoho names it under the record, e.g. Contacts, Deals or Products (not Notes or Attachments, which have their own actions).",
      example: "Contacts",
      clean: cleanText,
    }),
    fields: input({
      label: "Fields",
      type: "string",
      required: true,
      comments: "Comma-separated field API names of the related records to return (at most 50).",
      example: "Last_Name,Email",
      clean: cleanText,
    }),
    ...pagingInputs,
    debugRequest,
  },
  perform: async (context, params) => {
    const input = parseInputs(schema, params, { recordType: "Module", recordId: "Record ID", relatedList: "Related List", fields: "Fields", ...pagingLabels });
    const client = clientFor(context, params);
    return { data: await listCrm(client, `/${input.recordType}/${input.recordId}/${input.relatedList}`, { fields: input.fields.join(",") }, input) };
  },
  examplePayload: {
    data: { data: [{ id: exampleLead.id, Last_Name: exampleLead.Last_Name, Email: exampleLead.Email }], info: exampleListInfo },
  },
});
