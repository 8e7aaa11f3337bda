import { writeBatch } from "../../src/crm/recordWrites";
import { exampleBatch } from "../../src/crm/examples";
import { batchOptions, records } from "../../src/fields/batch";
import { recordType, trigger } from "../../src/fields/crm";
import { assignmentRule } from "../../src/fields/automation";
import { zohoAction } from "../../src/step";
import { withUploadedFiles } from "../../src/crm/fileFields";

export const crmCreateRecords = zohoAction({
  display: {
    label: "Create Records",
    description:
      "Create any number of CRM records (up to 100,000), 100 per call, several calls at once, and return every record's outcome. A call that failed after Zoho may have applied it is not resent: its records are reported OUTCOME_UNKNOWN.",
  },
  fields: { recordType, records, trigger, assignmentRule, ...batchOptions },
  perform: async (_context, input, client) => {
    const operation = { kind: "create" as const, module: input.recordType, trigger: input.trigger, larId: input.assignmentRule };
    return { data: await writeBatch(client, operation, await withUploadedFiles(client, input.records), input) };
  },
  examplePayload: { data: exampleBatch("record added") },
});
