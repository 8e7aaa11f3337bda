import { writeOne } from "../../src/crm/recordWrites";
import { noteId } from "../../src/fields/crm";
import { zohoAction } from "../../src/step";

export const crmDeleteNote = zohoAction({
  display: {
    label: "Delete Note",
    description: "Delete a note from its record.",
  },
  fields: { noteId },
  perform: async (_context, input, client) => {
    const details = await writeOne(client, { kind: "delete", module: "Notes", trigger: [] }, { id: input.noteId });
    return { data: { id: String(details.id ?? input.noteId) } };
  },
  examplePayload: { data: { id: "5725767000000612001" } },
});
