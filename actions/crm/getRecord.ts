import { action } from "@prismatic-io/spectral";
import { z } from "zod";
import { clientFor } from "../../src/context";
import { connectionInput, debugRequest, fields, recordId, recordType } from "../../src/inputs";
import { fieldList, moduleName, parseInputs, recordId as zRecordId } from "../../src/validate";
import { ZohoError } from "../../src/errors";
import { exampleLead } from "../../src/examples";

const schema = z.object({ recordType: moduleName, recordId: zRecordId, fields: fieldList() });

export const crmGetRecord = action({
  display: {
    label: "Get Record",
    description: "Get one CRM record by its id.",
  },
  inputs: { connection: connectionInput, recordType, recordId, fields, debugRequest },
  perform: async (context, params) => {
    const input = parseInputs(schema, params, { recordType: "Module", recordId: "Record ID", fields: "Fields" });
    const client = clientFor(context, params);
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
