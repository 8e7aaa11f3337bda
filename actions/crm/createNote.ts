import { writeOne } from "../../src/crm/recordWrites";
import { exampleWriteDetails } from "../../src/crm/examples";
import { noteContent, noteTitle, recordId, recordType } from "../../src/fields/crm";
import { zohoAction } from "../../src/step";

export const crmCreateNote = zohoAction({
  display: {
    label: "Create Note",
    description: "Add a note to a CRM record.",
  },
  fields: { recordType, recordId, noteTitle, noteContent },
  perform: async (_context, input, client) => {
    const details = await writeOne(
      client,
      { kind: "create", module: "Notes", trigger: [] },
      {
        Note_Title: input.noteTitle,
        Note_Content: input.noteContent,
        Parent_Id: { module: { api_name: input.recordType }, id: input.recordId },
      },
    );
    return { data: details };
  },
  examplePayload: { data: exampleWriteDetails },
});
