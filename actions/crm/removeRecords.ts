import { writeBatch } from "../../src/crm/recordWrites";
import { exampleBatch } from "../../src/crm/examples";
import { exampleLead } from "../../src/examples";
import { batchOptions, recordIds } from "../../src/fields/batch";
import { deleteTrigger, recordType } from "../../src/fields/crm";
import { zohoAction } from "../../src/step";

export const crmRemoveRecords = zohoAction({
  display: {
    label: "Delete Records",
    description:
      "Delete any number of CRM records by id (up to 100,000; they go to Zoho's Recycle Bin), 100 per call, several calls at once, and return every record's outcome.",
  },
  fields: { recordType, recordIds, trigger: deleteTrigger, ...batchOptions },
  perform: async (_context, input, client) => {
    const operation = { kind: "delete" as const, module: input.recordType, trigger: input.trigger };
    return {
      data: await writeBatch(
        client,
        operation,
        input.recordIds.map((id) => ({ id })),
        input,
      ),
    };
  },
  examplePayload: { data: exampleBatch("record deleted", { id: exampleLead.id }) },
});
