import { writeOne } from "../../src/crm/recordWrites";
import { exampleWriteDetails } from "../../src/crm/examples";
import { dynamicValues, fieldValues, recordType, withRecordValues, trigger } from "../../src/fields/crm";
import { assignmentRule } from "../../src/fields/automation";
import { zohoAction } from "../../src/step";
import { withUploadedFile } from "../../src/crm/fileFields";
import { withLineItems } from "../../src/crm/lineItems";

export const crmCreateRecord = zohoAction({
  display: {
    label: "Create Record",
    description: "Create one CRM record and return its id and creation details.",
  },
  fields: { recordType, fieldValues, dynamicValues, trigger, assignmentRule },
  refine: (schema) => withRecordValues(schema, "give the new record's fields in Field Values or Dynamic Values"),
  perform: async (_context, input, client) => {
    const details = await writeOne(
      client,
      { kind: "create", module: input.recordType, trigger: input.trigger, larId: input.assignmentRule },
      await withUploadedFile(client, withLineItems(input.recordType, input.record)),
    );
    return { data: details };
  },
  examplePayload: { data: exampleWriteDetails },
});
