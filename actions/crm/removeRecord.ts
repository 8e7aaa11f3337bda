import { writeOne } from "../../src/crm/recordWrites";
import { exampleLead } from "../../src/examples";
import { deleteTrigger, recordId, recordType } from "../../src/fields/crm";
import { zohoAction } from "../../src/step";

export const crmRemoveRecord = zohoAction({
  display: {
    label: "Delete Record",
    description: "Delete one CRM record by its id (it goes to Zoho's Recycle Bin).",
  },
  fields: { recordType, recordId, trigger: deleteTrigger },
  perform: async (_context, input, client) => {
    const details = await writeOne(client, { kind: "delete", module: input.recordType, trigger: input.trigger }, { id: input.recordId });
    return { data: details };
  },
  examplePayload: { data: { id: exampleLead.id } },
});
