import { crmCreateNote } from "../../../actions/crm/createNote";
import { crmDeleteNote } from "../../../actions/crm/deleteNote";
import { useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { expectNoRequest, run } from "../books/harness";

const sandbox = useSandbox();

it("deletes the note", async () => {
  const s = sandbox();
  const [lead] = s.seedCrm({ module: "Leads", count: 1 });
  const { data: note } = await run(crmCreateNote, s, { recordType: "Leads", recordId: lead.id, noteContent: "bye" });
  const before = s.log.length;
  const result = await run(crmDeleteNote, s, { noteId: note.id });
  expect(result).toEqual({ data: { id: note.id } });
  expectSameShape(result, crmDeleteNote.examplePayload);
  expect(s.log[before]).toMatchObject({ method: "DELETE", path: "/crm/v8/Notes", query: expect.objectContaining({ ids: note.id }) });
  expect(s.state.crm.records.get("Notes")!.has(note.id)).toBe(false);
});

it("rejects a bad id before any request", async () => {
  const s = sandbox();
  await expectNoRequest(s, () => expect(run(crmDeleteNote, s, { noteId: "" })).rejects.toThrow(/"Note ID"/));
});

it("reports Zoho's INVALID_DATA for a note that does not exist", async () => {
  const s = sandbox();
  await expect(run(crmDeleteNote, s, { noteId: "5725767000009999999" })).rejects.toThrow(/Zoho did not delete the Notes record: INVALID_DATA/);
});
