import { input } from "@prismatic-io/spectral";
import { z } from "zod/v3";
import { exampleListInfo } from "../../src/crm/examples";
import { listCrm } from "../../src/crm/list";
import { exampleLead } from "../../src/examples";
import { cleanText, field } from "../../src/fields/field";
import { paging, recordId, recordType } from "../../src/fields/crm";
import { fieldList } from "../../src/fields/schemas";
import { zohoAction } from "../../src/step";

/** Offered from the module's related-list metadata (selectCrmRelatedList), so builders need not know the API name. */
const relatedList = field(
  input({
    label: "Related List",
    type: "string",
    required: true,
    dataSource: "selectCrmRelatedList",
    comments:
      "The related list's API name as Zoho names it under the record, e.g. Contacts, Deals or Products: pick it from the Module's related lists (Notes and Attachments have their own actions).",
    example: "Contacts",
    clean: cleanText,
  }),
  () =>
    z.preprocess(
      (v) => (typeof v === "string" ? v.trim() : v),
      z
        .string({ message: "pick a related list" })
        .min(1, "pick a related list")
        .regex(/^[A-Za-z][A-Za-z0-9_]*$/, "must be a related list's API name without spaces, e.g. Contacts or Deals (pick it from the list)"),
    ),
);

/** Zoho requires `fields` here, and they belong to the related module, so there is no default. */
const relatedFields = field(
  input({
    label: "Fields",
    type: "string",
    required: true,
    comments: "Comma-separated field API names of the related records to return (at most 50).",
    example: "Last_Name,Email",
    clean: cleanText,
  }),
  () =>
    fieldList().transform((list, ctx) => {
      if (list) return list;
      ctx.addIssue({ code: "custom", message: "enter the related records' field API names, e.g. Last_Name,Email (Zoho requires them)" });
      return z.NEVER;
    }),
);

export const crmGetRelatedRecords = zohoAction({
  display: {
    label: "Get Related Records",
    description: "List the records of a related list of a CRM record, e.g. an account's Contacts or Deals.",
  },
  fields: { recordType, recordId, relatedList, fields: relatedFields, ...paging },
  perform: async (_context, input, client) => ({
    data: await listCrm(client, `/${input.recordType}/${input.recordId}/${input.relatedList}`, { fields: input.fields.join(",") }, input),
  }),
  examplePayload: {
    data: { data: [{ id: exampleLead.id, Last_Name: exampleLead.Last_Name, Email: exampleLead.Email }], info: exampleListInfo },
  },
});
