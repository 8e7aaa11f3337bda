/**
 * Zoho's file store (/crm/v8/files) and file-upload / image-upload fields over real HTTP: upload,
 * byte-identical download, the 20 MB limit, file ids written into a record's fields (added, kept,
 * removed with _delete) and image fields refusing files that are not images.
 */
import { randomBytes } from "node:crypto";
import { useSandbox, type TestSandbox } from "../helpers/sandbox";
import { crmCall } from "./crmApi";

const BOUNDARY = "----zoho-files-test";
const TWENTY_MB = 20 * 1024 * 1024;
/** The 8-byte signature PNG files start with, so the test image is a PNG by its bytes too. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]);

const multipart = (files: Array<{ name: string; type: string; content: Buffer }>) => ({
  contentType: `multipart/form-data; boundary=${BOUNDARY}`,
  body: Buffer.concat([
    ...files.flatMap((f) => [
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`),
      f.content,
      Buffer.from("\r\n"),
    ]),
    Buffer.from(`--${BOUNDARY}--\r\n`),
  ]),
});

const uploadFiles = (s: TestSandbox, files: Array<{ name: string; type: string; content: Buffer }>) =>
  crmCall(s, "POST", "/crm/v8/files", { raw: multipart(files) });

describe("files", () => {
  const sandbox = useSandbox();

  it("stores each uploaded file under an encrypted id and downloads the same bytes", async () => {
    const pdf = randomBytes(120_000);
    const uploaded = await uploadFiles(sandbox(), [
      { name: "signed order.pdf", type: "application/pdf", content: pdf },
      { name: "photo.png", type: "image/png", content: PNG },
    ]);
    expect(uploaded.status).toBe(200);
    expect(uploaded.body.data).toEqual([
      {
        code: "SUCCESS",
        status: "success",
        message: expect.stringContaining("signed order.pdf"),
        details: { name: "signed order.pdf", id: expect.stringMatching(/^[0-9a-f]{64}$/) },
      },
      {
        code: "SUCCESS",
        status: "success",
        message: expect.stringContaining("photo.png"),
        details: { name: "photo.png", id: expect.stringMatching(/^[0-9a-f]{64}$/) },
      },
    ]);
    const downloaded = await crmCall(sandbox(), "GET", `/crm/v8/files?id=${uploaded.body.data[0].details.id}`);
    expect(downloaded.status).toBe(200);
    expect(downloaded.contentType).toBe("application/x-download");
    expect(downloaded.bytes.equals(pdf)).toBe(true);
  });

  it("refuses a file over 20 MB and an unknown id", async () => {
    const big = await uploadFiles(sandbox(), [{ name: "big.bin", type: "application/octet-stream", content: Buffer.alloc(TWENTY_MB + 1) }]);
    expect(big.status).toBe(400);
    expect(big.body).toMatchObject({ code: "FILE_SIZE_MORE_THAN_ALLOWED_SIZE", status: "error" });
    const unknown = await crmCall(sandbox(), "GET", "/crm/v8/files?id=0123");
    expect(unknown.body).toMatchObject({ code: "INVALID_DATA", details: { param_name: "id" } });
  });

  it("writes file ids into file-upload and image-upload fields: new files are added, rows sent with _delete removed", async () => {
    const s = sandbox();
    const [a, b, image] = (
      await uploadFiles(s, [
        { name: "a.pdf", type: "application/pdf", content: Buffer.from("first") },
        { name: "b.pdf", type: "application/pdf", content: Buffer.from("second") },
        { name: "box.png", type: "image/png", content: PNG },
      ])
    ).body.data.map((d: { details: { id: string } }) => d.details.id);
    const created = await crmCall(s, "POST", "/crm/v8/Shipments", {
      json: { data: [{ Name: "SHP-1", Proof_of_Delivery: [{ File_Id__s: a }], Package_Photo: [{ File_Id__s: image }] }] },
    });
    expect(created.status).toBe(201);
    const id = created.body.data[0].details.id;
    const read = async () => (await crmCall(s, "GET", `/crm/v8/Shipments/${id}`)).body.data[0];
    const first = await read();
    expect(first.Proof_of_Delivery).toEqual([expect.objectContaining({ File_Id__s: a, File_Name__s: "a.pdf", Size__s: "5", id: expect.any(String) })]);
    expect(first.Package_Photo).toEqual([expect.objectContaining({ File_Id__s: image, File_Name__s: "box.png" })]);

    // Older docs write file_id; a new file is added next to the stored one.
    await crmCall(s, "PUT", `/crm/v8/Shipments/${id}`, { json: { data: [{ Proof_of_Delivery: [{ file_id: b }] }] } });
    const second = await read();
    expect(second.Proof_of_Delivery.map((f: { File_Id__s: string }) => f.File_Id__s)).toEqual([a, b]);

    await crmCall(s, "PUT", `/crm/v8/Shipments/${id}`, { json: { data: [{ Proof_of_Delivery: [{ id: first.Proof_of_Delivery[0].id, _delete: null }] }] } });
    expect((await read()).Proof_of_Delivery.map((f: { File_Id__s: string }) => f.File_Id__s)).toEqual([b]);
  });

  it("refuses a file that is not an image in an image-upload field, and an unknown file id", async () => {
    const s = sandbox();
    const [pdf] = (await uploadFiles(s, [{ name: "a.pdf", type: "application/pdf", content: Buffer.from("x") }])).body.data.map(
      (d: { details: { id: string } }) => d.details.id,
    );
    const notImage = await crmCall(s, "POST", "/crm/v8/Shipments", { json: { data: [{ Name: "SHP-2", Package_Photo: [{ File_Id__s: pdf }] }] } });
    expect(notImage.status).toBe(400);
    expect(notImage.body.data[0]).toMatchObject({ code: "INVALID_DATA", details: { api_name: "Package_Photo", allowed_formats: "png, jpg, jpeg, gif, bmp" } });
    const unknown = await crmCall(s, "POST", "/crm/v8/Sales_Orders", { json: { data: [{ Subject: "SO", Signed_Copy: [{ File_Id__s: "nope" }] }] } });
    expect(unknown.body.data[0]).toMatchObject({ code: "INVALID_DATA", details: { api_name: "Signed_Copy", json_path: "$.data[0].Signed_Copy" } });
  });
});

/** Calls that break files.json on purpose: a body without its required part, and a 403 the file declares without a body (Zoho sends its error body). */
describe("files: invalid calls", () => {
  const sandbox = useSandbox({ contract: false });

  it("answers INVALID_DATA naming the part when no file is sent", async () => {
    const none = await crmCall(sandbox(), "POST", "/crm/v8/files", {
      raw: { contentType: `multipart/form-data; boundary=${BOUNDARY}`, body: Buffer.from(`--${BOUNDARY}--\r\n`) },
    });
    expect(none.status).toBe(400);
    expect(none.body).toMatchObject({ code: "INVALID_DATA", details: { param_name: "file" } });
  });

  it("needs ZohoCRM.files.CREATE to upload and ZohoCRM.files.READ to download", async () => {
    const refused = await crmCall(sandbox(), "POST", "/crm/v8/files", {
      raw: multipart([{ name: "a.txt", type: "text/plain", content: Buffer.from("a") }]),
      scopes: ["ZohoCRM.modules.ALL"],
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("OAUTH_SCOPE_MISMATCH");
    const reader = await crmCall(sandbox(), "GET", "/crm/v8/files?id=abc", { scopes: ["ZohoCRM.Files.CREATE"] });
    expect(reader.body.code).toBe("OAUTH_SCOPE_MISMATCH");
  });
});
