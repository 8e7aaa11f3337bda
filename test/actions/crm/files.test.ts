/**
 * Files for file-upload and image-upload fields through spectral's harness against the sandbox:
 * Upload File and Download File, and a binary set on a record's file field in one step (Create
 * Record, Update Record, Create Records) read back byte for byte.
 */
import { randomBytes } from "node:crypto";
import { invoke } from "@prismatic-io/spectral/dist/testing";
import { crmCreateRecord } from "../../../actions/crm/createRecord";
import { crmCreateRecords } from "../../../actions/crm/createRecords";
import { crmDownloadFile } from "../../../actions/crm/downloadFile";
import { crmUpdateRecord } from "../../../actions/crm/updateRecord";
import { crmUploadFile } from "../../../actions/crm/uploadFile";
import { environmentState } from "../../../sandbox/state";
import { connectionFor, useSandbox, type TestSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";

const sandbox = useSandbox();
const run = async (action: { perform: unknown }, s: TestSandbox, params: Record<string, unknown>) =>
  (await invoke(action as never, { connection: connectionFor(s), ...params } as never)).result as any;

const PDF = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(40_000)]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(500)]);

/** The stored record, as the sandbox holds it. */
const stored = (s: TestSandbox, module: string, id: string) => environmentState(s.state).crm.records.get(module)!.get(id)!;
const download = async (s: TestSandbox, fileId: string) => run(crmDownloadFile, s, { fileId });

it("uploads a file and downloads the same bytes, typed by the file's name", async () => {
  const s = sandbox();
  const uploaded = await run(crmUploadFile, s, { file: { data: PDF, contentType: "application/pdf" }, fileName: "signed-order.pdf" });
  expectSameShape(uploaded, crmUploadFile.examplePayload);
  expect(uploaded.data).toEqual({ id: expect.any(String), name: "signed-order.pdf", File_Id__s: uploaded.data.id });
  const downloaded = await download(s, uploaded.data.id);
  expect(downloaded.contentType).toBe("application/pdf");
  expect(Buffer.compare(downloaded.data, PDF)).toBe(0);
});

it("Create Record takes a binary for a file field in one step: uploaded, written, and read back byte for byte", async () => {
  const s = sandbox();
  const before = s.log.length;
  const created = await run(crmCreateRecord, s, {
    recordType: "Sales_Orders",
    fieldValues: [
      { key: "Subject", value: "SO-100" },
      { key: "Signed_Copy", value: { data: PDF, contentType: "application/pdf" } },
    ],
  });
  expect(s.log.slice(before).map((e) => `${e.method} ${e.path}`)).toEqual(["POST /crm/v8/files", "POST /crm/v8/Sales_Orders"]);
  const [file] = stored(s, "Sales_Orders", created.data.id).Signed_Copy as Array<{ File_Id__s: string; File_Name__s: string }>;
  expect(file.File_Name__s).toBe("Signed_Copy.pdf");
  const back = await download(s, file.File_Id__s);
  expect(Buffer.compare(back.data, PDF)).toBe(0);
});

it("Update Record adds a file to the field (an image to an image field, named as the step says) and keeps the stored one", async () => {
  const s = sandbox();
  const created = await run(crmCreateRecord, s, {
    recordType: "Shipments",
    fieldValues: [{ key: "Name", value: "SHP-1" }],
    dynamicValues: { Proof_of_Delivery: { data: PDF, contentType: "application/pdf", fileName: "pod.pdf" } },
  });
  await run(crmUpdateRecord, s, {
    recordType: "Shipments",
    recordId: created.data.id,
    dynamicValues: {
      Proof_of_Delivery: [{ data: PNG, contentType: "image/png", fileName: "pod-photo.png" }],
      Package_Photo: { data: PNG, contentType: "image/png" },
    },
  });
  const record = stored(s, "Shipments", created.data.id);
  expect((record.Proof_of_Delivery as Array<{ File_Name__s: string }>).map((f) => f.File_Name__s)).toEqual(["pod.pdf", "pod-photo.png"]);
  const [image] = record.Package_Photo as Array<{ File_Id__s: string }>;
  expect(Buffer.compare((await download(s, image.File_Id__s)).data, PNG)).toBe(0);
});

