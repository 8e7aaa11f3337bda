import { input } from "@prismatic-io/spectral";
import { writeBatch } from "../../src/crm/recordWrites";
import { exampleBatch, exampleWriteDetails } from "../../src/crm/examples";
import { batchOptions, records } from "../../src/fields/batch";
import { recordType, trigger } from "../../src/fields/crm";
import { cleanText, field } from "../../src/fields/field";
import { fieldList } from "../../src/fields/schemas";
import { assignmentRule } from "../../src/fields/automation";
import { zohoAction } from "../../src/step";
import { withUploadedFiles } from "../../src/crm/fileFields";

const duplicateCheckFields = field(
  input({
    label: "Duplicate Check Fields",
    type: "string",
    required: false,
    dataSource: "selectCrmFields",
    comments:
      "Comma-separated field API names that identify an existing record (e.g. Email). A record matching one is updated, otherwise created. Empty uses the module's unique fields. With these fields set on every record, a call that failed midway is safely resent.",
    example: "Email",
    clean: cleanText,
  }),
  () => fieldList(),
);

export const crmUpsertRecords = zohoAction({
  display: {
    label: "Upsert Records",
    description:
      "Create or update any number of CRM records (up to 100,000) by duplicate check fields, 100 per call, several calls at once, and return every record's outcome.",
  },
  fields: { recordType, records, duplicate_check_fields: duplicateCheckFields, trigger, assignmentRule, ...batchOptions },
  perform: async (_context, input, client) => {
    const operation = {
      kind: "upsert" as const,
      module: input.recordType,
      trigger: input.trigger,
      duplicateCheckFields: input.duplicate_check_fields,
      larId: input.assignmentRule,
    };
    return { data: await writeBatch(client, operation, await withUploadedFiles(client, input.records), input) };
  },
  examplePayload: { data: exampleBatch("record added", { ...exampleWriteDetails, action: "insert", duplicate_field: null }) },
});
