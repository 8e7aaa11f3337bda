/**
 * The list actions for what hangs off one CRM record (attachments, notes): the same inputs, checks
 * and paging, differing only in the path, the default fields and the wording.
 */
import { action, input } from "@prismatic-io/spectral";
import { z } from "zod";
import { clientFor } from "./context";
import { exampleListInfo } from "./crmExamples";
import { listCrm, pagingLabels, pagingSchema } from "./crmList";
import { cleanText, connectionInput, debugRequest, pagingInputs, recordId, recordType } from "./inputs";
import { fieldList, moduleName, parseInputs, recordId as zRecordId } from "./validate";

interface ChildList {
  /** The path segment under the record, e.g. "Notes". */
  child: string;
  label: string;
  description: string;
  /** Zoho requires `fields` on these lists; used when the step leaves Fields empty. */
  defaultFields: string[];
  fieldsComment: string;
  example: Record<string, unknown>;
}

export const childListAction = ({ child, label, description, defaultFields, fieldsComment, example }: ChildList) => {
  const schema = z.object({
    recordType: moduleName,
    recordId: zRecordId,
    fields: fieldList().transform((list) => list ?? defaultFields),
    ...pagingSchema,
  });
  return action({
    display: { label, description },
    inputs: {
      connection: connectionInput,
      recordType,
      recordId,
      fields: input({ label: "Fields", type: "string", required: false, comments: fieldsComment, example: defaultFields.join(","), clean: cleanText }),
      ...pagingInputs,
      debugRequest,
    },
    perform: async (context, params) => {
      const input = parseInputs(schema, params, { recordType: "Module", recordId: "Record ID", fields: "Fields", ...pagingLabels });
      const client = clientFor(context, params);
      return { data: await listCrm(client, `/${input.recordType}/${input.recordId}/${child}`, { fields: input.fields.join(",") }, input) };
    },
    examplePayload: { data: { data: [example], info: exampleListInfo } },
  });
};
