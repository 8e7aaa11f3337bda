import { action, input } from "@prismatic-io/spectral";
import { z } from "zod";
import { writeOne } from "../../src/batch";
import { clientFor } from "../../src/context";
import { exampleWriteDetails } from "../../src/crmExamples";
import { cleanText, connectionInput, debugRequest } from "../../src/inputs";
import { optionalText, parseInputs, recordId as zRecordId } from "../../src/validate";
import { noteContent, noteTitle } from "./createNote";

export const noteId = input({
  label: "Note ID",
  type: "string",
  required: true,
  comments: "The id of the note, from List Notes or Create Note.",
  example: "5725767000000612001",
  clean: cleanText,
});

const schema = z
  .object({ noteId: zRecordId, noteTitle: optionalText, noteContent: optionalText })
  .refine((input) => input.noteTitle !== undefined || input.noteContent !== undefined, {
    path: ["noteContent"],
    message: "enter a new title or content: there is nothing to change",
  });

export const crmUpdateNote = action({
  display: {
    label: "Update Note",
    description: "Change the title or text of a note.",
  },
  inputs: { connection: connectionInput, noteId, noteTitle, noteContent: { ...noteContent, required: false, comments: "The note's new text. Leave empty to keep it." }, debugRequest },
  perform: async (context, params) => {
    const input = parseInputs(schema, params, { noteId: "Note ID", noteTitle: "Note Title", noteContent: "Note Content" });
    const client = clientFor(context, params);
    const details = await writeOne(client, { kind: "update", module: "Notes", trigger: [] }, {
      id: input.noteId,
      Note_Title: input.noteTitle,
      Note_Content: input.noteContent,
    });
    return { data: details };
  },
  examplePayload: { data: exampleWriteDetails },
});
