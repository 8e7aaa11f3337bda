import { action } from "@prismatic-io/spectral";
import { z } from "zod";
import { defaultFieldNames } from "../../src/metadata";
import { clientFor } from "../../src/context";
import { exampleListInfo } from "../../src/crmExamples";
import { assertPaging, listCrm, pagingLabels, pagingSchema } from "../../src/crmList";
import { exampleLead } from "../../src/examples";
import { connectionInput, debugRequest, fetchAll, fields, page, pageToken, perPage, recordType, sortBy, sortOrder } from "../../src/inputs";
import { fieldList, moduleName, parseInputs } from "../../src/validate";

/** Zoho requires a field list to list records; these exist in every module (id always comes back). */

const optionalChoice = <T extends string>(values: [T, ...T[]]) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), z.enum(values, { error: `must be one of ${values.join(", ")}` }).optional());

const schema = z.object({
  recordType: moduleName,
  fields: fieldList(),
  sort_order: optionalChoice(["asc", "desc"]),
  sort_by: optionalChoice(["id", "Created_Time", "Modified_Time"]),
  ...pagingSchema,
});

export const crmGetRecords = action({
  display: {
    label: "Get Records",
    description: "List the records of a CRM module, one page or every page (up to 100,000 records).",
  },
  inputs: {
    connection: connectionInput,
    recordType,
    fields: {
      ...fields,
      comments: "Comma-separated field API names to return (at most 50). Zoho requires a list: leave empty for only id, Created_Time and Modified_Time.",
    },
    page,
    per_page: perPage,
    page_token: pageToken,
    sort_order: sortOrder,
    sort_by: sortBy,
    fetchAll,
    debugRequest,
  },
  perform: async (context, params) => {
    const input = parseInputs(schema, params, { recordType: "Module", fields: "Fields", sort_order: "Sort Order", sort_by: "Sort By", ...pagingLabels });
    assertPaging(input);
    const client = clientFor(context, params);
    const query = { fields: (input.fields ?? (await defaultFieldNames(client, input.recordType))).join(","), sort_by: input.sort_by, sort_order: input.sort_order };
    return { data: await listCrm(client, `/${input.recordType}`, query, input) };
  },
  examplePayload: { data: { data: [exampleLead], info: exampleListInfo } },
});
