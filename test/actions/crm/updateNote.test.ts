import { crmCreateNote } from "../../../actions/crm/createNote";
import { crmUpdateNote } from "../../../actions/crm/updateNote";
import { useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { expectNoRequest, run } from "../books/harness";

const sandbox = useSandbox();

it("changes only the parts given", async () => {
  const s = sandbox();
  const [lead] = s.seedCrm({ module: "Leads", count: 1 });
  const { data: note } = await run(crmCreateNote, s, { recordType: "Leads", recordId: lead.id, noteTitle: "Old", noteContent: "Old text" });
  const before = s.log.length;
  const result = await run(crmUpdateNote, s, { noteId: note.id, noteContent: "New text" });
  expect(result.data.id).toBe(note.id);
  expectSameShape(result, crmUpdateNote.examplePayload);
  expect(s.log[before]).toMatchObject({ method: "PUT", path: "/crm/v8/Notes", status: 200, body: { data: [{ id: note.id, Note_Content: "New text" }] } });
  expect(s.state.crm.records.get("Notes")!.get(note.id)).toMatchObject({ Note_Title: "Old", Note_Content: "New text" });
});

it("rejects bad input before any request", async () => {
  const s = sandbox();
  await expectNoRequest(s, async () => {
    await expect(run(crmUpdateNote, s, { noteId: "5725767000000000001" })).rejects.toThrow(/"Note Content".*nothing to change/);
    await expect(run(crmUpdateNote, s, { noteId: "note-1", noteTitle: "x" })).rejects.toThrow(/"Note ID"/);
  });
});

it("reports Zoho's INVALID_DATA for a note that does not exist", async () => {
  const s = sandbox();
  await expect(run(crmUpdateNote, s, { noteId: "5725767000009999999", noteTitle: "x" })).rejects.toThrow(/Zoho did not update the Notes record: INVALID_DATA/);
});
