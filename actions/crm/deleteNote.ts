import { action } from "@prismatic-io/spectral";
import { z } from "zod";
import { writeOne } from "../../src/batch";
import { clientFor } from "../../src/context";
import { connectionInput, debugRequest } from "../../src/inputs";
import { parseInputs, recordId as zRecordId } from "../../src/validate";
import { noteId } from "./updateNote";

const schema = z.object({ noteId: zRecordId });

export const crmDeleteNote = action({
  display: {
    label: "Delete Note",
    description: "Delete a note from its record.",
  },
  inputs: { connection: connectionInput, noteId, debugRequest },
  perform: async (context, params) => {
    const input = parseInputs(schema, params, { noteId: "Note ID" });
    const client = clientFor(context, params);
    const details = await writeOne(client, { kind: "delete", module: "Notes", trigger: [] }, { id: input.noteId });
    return { data: { id: String(details.id ?? input.noteId) } };
  },
  examplePayload: { data: { id: "5725767000000612001" } },
});
