/**
 * The list actions for what hangs off one CRM record (attachments, notes): the same inputs, checks
 * and paging, differing only in the path, the default fields and the wording.
 */
import { input } from "@prismatic-io/spectral";
import { exampleListInfo } from "../../src/crm/examples";
import { listCrm } from "../../src/crm/list";
import { paging, recordId, recordType } from "../../src/fields/crm";
import { cleanText, field } from "../../src/fields/field";
import { fieldList } from "../../src/fields/schemas";
import { zohoAction } from "../../src/step";

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

export const childListAction = ({ child, label, description, defaultFields, fieldsComment, example }: ChildList) =>
  zohoAction({
    display: { label, description },
    fields: {
      recordType,
      recordId,
      fields: field(
        input({ label: "Fields", type: "string", required: false, comments: fieldsComment, example: defaultFields.join(","), clean: cleanText }),
        () => fieldList().transform((list) => list ?? defaultFields),
      ),
      ...paging,
    },
    perform: async (_context, input, client) => {
      return { data: await listCrm(client, `/${input.recordType}/${input.recordId}/${child}`, { fields: input.fields.join(",") }, input) };
    },
    examplePayload: { data: { data: [example], info: exampleListInfo } },
  });
