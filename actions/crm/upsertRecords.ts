import { action, input } from "@prismatic-io/spectral";
import { z } from "zod";
import { batchLabels, batchOptions, batchRecords, concurrency, continueOnFailure, exampleBatch, records, writeBatch } from "../../src/batch";
import { exampleWriteDetails } from "../../src/crmExamples";
import { clientFor } from "../../src/context";
import { cleanText, connectionInput, debugRequest, recordType, trigger } from "../../src/inputs";
import { fieldList, moduleName, parseInputs } from "../../src/validate";

const duplicateCheckFields = input({
  label: "Duplicate Check Fields",
  type: "string",
  required: false,
  dataSource: "selectCrmFields",
  comments:
    "Comma-separated field API names that identify an existing record (e.g. Email). A record matching one is updated, otherwise created. Empty uses the module's unique fields. With these fields set on every record, a call that failed midway is safely resent.",
  example: "Email",
  clean: cleanText,
});

const schema = z.object({
  recordType: moduleName,
  records: batchRecords(false),
  duplicate_check_fields: fieldList(),
  ...batchOptions,
});

export const crmUpsertRecords = action({
  display: {
    label: "Upsert Records",
    description: "Create or update any number of CRM records (up to 100,000) by duplicate check fields, 100 per call, several calls at once, and return every record's outcome.",
  },
  inputs: { connection: connectionInput, recordType, records, duplicate_check_fields: duplicateCheckFields, trigger, concurrency, continueOnFailure, debugRequest },
  perform: async (context, params) => {
    const input = parseInputs(schema, params, { ...batchLabels, records: "Records", duplicate_check_fields: "Duplicate Check Fields" });
    const operation = { kind: "upsert" as const, module: input.recordType, trigger: input.trigger, duplicateCheckFields: input.duplicate_check_fields };
    return { data: await writeBatch(clientFor(context, params), operation, input.records, input) };
  },
  examplePayload: { data: exampleBatch("record added", { ...exampleWriteDetails, action: "insert", duplicate_field: null }) },
});
