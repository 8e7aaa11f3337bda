import { action } from "@prismatic-io/spectral";
import { z } from "zod";
import { triggerList, writeOne } from "../../src/batch";
import { exampleWriteDetails } from "../../src/crmExamples";
import { clientFor } from "../../src/context";
import { connectionInput, debugRequest, dynamicValues, fieldValues, recordId, recordType, trigger } from "../../src/inputs";
import { jsonObject, keyValueList, moduleName, parseInputs, recordId as zRecordId, recordValues } from "../../src/validate";

const schema = z
  .object({ recordType: moduleName, recordId: zRecordId, dynamicValues: jsonObject, fieldValues: keyValueList, trigger: triggerList })
  .transform(({ dynamicValues, fieldValues, ...rest }) => ({ ...rest, changes: recordValues(dynamicValues, fieldValues) }))
  .refine((v) => Object.keys(v.changes).length > 0, { path: ["fieldValues"], message: "give the fields to change in Field Values or Dynamic Values" });

export const crmUpdateRecord = action({
  display: {
    label: "Update Record",
    description: "Change fields of one CRM record by its id and return its modification details.",
  },
  inputs: { connection: connectionInput, recordType, recordId, fieldValues, dynamicValues, trigger, debugRequest },
  perform: async (context, params) => {
    const input = parseInputs(schema, params, {
      recordType: "Module",
      recordId: "Record ID",
      fieldValues: "Field Values",
      dynamicValues: "Dynamic Values",
      trigger: "Trigger",
    });
    const client = clientFor(context, params);
    const operation = { kind: "update" as const, module: input.recordType, trigger: input.trigger };
    const details = await writeOne(client, operation, { ...input.changes, id: input.recordId });
    return { data: details };
  },
  examplePayload: { data: exampleWriteDetails },
});
