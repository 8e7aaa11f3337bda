/**
 * Attachments over real HTTP: multipart upload, listing, byte-identical download, link attachments
 * (stored, never fetched), the 20 MB limit, deletes, write events and the error answers.
 */
import { randomBytes } from "node:crypto";
import { loopback } from "../helpers/loopback";
import { useSandbox, type TestSandbox } from "../helpers/sandbox";
import { crmCall } from "./crmApi";

const BOUNDARY = "----zoho-sandbox-test";
/** Zoho's largest attachment. */
const TWENTY_MB = 20 * 1024 * 1024;

const multipart = (fileName: string, contentType: string, content: Buffer) => ({
  contentType: `multipart/form-data; boundary=${BOUNDARY}`,
  body: Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]),
});

const upload = (sandbox: TestSandbox, path: string, fileName: string, content: Buffer, contentType = "application/octet-stream") =>
  crmCall(sandbox, "POST", path, { raw: multipart(fileName, contentType, content) });

describe("attachments", () => {
  const sandbox = useSandbox();
  const call = (method: string, path: string) => crmCall(sandbox(), method, path);

  it("uploads a file, lists it and downloads the same bytes", async () => {
    const [lead] = sandbox().seedCrm({ module: "Leads", count: 1 });
    const content = randomBytes(150_000);
    const uploaded = await upload(sandbox(), `/crm/v8/Leads/${lead.id}/Attachments`, "quote (final).pdf", content, "application/pdf");
    expect(uploaded.status).toBe(200);
    expect(uploaded.body.data[0]).toMatchObject({ code: "SUCCESS", message: "attachment uploaded", status: "success" });
    const id = uploaded.body.data[0].details.id;

    const listed = await call("GET", `/crm/v8/Leads/${lead.id}/Attachments?fields=id,File_Name,Size,Created_Time`);
    expect(listed.status).toBe(200);
    expect(listed.body.info).toEqual({ per_page: 200, page: 1, count: 1, more_records: false });
    expect(listed.body.data[0]).toMatchObject({
      id,
      File_Name: "quote (final).pdf",
      Size: String(content.length),
      Parent_Id: { id: lead.id, name: lead.Full_Name },
      $se_module: "Leads",
      $link_url: null,
    });

    const downloaded = await call("GET", `/crm/v8/Leads/${lead.id}/Attachments/${id}`);
    expect(downloaded.status).toBe(200);
    expect(downloaded.contentType).toBe("application/pdf");
    expect(downloaded.bytes.equals(content)).toBe(true);
    const download = await fetch(`${sandbox().url}/us/crm/v8/Leads/${lead.id}/Attachments/${id}`, {
      headers: { Authorization: `Zoho-oauthtoken ${sandbox().issueToken().accessToken}` },
    });
    expect(download.headers.get("content-disposition")).toContain('filename="quote (final).pdf"');
    await download.arrayBuffer();
  });

  it("stores a link given as attachmentUrl without fetching it", async () => {
    const target = await loopback((_req, res) => res.end("should not be fetched"));
    try {
      const [contact] = sandbox().seedCrm({ module: "Contacts", count: 1 });
      const url = `${target.url}/brochure`;
      const params = new URLSearchParams({ attachmentUrl: url, title: "Brochure" });
      const answer = await call("POST", `/crm/v8/Contacts/${contact.id}/Attachments?${params}`);
      expect(answer.status).toBe(200);
      const listed = await call("GET", `/crm/v8/Contacts/${contact.id}/Attachments?fields=File_Name`);
      expect(listed.body.data[0]).toMatchObject({ File_Name: "Brochure", $link_url: url, $type: "Link URL", Size: "0" });
      expect(target.seen).toEqual([]);
    } finally {
      await target.close();
    }
  });

  it("takes a file of exactly 20 MB and refuses one byte more", async () => {
    const [account] = sandbox().seedCrm({ module: "Accounts", count: 1 });
    const path = `/crm/v8/Accounts/${account.id}/Attachments`;
    const atLimit = await upload(sandbox(), path, "big.bin", Buffer.alloc(TWENTY_MB, 7));
    expect(atLimit.status).toBe(200);
    const over = await upload(sandbox(), path, "bigger.bin", Buffer.alloc(TWENTY_MB + 1, 7));
    expect(over.status).toBe(400);
    expect(over.body).toMatchObject({
      code: "INVALID_DATA",
      details: { api_name: "file", maximum_size: TWENTY_MB },
      status: "error",
    });
    const listed = await call("GET", `${path}?fields=File_Name`);
    expect(listed.body.data.map((a: { File_Name: string }) => a.File_Name)).toEqual(["big.bin"]);
  });

  it("pages the list", async () => {
    const [deal] = sandbox().seedCrm({ module: "Deals", count: 1 });
    for (const name of ["a.txt", "b.txt", "c.txt"]) {
      await upload(sandbox(), `/crm/v8/Deals/${deal.id}/Attachments`, name, Buffer.from(name), "text/plain");
    }
    const page2 = await call("GET", `/crm/v8/Deals/${deal.id}/Attachments?fields=File_Name&per_page=2&page=2`);
    expect(page2.body.data.map((a: { File_Name: string }) => a.File_Name)).toEqual(["c.txt"]);
    expect(page2.body.info).toEqual({ per_page: 2, page: 2, count: 1, more_records: false });
  });

  it("deletes an attachment, as a write event, after which it is gone", async () => {
    const [lead] = sandbox().seedCrm({ module: "Leads", count: 1 });
    const path = `/crm/v8/Leads/${lead.id}/Attachments`;
    const id = (await upload(sandbox(), path, "note.txt", Buffer.from("hello"), "text/plain")).body.data[0].details.id;
    const deleted = await call("DELETE", `${path}/${id}`);
    expect(deleted.body).toEqual({ data: [{ code: "SUCCESS", details: { id }, message: "record deleted", status: "success" }] });
    expect((await call("GET", `${path}?fields=File_Name`)).status).toBe(204);
    const gone = await call("GET", `${path}/${id}`);
    expect([gone.status, gone.body.code]).toEqual([400, "INVALID_DATA"]);
    const events = sandbox().state.writeLog.filter((e) => e.module === "Attachments" && e.ids.includes(id));
    expect(events.map((e) => e.operation)).toEqual(["insert", "delete"]);
  });

  it("refuses an unknown parent record", async () => {
    const unknown = await upload(sandbox(), "/crm/v8/Leads/1234567890123456789/Attachments", "x.txt", Buffer.from("x"));
    expect(unknown.body).toEqual({
      code: "INVALID_DATA",
      details: { resource_path_index: 1 },
      message: "the related id given seems to be invalid",
      status: "error",
    });
  });
});

describe("attachments errors", () => {
  // Wrong on purpose; the files do not describe these answers.
  const sandbox = useSandbox({ contract: false });

  it("refuses an unknown module", async () => {
    const module = await crmCall(sandbox(), "GET", "/crm/v8/Nope/1/Attachments?fields=File_Name");
    expect([module.status, module.body.code]).toEqual([400, "INVALID_MODULE"]);
  });

  it("asks for the file, and answers per id on a bulk delete", async () => {
    const [lead] = sandbox().seedCrm({ module: "Leads", count: 1 });
    const path = `/crm/v8/Leads/${lead.id}/Attachments`;
    const missing = await crmCall(sandbox(), "POST", path, { raw: { contentType: "text/plain", body: Buffer.from("no form") } });
    expect([missing.status, missing.body.code]).toEqual([400, "REQUIRED_PARAM_MISSING"]);

    const id = (await upload(sandbox(), path, "a.txt", Buffer.from("a"))).body.data[0].details.id;
    const answer = await crmCall(sandbox(), "DELETE", `${path}?ids=${id},42`);
    expect(answer.status).toBe(207);
    expect(answer.body.data.map((d: { status: string }) => d.status)).toEqual(["success", "error"]);
  });
});
