import { exampleListInfo } from "../../src/crm/examples";
import { assertPaging, listCrm } from "../../src/crm/list";
import { exampleLead } from "../../src/examples";
import { withInput } from "../../src/fields/field";
import { fields, paging, recordType, sortBy, sortOrder } from "../../src/fields/crm";
import { defaultFieldNames } from "../../src/crm/metadata";
import { zohoAction } from "../../src/step";

export const crmGetRecords = zohoAction({
  display: {
    label: "Get Records",
    description: "List the records of a CRM module, one page or every page (up to 100,000 records).",
  },
  fields: {
    recordType,
    fields: withInput(fields, {
      comments: "Comma-separated field API names to return (at most 50). Zoho requires a list: leave empty for only id, Created_Time and Modified_Time.",
    }),
    page: paging.page,
    per_page: paging.per_page,
    page_token: paging.page_token,
    sort_order: sortOrder,
    sort_by: sortBy,
    fetchAll: paging.fetchAll,
  },
  perform: async (_context, input, client) => {
    assertPaging(input);
    const query = {
      fields: (input.fields ?? (await defaultFieldNames(client, input.recordType))).join(","),
      sort_by: input.sort_by,
      sort_order: input.sort_order,
    };
    return { data: await listCrm(client, `/${input.recordType}`, query, input) };
  },
  examplePayload: { data: { data: [exampleLead], info: exampleListInfo } },
});
