/** Get, Upload and Delete Record Photo through spectral's harness against the sandbox: a byte-exact round trip and bad input refused before any request. */
import { randomBytes } from "node:crypto";
import { invoke } from "@prismatic-io/spectral/dist/testing";
import { crmDeleteRecordPhoto } from "../../../actions/crm/deleteRecordPhoto";
import { crmGetRecordPhoto } from "../../../actions/crm/getRecordPhoto";
import { crmUploadRecordPhoto } from "../../../actions/crm/uploadRecordPhoto";
import { connectionFor, useSandbox, type TestSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";

const sandbox = useSandbox();
const run = async (action: { perform: unknown }, s: TestSandbox, params: Record<string, unknown>) =>
  (await invoke(action as never, { connection: connectionFor(s), ...params } as never)).result as any;

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(4096)]);

it("uploads a photo, gets the same bytes back, deletes it, and then says the record has none", async () => {
  const s = sandbox();
  const [contact] = s.seedCrm({ module: "Contacts", count: 1 });
  const target = { recordType: "Contacts", recordId: contact.id };
  const uploaded = await run(crmUploadRecordPhoto, s, { ...target, photo: { data: PNG, contentType: "image/png" } });
  expectSameShape(uploaded, crmUploadRecordPhoto.examplePayload);
  expect(uploaded.data).toEqual({ code: "SUCCESS", message: "photo uploaded successfully", status: "success" });

  const photo = await run(crmGetRecordPhoto, s, target);
  expect(photo.contentType).toBe("image/png");
  expect(Buffer.compare(photo.data, PNG)).toBe(0);

  const deleted = await run(crmDeleteRecordPhoto, s, target);
  expect(deleted.data).toMatchObject({ code: "SUCCESS", status: "success" });
  await expect(run(crmGetRecordPhoto, s, target)).rejects.toThrow(`Contacts record ${contact.id} has no photo: add one with Upload Record Photo.`);
});

it("names a JPEG by its type and uploads a BMP named by Photo Name", async () => {
  const s = sandbox();
  const [lead] = s.seedCrm({ module: "Leads", count: 1 });
  await run(crmUploadRecordPhoto, s, {
    recordType: "Leads",
    recordId: lead.id,
    photo: { data: PNG, contentType: "application/octet-stream" },
    photoName: "scan.bmp",
  });
  expect((await run(crmGetRecordPhoto, s, { recordType: "Leads", recordId: lead.id })).contentType).toBe("image/bmp");
});

it("refuses a module without photos, a file that is not an image and a photo over 10 MB before any request", async () => {
  const s = sandbox();
  const [lead] = s.seedCrm({ module: "Leads", count: 1 });
  const before = s.log.length;
  await expect(run(crmGetRecordPhoto, s, { recordType: "Tasks", recordId: lead.id })).rejects.toThrow(/Module.*has no record photos in Zoho/);
  await expect(
    run(crmUploadRecordPhoto, s, { recordType: "Leads", recordId: lead.id, photo: { data: Buffer.from("%PDF"), contentType: "application/pdf" } }),
  ).rejects.toThrow(/Photo.*is application\/pdf, not an image Zoho takes/);
  await expect(
    run(crmUploadRecordPhoto, s, { recordType: "Leads", recordId: lead.id, photo: { data: Buffer.alloc(10 * 1024 * 1024 + 1), contentType: "image/png" } }),
  ).rejects.toThrow(/Photo.*over Zoho's 10 MB limit/);
  expect(s.log.length).toBe(before);
});