it("Create Records uploads every record's files in one call before the batch write", async () => {
  const s = sandbox();
  const files = [randomBytes(1000), randomBytes(2000), randomBytes(3000)];
  const before = s.log.length;
  const result = await run(crmCreateRecords, s, {
    recordType: "Sales_Orders",
    records: files.map((data, i) => ({ Subject: `SO-${i}`, Signed_Copy: { data, contentType: "application/pdf" } })),
  });
  expect(result.data.succeeded).toBe(3);
  expect(s.log.slice(before).map((e) => `${e.method} ${e.path}`)).toEqual(["POST /crm/v8/files", "POST /crm/v8/Sales_Orders"]);
  for (const [i, outcome] of (result.data.results as Array<{ id: string }>).entries()) {
    const [file] = stored(s, "Sales_Orders", outcome.id).Signed_Copy as Array<{ File_Id__s: string }>;
    expect(Buffer.compare((await download(s, file.File_Id__s)).data, files[i])).toBe(0);
  }
});

it("passes file ids from Upload File through Create Record unchanged", async () => {
  const s = sandbox();
  const uploaded = await run(crmUploadFile, s, { file: { data: PDF, contentType: "application/pdf" }, fileName: "order.pdf" });
  const before = s.log.length;
  const created = await run(crmCreateRecord, s, {
    recordType: "Sales_Orders",
    dynamicValues: { Subject: "SO-ids", Signed_Copy: [{ File_Id__s: uploaded.data.id }] },
  });
  expect(s.log.slice(before).map((e) => `${e.method} ${e.path}`)).toEqual(["POST /crm/v8/Sales_Orders"]);
  expect(stored(s, "Sales_Orders", created.data.id).Signed_Copy).toEqual([
    expect.objectContaining({ File_Id__s: uploaded.data.id, File_Name__s: "order.pdf" }),
  ]);
});

it("refuses bad input before any request, naming the input", async () => {
  const s = sandbox();
  const before = s.log.length;
  await expect(
    run(crmUploadFile, s, { file: { data: Buffer.alloc(20 * 1024 * 1024 + 1), contentType: "application/pdf" }, fileName: "big.pdf" }),
  ).rejects.toThrow(/File.*over Zoho's 20 MB limit/);
  await expect(run(crmUploadFile, s, { fileName: "a.pdf" })).rejects.toThrow(/File.*map a file from an earlier step/);
  await expect(run(crmUploadFile, s, { file: { data: PDF, contentType: "application/pdf" } })).rejects.toThrow(/File Name.*enter the file's name/);
  await expect(run(crmDownloadFile, s, { fileId: "../etc" })).rejects.toThrow(/File ID.*letters and digits/);
  await expect(
    run(crmCreateRecord, s, {
      recordType: "Sales_Orders",
      fieldValues: [
        { key: "Subject", value: "S" },
        { key: "Signed_Copy", value: { data: Buffer.alloc(20 * 1024 * 1024 + 1) } },
      ],
    }),
  ).rejects.toThrow(/Signed_Copy: the file Signed_Copy.bin is 20.0 MB, over Zoho's 20 MB limit/);
  expect(s.log.length).toBe(before);
});

it("reports Zoho's refusal of a file that is not an image in an image field, naming the field", async () => {
  const s = sandbox();
  await expect(
    run(crmCreateRecord, s, {
      recordType: "Shipments",
      fieldValues: [
        { key: "Name", value: "S" },
        { key: "Package_Photo", value: { data: PDF, contentType: "application/pdf" } },
      ],
    }),
  ).rejects.toThrow(/Package_Photo/);
});
