import { writeBatch } from "../../src/crm/recordWrites";
import { exampleBatch } from "../../src/crm/examples";
import { batchOptions, recordsWithId } from "../../src/fields/batch";
import { recordType, trigger } from "../../src/fields/crm";
import { zohoAction } from "../../src/step";
import { withUploadedFiles } from "../../src/crm/fileFields";

export const crmUpdateRecords = zohoAction({
  display: {
    label: "Update Records",
    description: "Update any number of CRM records by id (up to 100,000), 100 per call, several calls at once, and return every record's outcome.",
  },
  fields: { recordType, records: recordsWithId, trigger, ...batchOptions },
  perform: async (_context, input, client) => {
    const operation = { kind: "update" as const, module: input.recordType, trigger: input.trigger };
    return { data: await writeBatch(client, operation, await withUploadedFiles(client, input.records), input) };
  },
  examplePayload: { data: exampleBatch("record updated") },
});
