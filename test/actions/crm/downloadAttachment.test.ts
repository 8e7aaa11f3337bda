import { crmAddAttachment } from "../../../actions/crm/addAttachment";
import { crmDownloadAttachment } from "../../../actions/crm/downloadAttachment";
import { crmListAttachments } from "../../../actions/crm/listAttachments";
import { useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { expectNoRequest, run } from "../books/harness";

const sandbox = useSandbox();

/** Every byte value in a pseudo-random order, so any text re-encoding or truncation shows. */
const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 131 + (i >> 8)) % 256));

it("round-trips a file byte for byte: add, list, download", async () => {
  const s = sandbox();
  const [lead] = s.seedCrm({ module: "Leads", count: 1 });
  const added = await run(crmAddAttachment, s, {
    recordType: "Leads",
    recordId: lead.id,
    file: { data: bytes, contentType: "image/png" },
    fileName: "photo.png",
  });
  const listed = await run(crmListAttachments, s, { recordType: "Leads", recordId: lead.id });
  expect(listed.data.data.map((a: any) => a.id)).toEqual([added.data.id]);

  const before = s.log.length;
  const result = await run(crmDownloadAttachment, s, { recordType: "Leads", recordId: lead.id, attachmentId: added.data.id });
  expect(Buffer.isBuffer(result.data)).toBe(true);
  expect(Buffer.compare(result.data, bytes)).toBe(0);
  expect(result.contentType).toBe("image/png");
  expect(s.log.slice(before)).toEqual([expect.objectContaining({ method: "GET", path: `/crm/v8/Leads/${lead.id}/Attachments/${added.data.id}`, status: 200 })]);
  expectSameShape(result, crmDownloadAttachment.examplePayload);
});

it("rejects bad ids before any request", async () => {
  const s = sandbox();
  await expectNoRequest(s, async () => {
    await expect(run(crmDownloadAttachment, s, { recordType: "Leads", recordId: "5725767000000000001", attachmentId: "x1" })).rejects.toThrow(
      /"Attachment ID"/,
    );
    await expect(run(crmDownloadAttachment, s, { recordType: "Leads", recordId: "", attachmentId: "5725767000000000001" })).rejects.toThrow(/"Record ID"/);
  });
});

it("reports Zoho's INVALID_DATA for an attachment the record does not have, and for a link", async () => {
  const s = sandbox();
  const [lead] = s.seedCrm({ module: "Leads", count: 1 });
  await expect(run(crmDownloadAttachment, s, { recordType: "Leads", recordId: lead.id, attachmentId: "5725767000009999999" })).rejects.toThrow(
    /HTTP 400\) INVALID_DATA/,
  );
  const link = await run(crmAddAttachment, s, { recordType: "Leads", recordId: lead.id, attachmentUrl: "https://example.com/a.pdf" });
  await expect(run(crmDownloadAttachment, s, { recordType: "Leads", recordId: lead.id, attachmentId: link.data.id })).rejects.toThrow(
    /INVALID_DATA.*link attachment/,
  );
});
