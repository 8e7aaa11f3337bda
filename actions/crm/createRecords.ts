import { action } from "@prismatic-io/spectral";
import { z } from "zod";
import { batchLabels, batchOptions, batchRecords, concurrency, continueOnFailure, exampleBatch, records, writeBatch } from "../../src/batch";
import { clientFor } from "../../src/context";
import { connectionInput, debugRequest, recordType, trigger } from "../../src/inputs";
import { moduleName, parseInputs } from "../../src/validate";

const schema = z.object({ recordType: moduleName, records: batchRecords(false), ...batchOptions });

export const crmCreateRecords = action({
  display: {
    label: "Create Records",
    description:
      "Create any number of CRM records (up to 100,000), 100 per call, several calls at once, and return every record's outcome. A call that failed after Zoho may have applied it is not resent: its records are reported OUTCOME_UNKNOWN.",
  },
  inputs: { connection: connectionInput, recordType, records, trigger, concurrency, continueOnFailure, debugRequest },
  perform: async (context, params) => {
    const input = parseInputs(schema, params, { ...batchLabels, records: "Records" });
    const operation = { kind: "create" as const, module: input.recordType, trigger: input.trigger };
    return { data: await writeBatch(clientFor(context, params), operation, input.records, input) };
  },
  examplePayload: { data: exampleBatch("record added") },
});
