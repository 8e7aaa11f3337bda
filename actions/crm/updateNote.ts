import { writeOne } from "../../src/crm/recordWrites";
import { exampleWriteDetails } from "../../src/crm/examples";
import { noteContent, noteId, noteTitle } from "../../src/fields/crm";
import { withInput, withSchema } from "../../src/fields/field";
import { optionalText } from "../../src/fields/schemas";
import { zohoAction } from "../../src/step";

const newContent = withSchema(withInput(noteContent, { required: false, comments: "The note's new text. Leave empty to keep it." }), optionalText);

export const crmUpdateNote = zohoAction({
  display: {
    label: "Update Note",
    description: "Change the title or text of a note.",
  },
  fields: { noteId, noteTitle, noteContent: newContent },
  refine: (schema) =>
    schema.refine((input) => input.noteTitle !== undefined || input.noteContent !== undefined, {
      path: ["noteContent"],
      message: "enter a new title or content: there is nothing to change",
    }),
  perform: async (_context, input, client) => {
    const details = await writeOne(
      client,
      { kind: "update", module: "Notes", trigger: [] },
      {
        id: input.noteId,
        Note_Title: input.noteTitle,
        Note_Content: input.noteContent,
      },
    );
    return { data: details };
  },
  examplePayload: { data: exampleWriteDetails },
});
