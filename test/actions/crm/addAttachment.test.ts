import { crmAddAttachment, MAX_ATTACHMENT_BYTES } from "../../../actions/crm/addAttachment";
import { configureTestTransport } from "../../../src/http/transport";
import { connectionFor, useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { expectNoRequest, run } from "../books/harness";

const sandbox = useSandbox();
beforeAll(() => configureTestTransport({ retry: { baseDelayMs: 5, maxDelayMs: 2000 } }));

const leadId = () => sandbox().seedCrm({ module: "Leads", count: 1 })[0].id;
/** Every byte value, so an upload that re-encodes text would show. */
const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256));

it("uploads a file from an earlier step as multipart field `file` and returns the new attachment's id", async () => {
  const s = sandbox();
  const id = leadId();
  const before = s.log.length;
  const result = await run(crmAddAttachment, s, {
    recordType: "Leads",
    recordId: id,
    file: { data: bytes, contentType: "application/pdf" },
    fileName: "contract.pdf",
  });
  expect(result.data.id).toMatch(/^\d+$/);
  expectSameShape(result, crmAddAttachment.examplePayload);
  const [call] = s.log.slice(before);
  expect(call).toMatchObject({ method: "POST", path: `/crm/v8/Leads/${id}/Attachments`, status: 200 });
  expect(call.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
  const stored = (s.state.crm.attachments as Map<string, any>).get(result.data.id);
  expect(stored.meta).toMatchObject({ File_Name: "contract.pdf", Size: String(bytes.length) });
  expect(Buffer.compare(stored.file.content, bytes)).toBe(0);
  expect(stored.file.contentType).toBe("application/pdf");
});

it("takes a bare Buffer too, and attaches a link by URL with the file name as its title", async () => {
  const s = sandbox();
  const id = leadId();
  const file = await run(crmAddAttachment, s, { recordType: "Leads", recordId: id, file: bytes, fileName: "raw.bin" });
  expect((s.state.crm.attachments as Map<string, any>).get(file.data.id).file.contentType).toBe("application/octet-stream");

  const before = s.log.length;
  const link = await run(crmAddAttachment, s, { recordType: "Leads", recordId: id, attachmentUrl: "https://example.com/spec.pdf", fileName: "Spec" });
  expect(s.log[before].query).toEqual({ attachmentUrl: "https://example.com/spec.pdf", title: "Spec" });
  expect((s.state.crm.attachments as Map<string, any>).get(link.data.id).meta).toMatchObject({ File_Name: "Spec", $link_url: "https://example.com/spec.pdf" });
});

it("rejects bad input before any request, naming the input", async () => {
  const s = sandbox();
  const id = leadId();
  const base = { recordType: "Leads", recordId: id };
  await expectNoRequest(s, async () => {
    const tooBig = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1);
    await expect(run(crmAddAttachment, s, { ...base, file: tooBig, fileName: "big.bin" })).rejects.toThrow(
      /Input "File" \(file\): is 20\.0 MB, over Zoho's 20 MB limit/,
    );
    await expect(run(crmAddAttachment, s, { ...base })).rejects.toThrow(/"File".*exactly one/);
    await expect(run(crmAddAttachment, s, { ...base, file: bytes, fileName: "a.bin", attachmentUrl: "https://example.com/a" })).rejects.toThrow(/exactly one/);
    await expect(run(crmAddAttachment, s, { ...base, file: bytes })).rejects.toThrow(/"File Name"/);
    await expect(run(crmAddAttachment, s, { ...base, attachmentUrl: "ftp://example.com/a" })).rejects.toThrow(/"Attachment URL".*http\(s\) URL/);
    await expect(run(crmAddAttachment, s, { ...base, attachmentUrl: "not a url" })).rejects.toThrow(/"Attachment URL".*http\(s\) URL/);
    await expect(run(crmAddAttachment, s, { ...base, recordId: "abc", file: bytes, fileName: "a" })).rejects.toThrow(/"Record ID".*numeric Zoho id/);
    await expect(run(crmAddAttachment, s, { ...base, recordType: "Price Books", file: bytes, fileName: "a" })).rejects.toThrow(/"Module"/);
  });
});

it("names the missing scope when the token cannot upload files", async () => {
  const s = sandbox();
  const id = leadId();
  const connection = connectionFor(s, { scopes: ["ZohoCRM.modules.leads.READ", "ZohoCRM.settings.ALL"] });
  const upload = run(crmAddAttachment, s, { recordType: "Leads", recordId: id, file: bytes, fileName: "a.bin" }, connection);
  await expect(upload).rejects.toThrow(/OAUTH_SCOPE_MISMATCH.*ZohoCRM\.Files\.CREATE/);
});

it("reports Zoho's INVALID_DATA for a record that does not exist", async () => {
  const s = sandbox();
  await expect(run(crmAddAttachment, s, { recordType: "Leads", recordId: "5725767000009999999", file: bytes, fileName: "a.bin" })).rejects.toThrow(
    /HTTP 400\) INVALID_DATA/,
  );
});

it("sends the same multipart body again after a 429", async () => {
  const s = sandbox();
  const id = leadId();
  s.setOptions({ rateLimit429: 0.5, faults: { rate: 0, seed: 7 } });
  try {
    const results = [];
    for (let i = 0; i < 2; i++) results.push(await run(crmAddAttachment, s, { recordType: "Leads", recordId: id, file: bytes, fileName: `f${i}.bin` }));
    expect(s.log.some((entry) => entry.status === 429)).toBe(true);
    for (const result of results) expect(Buffer.compare((s.state.crm.attachments as Map<string, any>).get(result.data.id).file.content, bytes)).toBe(0);
  } finally {
    s.setOptions({ rateLimit429: 0 });
  }
});
