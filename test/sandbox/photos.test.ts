/**
 * Record photos over real HTTP (record_photo.json): upload, byte-identical get, 204 without a photo,
 * delete, and Zoho's documented limits (PNG, JPEG, GIF or BMP; 10 MB; only modules that have photos).
 */
import { randomBytes } from "node:crypto";
import { useSandbox, type TestSandbox } from "../helpers/sandbox";
import { crmCall } from "./crmApi";

const BOUNDARY = "----zoho-photo-test";
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(2048)]);

const photo = (s: TestSandbox, path: string, name: string, type: string, content: Buffer) =>
  crmCall(s, "POST", path, {
    raw: {
      contentType: `multipart/form-data; boundary=${BOUNDARY}`,
      body: Buffer.concat([
        Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
        content,
        Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
      ]),
    },
  });

describe("record photos", () => {
  const sandbox = useSandbox();

  it("uploads a photo, gets the same bytes back, deletes it and then answers 204", async () => {
    const s = sandbox();
    const [contact] = s.seedCrm({ module: "Contacts", count: 1 });
    const path = `/crm/v8/Contacts/${contact.id}/photo`;
    expect((await crmCall(s, "GET", path)).status).toBe(204);
    const uploaded = await photo(s, path, "face.png", "image/png", PNG);
    expect(uploaded.status).toBe(200);
    expect(uploaded.body).toEqual({ code: "SUCCESS", details: {}, message: "photo uploaded successfully", status: "success" });
    const got = await crmCall(s, "GET", path);
    expect(got.contentType).toBe("image/png");
    expect(got.bytes.equals(PNG)).toBe(true);
    expect((await crmCall(s, "DELETE", path)).body).toMatchObject({ code: "SUCCESS", status: "success" });
    expect((await crmCall(s, "GET", path)).status).toBe(204);
  });

  it("refuses a file that is not an image, a photo over 10 MB, a module without photos and an unknown record", async () => {
    const s = sandbox();
    const [lead] = s.seedCrm({ module: "Leads", count: 1 });
    const path = `/crm/v8/Leads/${lead.id}/photo`;
    const pdf = await photo(s, path, "cv.pdf", "application/pdf", Buffer.from("%PDF"));
    expect(pdf.status).toBe(400);
    expect(pdf.body).toMatchObject({ code: "INVALID_DATA", details: { allowed_formats: "png, jpg, jpeg, gif, bmp" } });
    const big = await photo(s, path, "big.png", "image/png", Buffer.alloc(10 * 1024 * 1024 + 1));
    expect(big.body).toMatchObject({ code: "INVALID_DATA", details: { maximum_size: 10 * 1024 * 1024 } });
    const [task] = s.seedCrm({ module: "Tasks", count: 1 });
    expect((await photo(s, `/crm/v8/Tasks/${task.id}/photo`, "a.png", "image/png", PNG)).body.code).toBe("INVALID_MODULE");
    expect((await photo(s, "/crm/v8/Leads/123/photo", "a.png", "image/png", PNG)).body.code).toBe("INVALID_DATA");
  });
});
