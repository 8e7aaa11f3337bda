/** `npm start -- ...` as a user types it: exit codes, usage on mistakes, JSON results. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../scripts/start";

const dir = mkdtempSync(join(tmpdir(), "zoho-cli-"));

const run = async (argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {}, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join("\n"), err: err.join("\n") };
};

it("a bad argument exits non-zero from the real process, naming the problem, then the usage", () => {
  const script = join(__dirname, "..", "..", "scripts", "start.ts");
  const child = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", script, "crmGetRecord", "--frobnicate"], {
    encoding: "utf8",
    env: { ...process.env, ZOHO_CLIENT_ID: "", ZOHO_CLIENT_SECRET: "", ZOHO_REFRESH_TOKEN: "" },
    timeout: 30_000,
  });
  expect(child.status).toBe(2);
  expect(child.stdout).toBe("");
  expect(child.stderr).toMatch(/^Error: unknown flag --frobnicate\n\nUsage:\n {2}npm start /);
}, 30_000);

it.each([
  ["an unknown action", ["crmFrobnicate"], /^Error: unknown action, trigger or data source "crmFrobnicate"/],
  ["a missing required input", ["crmGetRecord", "-i", "recordType=Leads"], /^Error: crmGetRecord needs the required input recordId \(Record ID\)/],
  ["an unknown input", ["crmGetRecord", "-i", "module=Leads"], /^Error: unknown input "module"/],
  ["a malformed JSON file", ["crmGetRecords", "--json", "MALFORMED"], /^Error: --json .*bad\.json is not valid JSON/],
  ["an unknown flag", ["list", "--verbose"], /^Error: unknown flag --verbose/],
  ["a webhook trigger", ["notificationsTrigger", "-i", "recordType=Leads"], /^Error: notificationsTrigger is a webhook trigger/],
])("%s exits 2 with the problem and the usage, before starting anything", async (_, argv, message) => {
  const bad = join(dir, "bad.json");
  writeFileSync(bad, '{"recordType": "Leads",}');
  const { code, out, err } = await run(argv.map((arg) => (arg === "MALFORMED" ? bad : arg)));
  expect(code).toBe(2);
  expect(out).toBe("");
  expect(err).toMatch(message);
  expect(err).toContain("\n\nUsage:\n");
  expect(err).not.toContain("Using the embedded Zoho sandbox");
});

it("help and list exit 0", async () => {
  expect(await run(["help"])).toMatchObject({ code: 0, out: expect.stringMatching(/^Usage:/) });
  const list = await run(["list"]);
  expect(list.code).toBe(0);
  expect(list.out).toMatch(/^ {2}crmRunQuery +Run COQL Query\n +query\* fetchAll debugRequest$/m);
});

it("runs one action against the sandbox and prints its result as JSON on stdout", async () => {
  const { code, out, err } = await run(["crmGetRecords", "-i", "recordType=Leads", "-i", "fields=Last_Name,Email", "-i", "per_page=3"]);
  expect(code).toBe(0);
  expect(err).toMatch(/^Using the embedded Zoho sandbox \(EU data center\) at http:\/\/127\.0\.0\.1:\d+$/);
  const { data } = JSON.parse(out);
  expect(data.data).toHaveLength(3);
  expect(data.data[0]).toEqual({ id: expect.any(String), Last_Name: expect.any(String), Email: expect.any(String) });
  expect(process.env.ZOHO_SANDBOX_URL).toBeUndefined();
});

it("runs a data source and a polling trigger, and writes a binary result with --out", async () => {
  const modules = await run(["selectCrmModule"]);
  expect(JSON.parse(modules.out).result).toContainEqual(expect.objectContaining({ key: "Leads" }));
  const poll = await run(["leadsPollingTrigger", "-i", "startTime=2000-01-01T00:00:00Z", "-i", "fields=Last_Name"]);
  expect(JSON.parse(poll.out)).toMatchObject({ records: expect.arrayContaining([expect.objectContaining({ _change: "created" })]), polledNoChanges: false });

  const pdf = join(dir, "invoice.pdf");
  const [invoice] = JSON.parse((await run(["booksGetRecords", "-i", "recordType=invoices"])).out).data.records;
  const { code, out, err } = await run(["booksDownloadRecordPdf", "-i", "recordType=invoices", "-i", `recordId=${invoice.invoice_id}`, "--out", pdf]);
  expect(code).toBe(0);
  expect(JSON.parse(out)).toMatchObject({ data: { bytes: expect.any(Number), start: expect.stringMatching(/^%PDF-/) }, contentType: "application/pdf" });
  expect(err).toMatch(/wrote \d+ bytes to .*invoice\.pdf/);
  expect(readFileSync(pdf).subarray(0, 5).toString("latin1")).toBe("%PDF-");
});

it("a failing call exits 1 with Zoho's reason", async () => {
  const { code, out, err } = await run(["crmGetRecord", "-i", "recordType=Leads", "-i", "recordId=1234567890"]);
  expect(code).toBe(1);
  expect(out).toBe("");
  expect(err).toMatch(/\n✘ .*1234567890/);
});
