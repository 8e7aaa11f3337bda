import { ZohoError } from "../../src/http/errors";
import { exampleLead } from "../../src/examples";
import { fields, recordId, recordType } from "../../src/fields/crm";
import { zohoAction } from "../../src/step";

export const crmGetRecord = zohoAction({
  display: {
    label: "Get Record",
    description: "Get one CRM record by its id.",
  },
  fields: { recordType, recordId, fields },
  perform: async (_context, input, client) => {
    const response = await client.request({
      api: "crm",
      path: `/${input.recordType}/${input.recordId}`,
      params: input.fields ? { fields: input.fields.join(",") } : undefined,
    });
    const record = response.data?.data?.[0];
    if (!record) {
      throw new ZohoError(`No ${input.recordType} record has id ${input.recordId}: check the id and the module.`, { status: 404 });
    }
    return { data: record };
  },
  examplePayload: { data: exampleLead },
});
