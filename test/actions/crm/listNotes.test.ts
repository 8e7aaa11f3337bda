import { crmCreateNote } from "../../../actions/crm/createNote";
import { crmListNotes } from "../../../actions/crm/listNotes";
import { useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { expectNoRequest, run } from "../books/harness";

const sandbox = useSandbox();

it("lists only the record's notes, a page at a time or all", async () => {
  const s = sandbox();
  const [lead, other] = s.seedCrm({ module: "Leads", count: 2 });
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) ids.push((await run(crmCreateNote, s, { recordType: "Leads", recordId: lead.id, noteContent: `note ${i}` })).data.id);
  await run(crmCreateNote, s, { recordType: "Leads", recordId: other.id, noteContent: "elsewhere" });

  const before = s.log.length;
  const first = await run(crmListNotes, s, { recordType: "Leads", recordId: lead.id, per_page: "2" });
  expect(first.data.data.map((n: any) => n.Note_Content)).toEqual(["note 0", "note 1"]);
  expect(first.data.info).toEqual({ count: 2, more_records: true, next_page_token: null });
  expect(s.log[before]).toMatchObject({
    path: `/crm/v8/Leads/${lead.id}/Notes`,
    query: { fields: expect.stringContaining("Note_Content"), page: "1", per_page: "2" },
  });
  expectSameShape(first, crmListNotes.examplePayload);

  const all = await run(crmListNotes, s, { recordType: "Leads", recordId: lead.id, fetchAll: true, per_page: "2" });
  expect(all.data.data.map((n: any) => n.id)).toEqual(ids);
});

it("rejects bad input before any request", async () => {
  const s = sandbox();
  await expectNoRequest(s, async () => {
    await expect(run(crmListNotes, s, { recordType: "Leads", recordId: "5725767000000000001", page: "0" })).rejects.toThrow(/"Page".*at least 1/);
    await expect(run(crmListNotes, s, { recordType: "Lea ds", recordId: "5725767000000000001" })).rejects.toThrow(/"Module"/);
  });
});

it("reports Zoho's INVALID_DATA for a record that does not exist", async () => {
  const s = sandbox();
  await expect(run(crmListNotes, s, { recordType: "Leads", recordId: "5725767000009999999" })).rejects.toThrow(/HTTP 400\) INVALID_DATA/);
});
