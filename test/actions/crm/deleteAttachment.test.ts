import { crmAddAttachment } from "../../../actions/crm/addAttachment";
import { crmDeleteAttachment } from "../../../actions/crm/deleteAttachment";
import { useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { expectNoRequest, run } from "../books/harness";

const sandbox = useSandbox();

it("deletes one attachment of a record and leaves the others", async () => {
  const s = sandbox();
  const [lead] = s.seedCrm({ module: "Leads", count: 1 });
  const add = (name: string) => run(crmAddAttachment, s, { recordType: "Leads", recordId: lead.id, file: Buffer.from(name), fileName: name });
  const [gone, kept] = [(await add("a.txt")).data.id, (await add("b.txt")).data.id];
  const before = s.log.length;
  const result = await run(crmDeleteAttachment, s, { recordType: "Leads", recordId: lead.id, attachmentId: gone });
  expect(result).toEqual({ data: expect.objectContaining({ id: gone }) });
  expectSameShape(result, crmDeleteAttachment.examplePayload);
  expect(s.log.slice(before)).toEqual([expect.objectContaining({ method: "DELETE", path: `/crm/v8/Leads/${lead.id}/Attachments/${gone}` })]);
  expect([...(s.state.crm.attachments as Map<string, unknown>).keys()]).toContain(kept);
  expect([...(s.state.crm.attachments as Map<string, unknown>).keys()]).not.toContain(gone);
});

it("rejects bad ids before any request", async () => {
  const s = sandbox();
  await expectNoRequest(s, () =>
    expect(run(crmDeleteAttachment, s, { recordType: "Leads", recordId: "5725767000000000001", attachmentId: "12ab" })).rejects.toThrow(/"Attachment ID"/),
  );
});

it("reports Zoho's INVALID_DATA for an attachment that is not there", async () => {
  const s = sandbox();
  const [lead] = s.seedCrm({ module: "Leads", count: 1 });
  await expect(run(crmDeleteAttachment, s, { recordType: "Leads", recordId: lead.id, attachmentId: "5725767000009999999" })).rejects.toThrow(/INVALID_DATA/);
});
