/**
 * Bulk read and bulk write over real HTTP: jobs that take polls (or sandbox time) to complete,
 * zipped CSV results parsed back, pagination, criteria, file upload with Zoho's headers, and
 * per-row outcomes of insert, update and upsert.
 */
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { strToU8, unzipSync, zipSync } from "fflate";
import { deliveriesOf } from "../../sandbox/crm/callbacks";
import { flushDeliveries } from "../../sandbox/crm/notifications/notifications";
import { ALL_SCOPES } from "../../sandbox/scopes";
import { json, loopback } from "../helpers/loopback";
import { useSandbox, type TestSandbox } from "../helpers/sandbox";
import { crmCall, type CrmCallOptions } from "./crmApi";

/** Upload needs ZohoFiles.files.ALL, which Zoho asks for on top of the CRM scopes. */
const SCOPES = [...ALL_SCOPES, "ZohoFiles.files.ALL"];

const unzipCsv = (bytes: Buffer): { name: string; rows: string[][] } => {
  const files = unzipSync(new Uint8Array(bytes));
  const names = Object.keys(files);
  expect(names).toHaveLength(1);
  return { name: names[0], rows: parse(Buffer.from(files[names[0]]).toString("utf8")) as string[][] };
};

const zippedCsv = (rows: unknown[][], name = "leads.csv"): Buffer => Buffer.from(zipSync({ [name]: strToU8(stringify(rows)) }));

