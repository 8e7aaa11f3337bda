/**
 * Writes that fail after Zoho may have applied them say so (issue 19, item 1): one POST, then an
 * OUTCOME_UNKNOWN error naming what was sent, that it may have been applied and how to check, never
 * "try again". The sandbox's fault injection fails the call after the write is stored.
 */
import { invoke } from "@prismatic-io/spectral/dist/testing";
import { booksCreateRecord } from "../../actions/books/createRecord";
import { booksGetRecords } from "../../actions/books/getRecords";
import { booksRecordAction } from "../../actions/books/recordAction";
import { crmAddAttachment } from "../../actions/crm/addAttachment";
import { crmBulkWriteRecords } from "../../actions/crm/bulkWriteRecords";
import { crmRawRequest } from "../../actions/crm/rawRequest";
import { sentEmails } from "../../sandbox/books/actions";
import { configureBulkPolling } from "../../src/crm/bulk";
import { configureTestTransport } from "../../src/http/transport";
import { run, seed } from "../actions/books/harness";
import { connectionFor, useSandbox } from "../helpers/sandbox";

const sandbox = useSandbox();
beforeAll(() => {
  configureTestTransport({ retry: { baseDelayMs: 5, maxDelayMs: 2_000 } });
  configureBulkPolling({ firstDelayMs: 5, maxDelayMs: 20 });
});
afterEach(() => sandbox().setOptions({ faults: undefined }));

/** Every write fails after it was stored: with a 500, or with the connection reset. */
const failAfterWrite = (kind: 500 | "reset") => sandbox().setOptions({ faults: { rate: 1, kinds: [kind], when: "after", seed: 1 } });
const posts = (from: number, path: RegExp) =>
  sandbox()
    .log.slice(from)
    .filter((e) => e.method === "POST" && path.test(e.path));
const NOT_TRY_AGAIN = /try again/i;
/** The sandbox's default Books organization, named so no organization lookup meets the fault. */
const ORG = "10234695";

describe.each([500, "reset"] as const)("after a %s that follows the write", (kind) => {
  it("Create Books Record says the contact may exist, sends once, and the contact is there", async () => {
    const s = sandbox();
    const name = `Outcome ${kind} Contact`;
    const from = s.log.length;
    failAfterWrite(kind);
    const error: Error = await run(booksCreateRecord, s, {
      recordType: "contacts",
      organizationId: ORG,
      fieldValues: [{ key: "contact_name", value: name }],
    }).catch((e: Error) => e);
    s.setOptions({ faults: undefined });
    expect(error.message).toMatch(/^OUTCOME_UNKNOWN: /);
    expect(error.message).toContain("POST /books/v3/contacts");
    expect(error.message).toContain(name); // what was sent
    expect(error.message).toMatch(/may have applied it\. It was not sent again.*check in Zoho Books whether it took effect/);
    expect(error.message).not.toMatch(NOT_TRY_AGAIN);
    expect(posts(from, /^\/books\/v3\/contacts$/)).toHaveLength(1);
    const { data } = await run(booksGetRecords, s, { recordType: "contacts", fetchAll: true });
    expect(data.records.filter((c: { contact_name: string }) => c.contact_name === name)).toHaveLength(1);
  });

  it("Add Attachment says the file may be attached and sends it once", async () => {
    const s = sandbox();
    const [lead] = s.seedCrm({ module: "Leads", count: 1 });
    const from = s.log.length;
    failAfterWrite(kind);
    const fileName = `outcome-${kind}.txt`;
    const error: Error = await run(crmAddAttachment, s, { recordType: "Leads", recordId: lead.id, file: Buffer.from("contract"), fileName }).catch(
      (e: Error) => e,
    );
    s.setOptions({ faults: undefined });
    expect(error.message).toMatch(/^OUTCOME_UNKNOWN: .*POST \/crm\/v8\/Leads\/\d+\/Attachments.*a file upload.*may have applied it/);
    expect(error.message).not.toMatch(/retries ran out|try again/i);
    expect(posts(from, /\/Attachments$/)).toHaveLength(1);
    const stored = [...(s.state.crm.attachments as Map<string, any>).values()].filter((a) => a.meta.File_Name === fileName);
    expect(stored).toHaveLength(1); // it was attached, once
  });

  it("emailing an invoice says the email may have gone out, and sends it once", async () => {
    const s = sandbox();
    const [invoice] = seed(s, "invoices", 1);
    const emailsBefore = sentEmails(s.state).length;
    const from = s.log.length;
    failAfterWrite(kind);
    const body = JSON.stringify({ to_mail_ids: ["finance@example.com"] });
    const error: Error = await run(booksRecordAction, s, {
      recordType: "invoices",
      organizationId: ORG,
      recordId: invoice.invoice_id,
      action: "invoices:email",
      body,
    }).catch((e: Error) => e);
    s.setOptions({ faults: undefined });
    expect(error.message).toMatch(
      new RegExp(`^OUTCOME_UNKNOWN: .*POST /books/v3/invoices/${invoice.invoice_id}/email.*finance@example\\.com.*may have applied it`),
    );
    expect(error.message).not.toMatch(NOT_TRY_AGAIN);
    expect(posts(from, /\/email$/)).toHaveLength(1);
    expect(sentEmails(s.state).length).toBe(emailsBefore + 1);
  });
});

