import { action } from "@prismatic-io/spectral";
import { z } from "zod";
import { deleteTrigger, triggerList, writeOne } from "../../src/batch";
import { clientFor } from "../../src/context";
import { connectionInput, debugRequest, recordId, recordType } from "../../src/inputs";
import { exampleLead } from "../../src/examples";
import { moduleName, parseInputs, recordId as zRecordId } from "../../src/validate";

const schema = z.object({ recordType: moduleName, recordId: zRecordId, trigger: triggerList });

export const crmRemoveRecord = action({
  display: {
    label: "Delete Record",
    description: "Delete one CRM record by its id (it goes to Zoho's Recycle Bin).",
  },
  inputs: { connection: connectionInput, recordType, recordId, trigger: deleteTrigger, debugRequest },
  perform: async (context, params) => {
    const input = parseInputs(schema, params, { recordType: "Module", recordId: "Record ID", trigger: "Trigger" });
    const client = clientFor(context, params);
    const details = await writeOne(client, { kind: "delete", module: input.recordType, trigger: input.trigger }, { id: input.recordId });
    return { data: details };
  },
  examplePayload: { data: { id: exampleLead.id } },
});