const multipart = (data: Buffer, filename = "leads.zip") => {
  const boundary = "----sandbox-test-boundary";
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/zip\r\n\r\n`;
  return { body: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
};

const tools = (sandbox: () => TestSandbox) => {
  const call = (method: string, path: string, options: CrmCallOptions = {}) => crmCall(sandbox(), method, path, { scopes: SCOPES, ...options });
  const orgHeaders = () => ({ feature: "bulk-write", "X-CRM-ORG": String(sandbox().state.org.zgid) });
  const upload = (zip: Buffer, headers: Record<string, string> = orgHeaders()) => call("POST", "/crm/v8/upload", { raw: multipart(zip), headers });
  /** Polls a job's details until COMPLETED, returning every answer seen. */
  const pollUntilDone = async (path: string, state: (body: any) => string) => {
    const seen: any[] = [];
    for (let i = 0; i < 10; i++) {
      const answer = await call("GET", path);
      expect(answer.status).toBe(200);
      seen.push(answer.body);
      if (state(answer.body) === "COMPLETED") return seen;
    }
    throw new Error(`${path} did not complete`);
  };
  const readJob = (query: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    call("POST", "/crm/bulk/v8/read", { json: { query: { module: { api_name: "Contacts" }, ...query }, ...extra } });
  return { call, orgHeaders, upload, pollUntilDone, readJob };
};

describe("bulk read", () => {
  const sandbox = useSandbox();
  const { call, pollUntilDone, readJob } = tools(sandbox);
  let seeded: string[] = [];

  beforeAll(() => {
    seeded = sandbox()
      .seedCrm({ module: "Contacts", count: 5000, fields: (i) => ({ Last_Name: `Contact ${i}`, Title: i % 10 === 0 ? "VP Sales" : "Engineer" }) })
      .map((r) => r.id);
  });
  afterEach(() => {
    Object.assign(sandbox().state.crm, { bulkReadPageSize: undefined, bulkPollsToComplete: undefined });
  });

  it("exports 5,000 records after two polls, as one CSV in a ZIP with every id once", async () => {
    const created = await readJob({ fields: ["Last_Name", "Title"] });
    expect(created.status).toBe(201);
    const [entry] = created.body.data;
    expect(entry).toMatchObject({
      status: "success",
      code: "ADDED_SUCCESSFULLY",
      message: "Added successfully.",
      details: { operation: "read", state: "ADDED", created_by: { id: sandbox().state.users[0].id } },
    });
    const jobId: string = entry.details.id;

    const early = await call("GET", `/crm/bulk/v8/read/${jobId}/result`);
    expect(early.status).toBe(400);
    const polls = await pollUntilDone(`/crm/bulk/v8/read/${jobId}`, (body) => body.data[0].state);
    expect(polls.map((p) => p.data[0].state)).toEqual(["IN PROGRESS", "COMPLETED"]);
    expect(polls[0].data[0].result).toBeUndefined();
    const contacts = sandbox().state.crm.modules.get("Contacts")!;
    expect(polls[1].data[0]).toMatchObject({
      id: jobId,
      operation: "read",
      file_type: "csv",
      query: { module: { api_name: "Contacts", id: contacts.id }, fields: ["Last_Name", "Title"], page: 1 },
      result: { page: 1, count: 5000, per_page: 200000, more_records: false, download_url: `/crm/bulk/v8/read/${jobId}/result` },
    });

    const download = await call("GET", polls[1].data[0].result.download_url);
    expect(download.status).toBe(200);
    expect(download.contentType).toBe("application/zip");
    const { name, rows } = unzipCsv(download.bytes);
    expect(name).toBe(`${jobId}.csv`);
    expect(rows[0]).toEqual(["Id", "Last_Name", "Title"]);
    const ids = rows.slice(1).map((row) => row[0]);
    expect(ids).toHaveLength(5000);
    expect(new Set(ids)).toEqual(new Set(seeded));
    const byId = new Map(rows.slice(1).map((row) => [row[0], row]));
    expect(byId.get(seeded[10])).toEqual([seeded[10], "Contact 10", "VP Sales"]);
  });

  it("pages a module across jobs with page, more_records and count", async () => {
    Object.assign(sandbox().state.crm, { bulkReadPageSize: 2000, bulkPollsToComplete: 0 });
    const pages: string[][] = [];
    for (let page = 1, more = true; more; page++) {
      const created = await readJob({ fields: ["Last_Name"], page });
      const jobId = created.body.data[0].details.id;
      const details = await call("GET", `/crm/bulk/v8/read/${jobId}`);
      const { result } = details.body.data[0];
      expect(result).toMatchObject({ page, per_page: 2000, count: page < 3 ? 2000 : 1000, more_records: page < 3 });
      more = result.more_records;
      const { rows } = unzipCsv((await call("GET", result.download_url)).bytes);
      pages.push(rows.slice(1).map((row) => row[0]));
    }
    expect(pages.map((ids) => ids.length)).toEqual([2000, 2000, 1000]);
    expect(pages.flat()).toEqual(seeded);
  });

  it("filters with criteria groups and exports every field when none are named", async () => {
    Object.assign(sandbox().state.crm, { bulkPollsToComplete: 0 });
    const created = await readJob({
      criteria: {
        group_operator: "and",
        group: [
          { field: { api_name: "Title" }, comparator: "equal", value: "vp sales" },
          { field: { api_name: "Last_Name" }, comparator: "in", value: ["Contact 10", "Contact 20", "Contact 21"] },
        ],
      },
    });
    const jobId = created.body.data[0].details.id;
    const { result } = (await call("GET", `/crm/bulk/v8/read/${jobId}`)).body.data[0];
    expect(result.count).toBe(2);
    const { rows } = unzipCsv((await call("GET", result.download_url)).bytes);
    expect(rows.slice(1).map((row) => row[0])).toEqual([seeded[10], seeded[20]]);
    expect(rows[0][0]).toBe("Id");
    expect(rows[0]).toEqual(expect.arrayContaining(["Last_Name", "Title", "Email", "Owner", "Created_Time"]));
  });

  it.each([
    [
      "between on a text field",
      { field: { api_name: "Last_Name" }, comparator: "between", value: ["a", "b"] },
      "FIELD_AND_COMPARATOR_IN_CRITERIA_NOT_COMPATIBLE",
    ],
    ["an unknown field", { field: { api_name: "Nope" }, comparator: "equal", value: "x" }, "FIELD_IN_CRITERIA_NOT_AVAILABLE"],
  ])("rejects criteria with %s", async (_name, criteria, code) => {
    const answer = await readJob({ criteria });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code, status: "error" });
  });

  it("completes on sandbox time without polls, and posts the job to the callback URL", async () => {
    const receiver = await loopback((_req, res) => json(res, 200, {}));
    try {
      Object.assign(sandbox().state.crm, { bulkPollsToComplete: 100 });
      const timed = await readJob({ fields: ["Last_Name"] });
      sandbox().clock.advance(60_000);
      const details = await call("GET", `/crm/bulk/v8/read/${timed.body.data[0].details.id}`);
      expect(details.body.data[0].state).toBe("COMPLETED");

      const called = await readJob({ fields: ["Last_Name"] }, { callback: { url: `${receiver.url}/done`, method: "post" } });
      const jobId = called.body.data[0].details.id;
      for (let i = 0; i < 100 && receiver.seen.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      await flushDeliveries(sandbox().state);
      expect(receiver.seen).toHaveLength(1);
      expect(JSON.parse(receiver.seen[0].body)).toMatchObject({ job_id: jobId, state: "COMPLETED", result: { count: 5000 } });
      const delivery = deliveriesOf(sandbox().state).find((d) => d.source === jobId);
      expect(delivery).toMatchObject({ kind: "bulk_callback", status: 200 });
    } finally {
      await receiver.close();
    }
  });
});

describe("bulk write", () => {
  const sandbox = useSandbox();
  const { call, upload, pollUntilDone } = tools(sandbox);

  const runJob = async (operation: string, zip: Buffer, resource: Record<string, unknown>) => {
    const uploaded = await upload(zip);
    expect(uploaded.status).toBe(200);
    expect(uploaded.body).toMatchObject({ status: "success", code: "FILE_UPLOAD_SUCCESS", message: "file uploaded." });
    const created = await call("POST", "/crm/bulk/v8/write", {
      json: {
        operation,
        character_encoding: "UTF-8",
        resource: [{ type: "data", module: { api_name: "Leads" }, file_id: uploaded.body.details.file_id, ...resource }],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "success", code: "SUCCESS", details: { id: expect.any(String), created_by: { id: expect.any(String) } } });
    const polls = await pollUntilDone(`/crm/bulk/v8/write/${created.body.details.id}`, (body) => body.status);
    const done = polls[polls.length - 1];
    const downloadUrl = new URL(done.result.download_url);
    const result = await call("GET", downloadUrl.pathname);
    expect(result.status).toBe(200);
    return { polls, done, downloadUrl, result: unzipCsv(result.bytes) };
  };

  it("inserts rows, skips bad ones, and reports each row's outcome", async () => {
    const writesBefore = sandbox().state.writeLog.length;
    const zip = zippedCsv([
      ["Last Name", "Company", "Email", "Employees"],
      ["Frey", "Zylker", "frey@zylker.com", "12"],
      ["", "No Name Inc", "nobody@zylker.com", "3"],
      ["Lace", "Zylker", "lace@zylker.com", "many"],
    ]);
    const { polls, done, downloadUrl, result } = await runJob("insert", zip, {
      field_mappings: [
        { api_name: "Last_Name", index: 0 },
        { api_name: "Company", index: 1 },
        { api_name: "Email", index: 2 },
        { api_name: "No_of_Employees", index: 3 },
      ],
    });
    expect(polls.map((p) => p.status)).toEqual(["IN PROGRESS", "COMPLETED"]);
    expect(done.resource[0]).toMatchObject({
      status: "COMPLETED",
      type: "data",
      module: { api_name: "Leads" },
      file: { status: "COMPLETED", name: "leads.csv", added_count: 1, skipped_count: 2, updated_count: 0, total_count: 3 },
    });
    expect(downloadUrl.host).toBe("download-accl.zoho.com");
    expect(downloadUrl.pathname).toBe(`/v2/crm/${sandbox().state.org.zgid}/bulk-write/${done.id}/${done.id}.zip`);

    expect(result.name).toBe("Leads-leads.csv");
    expect(result.rows[0]).toEqual(["Last Name", "Company", "Email", "Employees", "RECORD_ID", "STATUS", "ERRORS"]);
    const [added, missing, badNumber] = result.rows.slice(1);
    expect(added.slice(5)).toEqual(["ADDED", ""]);
    expect(missing.slice(4)).toEqual(["", "SKIPPED", "MANDATORY_NOT_FOUND-Last Name"]);
    expect(badNumber.slice(4)).toEqual(["", "SKIPPED", "INVALID_DATA-Employees"]);
    const stored = sandbox().state.crm.records.get("Leads")!.get(added[4])!;
    expect(stored).toMatchObject({ Last_Name: "Frey", Company: "Zylker", Email: "frey@zylker.com", No_of_Employees: 12 });
    expect(sandbox().state.writeLog.slice(writesBefore)).toEqual([expect.objectContaining({ module: "Leads", operation: "insert", ids: [added[4]] })]);
  });

  it("upserts by a duplicate-check field: matching rows update, the rest insert", async () => {
    const [existing] = sandbox().seedCrm({ module: "Leads", count: 1, fields: () => ({ Email: "known@zylker.com", Company: "Old" }) });
    const zip = zippedCsv([
      ["Last_Name", "Email", "Company"],
      ["Known", "known@zylker.com", "New"],
      ["Fresh", "fresh@zylker.com", "Brand"],
    ]);
    const { done, result } = await runJob("upsert", zip, { find_by: "Email" });
    expect(done.resource[0].file).toMatchObject({ added_count: 1, updated_count: 1, skipped_count: 0, total_count: 2 });
    expect(result.rows.slice(1).map((row) => row.slice(3))).toEqual([
      [existing.id, "UPDATED", ""],
      [expect.any(String), "ADDED", ""],
    ]);
    expect(sandbox().state.crm.records.get("Leads")!.get(existing.id)).toMatchObject({ Last_Name: "Known", Company: "New" });
  });

  it("skips update rows whose record does not exist", async () => {
    const [lead] = sandbox().seedCrm({ module: "Leads", count: 1 });
    const zip = zippedCsv([
      ["id", "Company"],
      [lead.id, "Renamed"],
      ["5725767000999999999", "Ghost"],
    ]);
    const { result } = await runJob("update", zip, { find_by: "id" });
    expect(result.rows.slice(1).map((row) => row.slice(2))).toEqual([
      [lead.id, "UPDATED", ""],
      ["", "SKIPPED", "RESOURCE_NOT_FOUND-id"],
    ]);
    expect(sandbox().state.crm.records.get("Leads")!.get(lead.id)!.Company).toBe("Renamed");
  });

  it("refuses a job whose mandatory fields are not mapped or whose file is unknown", async () => {
    const uploaded = await upload(zippedCsv([["Company"], ["Zylker"]]));
    const unmapped = await call("POST", "/crm/bulk/v8/write", {
      json: { operation: "insert", resource: [{ type: "data", module: { api_name: "Leads" }, file_id: uploaded.body.details.file_id }] },
    });
    expect(unmapped.status).toBe(400);
    expect(unmapped.body).toMatchObject({ code: "MANDATORY_FIELDS_NOT_MAPPED", status: "error" });
    const unknown = await call("POST", "/crm/bulk/v8/write", {
      json: { operation: "insert", resource: [{ type: "data", module: { api_name: "Leads" }, file_id: "123" }] },
    });
    expect(unknown.body).toMatchObject({ code: "INVALID_FILE_ID", message: "improper file id" });
  });
});

describe("bulk calls Zoho rejects", () => {
  // These calls leave out required headers, send bad files or break the request schema on purpose.
  const sandbox = useSandbox({ contract: false });
  const { call, orgHeaders, upload, readJob } = tools(sandbox);

  it("rejects a criteria group operator other than and/or", async () => {
    const answer = await readJob({ criteria: { group_operator: "xor", group: [{ field: { api_name: "Title" }, comparator: "equal", value: "x" }] } });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: "GROUP_OPERATOR_NOT_SUPPORTED", status: "error" });
  });
  const rejected = { ERROR_CODE: 400, ERROR_MESSAGE: "Bad Request", "x-error": "check if headers [feature, X-CRM-ORG] are present and valid" };

  it("answers 400 without feature: bulk-write or the org's X-CRM-ORG", async () => {
    const zip = zippedCsv([["Last_Name"], ["Frey"]]);
    const variants: Array<Record<string, string>> = [
      { "X-CRM-ORG": orgHeaders()["X-CRM-ORG"] },
      { feature: "bulk-write" },
      { ...orgHeaders(), "X-CRM-ORG": "999" },
    ];
    for (const headers of variants) {
      const answer = await upload(zip, headers);
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual(rejected);
    }
    expect((await upload(zip)).status).toBe(200);
  });

  it("answers INVALID_FILE_FORMAT for a file that is not a ZIP holding one CSV", async () => {
    const notZip = await upload(Buffer.from("Last_Name\nFrey\n"));
    expect(notZip.status).toBe(400);
    expect(notZip.body).toMatchObject({ code: "INVALID_FILE_FORMAT", message: "invalid file format. only zip format is supported" });
    const twoCsvs = Buffer.from(zipSync({ "a.csv": strToU8("x\n1\n"), "b.csv": strToU8("y\n2\n") }));
    expect((await upload(twoCsvs)).body.code).toBe("INVALID_FILE_FORMAT");
  });

  it("needs ZohoFiles.files.ALL to upload", async () => {
    const answer = await call("POST", "/crm/v8/upload", { raw: multipart(zippedCsv([["Last_Name"], ["Frey"]])), headers: orgHeaders(), scopes: ALL_SCOPES });
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe("OAUTH_SCOPE_MISMATCH");
  });

  it("refuses a file of more than 25,000 rows", async () => {
    const rows = [["Last_Name"], ...Array.from({ length: 25_001 }, (_, i) => [`Lead ${i}`])];
    const uploaded = await upload(zippedCsv(rows));
    const answer = await call("POST", "/crm/bulk/v8/write", {
      json: { operation: "insert", resource: [{ type: "data", module: { api_name: "Leads" }, file_id: uploaded.body.details.file_id }] },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: "LIMIT_EXCEEDED", details: { limit: 25000 } });
  });
});