it("Bulk Write whose token expires while it waits says the job exists and names it", async () => {
  const s = sandbox();
  s.state.crm.bulkPollsToComplete = 1_000_000; // the job finishes only when sandbox time says so
  const connection = connectionFor(s, {
    scopes: ["ZohoCRM.modules.ALL", "ZohoCRM.bulk.ALL", "ZohoCRM.org.ALL", "ZohoFiles.files.ALL", "ZohoCRM.settings.ALL"],
  });
  const from = s.log.length;
  const rows = [{ Last_Name: "Expiring 1" }, { Last_Name: "Expiring 2" }];
  const pending = invoke(crmBulkWriteRecords, { connection, recordType: "Contacts", records: rows, operation: "insert" } as never).catch((e: Error) => e);
  const created = () => s.log.slice(from).find((e) => e.method === "POST" && e.path === "/crm/bulk/v8/write" && e.status < 300);
  for (const started = Date.now(); !created() && Date.now() - started < 10_000; ) await new Promise((r) => setTimeout(r, 5));
  expect(created()).toBeDefined();
  s.clock.advance(2 * 60 * 60 * 1000); // the access token (1 hour) expires while the step polls
  const error = (await pending) as Error;
  const jobId = (
    s.log
      .slice(from)
      .filter((e) => e.method === "GET" && /^\/crm\/bulk\/v8\/write\/\d+$/.test(e.path))
      .at(-1)?.path ?? ""
  )
    .split("/")
    .at(-1);
  expect(jobId).toMatch(/^\d+$/);
  expect(error.message).toMatch(/HTTP 401/);
  expect(error.message).toContain(`bulk write job ${jobId} exists in Zoho`);
  expect(error.message).toMatch(/do not run this step again.*Get Bulk Job/);
});

it("a raw POST resent under Retry On All Errors says how many times it was sent", async () => {
  const s = sandbox();
  const from = s.log.length;
  failAfterWrite(500);
  const data = JSON.stringify({ data: [{ Last_Name: "Resent Raw" }] });
  const error: Error = await run(crmRawRequest, s, { url: "/Leads", method: "POST", data, retryAllErrors: true, maxRetries: "2", retryDelayMS: "1" }).catch(
    (e: Error) => e,
  );
  s.setOptions({ faults: undefined });
  expect(error.message).toMatch(/^OUTCOME_UNKNOWN: .*It was sent 3 times \(Retry On All Errors\), so it may have been applied more than once/);
  expect(posts(from, /^\/crm\/v8\/Leads$/)).toHaveLength(3);
  expect([...(s.state.crm.records.get("Leads")?.values() ?? [])].filter((r) => r.Last_Name === "Resent Raw")).toHaveLength(3);
});
