import { action } from "@prismatic-io/spectral";
import { z } from "zod";
import { triggerList, writeOne } from "../../src/batch";
import { exampleWriteDetails } from "../../src/crmExamples";
import { clientFor } from "../../src/context";
import { connectionInput, debugRequest, dynamicValues, fieldValues, recordType, trigger } from "../../src/inputs";
import { jsonObject, keyValueList, moduleName, parseInputs, recordValues } from "../../src/validate";

const schema = z
  .object({ recordType: moduleName, dynamicValues: jsonObject, fieldValues: keyValueList, trigger: triggerList })
  .transform(({ dynamicValues, fieldValues, ...rest }) => ({ ...rest, record: recordValues(dynamicValues, fieldValues) }))
  .refine((v) => Object.keys(v.record).length > 0, { path: ["fieldValues"], message: "give the new record's fields in Field Values or Dynamic Values" });

export const crmCreateRecord = action({
  display: {
    label: "Create Record",
    description: "Create one CRM record and return its id and creation details.",
  },
  inputs: { connection: connectionInput, recordType, fieldValues, dynamicValues, trigger, debugRequest },
  perform: async (context, params) => {
    const input = parseInputs(schema, params, { recordType: "Module", fieldValues: "Field Values", dynamicValues: "Dynamic Values", trigger: "Trigger" });
    const client = clientFor(context, params);
    const details = await writeOne(client, { kind: "create", module: input.recordType, trigger: input.trigger }, input.record);
    return { data: details };
  },
  examplePayload: { data: exampleWriteDetails },
});
