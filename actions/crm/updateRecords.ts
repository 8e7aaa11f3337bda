import { action } from "@prismatic-io/spectral";
import { z } from "zod";
import { batchLabels, batchOptions, batchRecords, concurrency, continueOnFailure, exampleBatch, recordsWithId, writeBatch } from "../../src/batch";
import { clientFor } from "../../src/context";
import { connectionInput, debugRequest, recordType, trigger } from "../../src/inputs";
import { moduleName, parseInputs } from "../../src/validate";

const schema = z.object({ recordType: moduleName, records: batchRecords(true), ...batchOptions });

export const crmUpdateRecords = action({
  display: {
    label: "Update Records",
    description: "Update any number of CRM records by id (up to 100,000), 100 per call, several calls at once, and return every record's outcome.",
  },
  inputs: { connection: connectionInput, recordType, records: recordsWithId, trigger, concurrency, continueOnFailure, debugRequest },
  perform: async (context, params) => {
    const input = parseInputs(schema, params, { ...batchLabels, records: "Records" });
    const operation = { kind: "update" as const, module: input.recordType, trigger: input.trigger };
    return { data: await writeBatch(clientFor(context, params), operation, input.records, input) };
  },
  examplePayload: { data: exampleBatch("record updated") },
});
