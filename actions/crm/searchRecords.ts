import { input } from "@prismatic-io/spectral";
import { exampleListInfo } from "../../src/crm/examples";
import { listCrm } from "../../src/crm/list";
import { exampleLead } from "../../src/examples";
import { fields, paging, recordType } from "../../src/fields/crm";
import { cleanText, field, withInput } from "../../src/fields/field";
import { optionalText } from "../../src/fields/schemas";
import { zohoAction } from "../../src/step";

/** Zoho's search returns no match past the 2,000th (and has no page token to go further). */
const SEARCH_LIMIT = 2_000;
const BY = ["criteria", "email", "phone", "word"] as const;

const searchBy = (label: string, comments: string, example: string) =>
  field(
    input({ label, type: "string", required: false, comments: `${comments} Fill exactly one of Criteria, Email, Phone and Word.`, example, clean: cleanText }),
    optionalText,
  );

export const crmSearchRecords = zohoAction({
  display: {
    label: "Search Records",
    description: "Find CRM records by criteria, email, phone or word (Zoho returns at most the first 2,000 matches).",
  },
  fields: {
    recordType,
    criteria: searchBy(
      "Criteria",
      "Zoho search criteria: (field:operator:value), joined with and/or.",
      "((Last_Name:equals:Smith)and(Company:starts_with:Ac))",
    ),
    email: searchBy("Email", "Find records whose email fields equal this address.", "jane.smith@example.com"),
    phone: searchBy("Phone", "Find records whose phone fields match this number.", "+1 555 0100"),
    word: searchBy("Word", "Find records with this word in any text field.", "Acme"),
    fields,
    page: paging.page,
    per_page: paging.per_page,
    fetchAll: withInput(paging.fetchAll, { comments: "Read every page of matches (Zoho stops at 2,000). Page is ignored." }),
  },
  refine: (schema) =>
    schema
      .refine((v) => BY.filter((k) => v[k] !== undefined).length === 1, {
        path: ["criteria"],
        message: "fill exactly one of Criteria, Email, Phone and Word",
      })
      .refine((v) => v.fetchAll || v.page * v.per_page <= SEARCH_LIMIT, {
        path: ["page"],
        message: `Zoho's search returns only the first ${SEARCH_LIMIT} matches, and this page reaches past them: narrow the search or lower Page`,
      }),
  perform: async (_context, input, client) => {
    const by = BY.find((k) => input[k] !== undefined) as (typeof BY)[number];
    const query = { [by]: input[by], fields: input.fields?.join(",") };
    return { data: await listCrm(client, `/${input.recordType}/search`, query, input) };
  },
  examplePayload: { data: { data: [exampleLead], info: exampleListInfo } },
});
