import { action, input } from "@prismatic-io/spectral";
import { z } from "zod";
import { writeOne } from "../../src/batch";
import { clientFor } from "../../src/context";
import { exampleWriteDetails } from "../../src/crmExamples";
import { cleanText, connectionInput, debugRequest, recordId, recordType } from "../../src/inputs";
import { moduleName, optionalText, parseInputs, recordId as zRecordId, requiredText } from "../../src/validate";

export const noteTitle = input({
  label: "Note Title",
  type: "string",
  required: false,
  comments: "The note's title (Note_Title).",
  example: "Call summary",
  clean: cleanText,
});

export const noteContent = input({
  label: "Note Content",
  type: "text",
  required: true,
  comments: "The note's text (Note_Content).",
  example: "Asked for a quote for 20 seats.",
  clean: cleanText,
});

const schema = z.object({ recordType: moduleName, recordId: zRecordId, noteTitle: optionalText, noteContent: requiredText("the note's text") });

export const crmCreateNote = action({
  display: {
    label: "Create Note",
    description: "Add a note to a CRM record.",
  },
  inputs: { connection: connectionInput, recordType, recordId, noteTitle, noteContent, debugRequest },
  perform: async (context, params) => {
    const input = parseInputs(schema, params, { recordType: "Module", recordId: "Record ID", noteTitle: "Note Title", noteContent: "Note Content" });
    const client = clientFor(context, params);
    const details = await writeOne(client, { kind: "create", module: "Notes", trigger: [] }, {
      Note_Title: input.noteTitle,
      Note_Content: input.noteContent,
      Parent_Id: { module: { api_name: input.recordType }, id: input.recordId },
    });
    return { data: details };
  },
  examplePayload: { data: exampleWriteDetails },
});
