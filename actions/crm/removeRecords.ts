import { action } from "@prismatic-io/spectral";
import { z } from "zod";
import { batchLabels, batchOptions, concurrency, deleteTrigger, continueOnFailure, exampleBatch, recordIdList, recordIds, writeBatch } from "../../src/batch";
import { clientFor } from "../../src/context";
import { exampleLead } from "../../src/examples";
import { connectionInput, debugRequest, recordType } from "../../src/inputs";
import { moduleName, parseInputs } from "../../src/validate";

const schema = z.object({ recordType: moduleName, recordIds: recordIdList, ...batchOptions });

export const crmRemoveRecords = action({
  display: {
    label: "Delete Records",
    description: "Delete any number of CRM records by id (up to 100,000; they go to Zoho's Recycle Bin), 100 per call, several calls at once, and return every record's outcome.",
  },
  inputs: {
    connection: connectionInput,
    recordType,
    recordIds,
    trigger: deleteTrigger,
    concurrency,
    continueOnFailure,
    debugRequest,
  },
  perform: async (context, params) => {
    const input = parseInputs(schema, params, { ...batchLabels, recordIds: "Record IDs" });
    const operation = { kind: "delete" as const, module: input.recordType, trigger: input.trigger };
    return { data: await writeBatch(clientFor(context, params), operation, input.recordIds.map((id) => ({ id })), input) };
  },
  examplePayload: { data: exampleBatch("record deleted", { id: exampleLead.id }) },
});
