import { writeOne } from "../../src/crm/recordWrites";
import { exampleWriteDetails } from "../../src/crm/examples";
import { dynamicValues, fieldValues, recordId, recordType, withRecordValues, trigger } from "../../src/fields/crm";
import { zohoAction } from "../../src/step";
import { withUploadedFile } from "../../src/crm/fileFields";

export const crmUpdateRecord = zohoAction({
  display: {
    label: "Update Record",
    description: "Change fields of one CRM record by its id and return its modification details.",
  },
  fields: { recordType, recordId, fieldValues, dynamicValues, trigger },
  refine: (schema) => withRecordValues(schema, "give the fields to change in Field Values or Dynamic Values"),
  perform: async (_context, input, client) => {
    const operation = { kind: "update" as const, module: input.recordType, trigger: input.trigger };
    const details = await writeOne(client, operation, await withUploadedFile(client, { ...input.record, id: input.recordId }));
    return { data: details };
  },
  examplePayload: { data: exampleWriteDetails },
});
