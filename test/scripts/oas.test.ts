/**
 * `npm run oas` (scripts/oas.mjs) run for real as a child process, offline: a fixture HTTP server on
 * 127.0.0.1 serves a tiny file set (test/scripts/fixtures/oas) laid out like the cache, with its own
 * checksum list. The real sources are checked by what the script would fetch (--list), never fetched.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { holdsOas } from "../contract/oasDir";
import { loopback } from "../helpers/loopback";

const ROOT = path.resolve(__dirname, "../..");
const SCRIPT = path.join(ROOT, "scripts", "oas.mjs");
const FIXTURES = path.join(__dirname, "fixtures", "oas");
const FIXTURE_SUMS = path.join(__dirname, "fixtures", "oas.sha256");
const FILES = ["crm-v8/org.json", "crm-v8/users.json", "books-v3/organizations.yml"];

const run = (args: string[]) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [SCRIPT, ...args], { cwd: ROOT });
    let [stdout, stderr] = ["", ""];
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });

/** Serves the fixtures by path; `tamper` changes one file's bytes on the way out. */
const fixtureServer = (tamper: Record<string, string> = {}) =>
  loopback((req, res) => {
    const name = decodeURIComponent(req.url.slice(1));
    const file = path.join(FIXTURES, name);
    if (!FILES.includes(name) || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/octet-stream" });
    res.end(tamper[name] ?? fs.readFileSync(file));
  });

let out: string;
beforeEach(() => {
  out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "oas-script-")), "zoho-oas");
});
afterEach(() => fs.rmSync(path.dirname(out), { recursive: true, force: true }));

const filesIn = (dir: string): string[] =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((d) => d.isFile())
        .map((d) => path.relative(dir, path.join(d.parentPath, d.name)))
        .sort()
    : [];

test("downloads every listed file, verifies it and lays out the folders the contract checks read", async () => {
  const server = await fixtureServer();
  try {
    const result = await run(["--from", server.url, "--checksums", FIXTURE_SUMS, "--out", out]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("3 files verified");
    expect(result.stdout).toContain("3 downloaded, 0 already there");
    expect(server.seen.map((s) => s.url).sort()).toEqual(FILES.map((f) => `/${f}`).sort());
    expect(filesIn(out)).toEqual([...FILES].sort());
    for (const file of FILES) expect(fs.readFileSync(path.join(out, file))).toEqual(fs.readFileSync(path.join(FIXTURES, file)));
    expect(holdsOas(out)).toBe(true);
    // Nothing staged is left beside the cache.
    expect(fs.readdirSync(path.dirname(out))).toEqual(["zoho-oas"]);

    // A second run keeps the verified files and asks the server for nothing.
    const again = await run(["--from", server.url, "--checksums", FIXTURE_SUMS, "--out", out]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("0 downloaded, 3 already there");
    expect(server.seen).toHaveLength(3);
  } finally {
    await server.close();
  }
});

test("a checksum mismatch fails, names the file, and leaves no file behind", async () => {
  const server = await fixtureServer({ "crm-v8/users.json": '{"openapi": "3.0.0", "tampered": true}' });
  try {
    const result = await run(["--from", server.url, "--checksums", FIXTURE_SUMS, "--out", out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("1 of 3 files failed");
    expect(result.stderr).toMatch(
      /- crm-v8\/users\.json: checksum mismatch \(expected d83ac6aa[0-9a-f]{56}, got [0-9a-f]{64}\) from http:\/\/127\.0\.0\.1:\d+\/crm-v8\/users\.json/,
    );
    expect(result.stdout).toBe("");
    expect(fs.readdirSync(path.dirname(out))).toEqual([]);
  } finally {
    await server.close();
  }
});

test("a failed run leaves a verified cache as it was; a corrupted cached file is fetched again", async () => {
  const good = await fixtureServer();
  try {
    expect((await run(["--from", good.url, "--checksums", FIXTURE_SUMS, "--out", out])).code).toBe(0);
  } finally {
    await good.close();
  }
  fs.writeFileSync(path.join(out, "crm-v8/org.json"), "corrupted");
  const bad = await fixtureServer({ "crm-v8/org.json": "still wrong" });
  try {
    const result = await run(["--from", bad.url, "--checksums", FIXTURE_SUMS, "--out", out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("crm-v8/org.json: checksum mismatch");
    // Only the file whose cached copy failed its checksum was asked for.
    expect(bad.seen.map((s) => s.url)).toEqual(["/crm-v8/org.json"]);
    expect(fs.readFileSync(path.join(out, "crm-v8/org.json"), "utf8")).toBe("corrupted");
    expect(filesIn(out)).toEqual([...FILES].sort());
  } finally {
    await bad.close();
  }
  const fixed = await fixtureServer();
  try {
    const result = await run(["--from", fixed.url, "--checksums", FIXTURE_SUMS, "--out", out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("1 downloaded, 2 already there");
    expect(fs.readFileSync(path.join(out, "crm-v8/org.json"))).toEqual(fs.readFileSync(path.join(FIXTURES, "crm-v8/org.json")));
  } finally {
    await fixed.close();
  }
});

test("a file the server does not have fails with the URL and the status", async () => {
  const sums = path.join(path.dirname(out), "sums");
  fs.writeFileSync(sums, `${fs.readFileSync(FIXTURE_SUMS, "utf8")}${"0".repeat(64)}  crm-v8/missing.json\n`);
  const server = await fixtureServer();
  try {
    const result = await run(["--from", server.url, "--checksums", sums, "--out", out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/- crm-v8\/missing\.json: http:\/\/127\.0\.0\.1:\d+\/crm-v8\/missing\.json answered HTTP 404/);
    expect(fs.existsSync(out)).toBe(false);
  } finally {
    await server.close();
  }
});

test("a checksum list with a path outside its folders is refused before anything is fetched", async () => {
  const sums = path.join(path.dirname(out), "sums");
  fs.writeFileSync(sums, `${"a".repeat(64)}  crm-v8/../../escape.json\n`);
  const result = await run(["--from", "http://127.0.0.1:9", "--checksums", sums, "--out", out]);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain("not a checksum line");
});

describe("the real sources", () => {
  const listed = fs
    .readFileSync(path.join(ROOT, "scripts", "zoho-oas.sha256"), "utf8")
    .trim()
    .split("\n");

  test("every listed file is fetched from the repository and commit ../shared/zoho-oas/README.md names", async () => {
    const result = await run(["--list"]);
    expect(result.code).toBe(0);
    const urls = result.stdout.trim().split("\n");
    expect(urls).toHaveLength(listed.length);
    const crm = urls.filter((u) => u.includes("/crm-oas/"));
    const books = urls.filter((u) => u.includes("/zoho-books-mcp-server-openapi/"));
    expect(crm).toHaveLength(102);
    expect(books).toHaveLength(37);
    for (const line of crm)
      expect(line).toMatch(
        /^[0-9a-f]{64} {2}https:\/\/raw\.githubusercontent\.com\/zoho\/crm-oas\/45dff2cc9c69403c85b8a3642e7056528dc668d5\/v8\.0\/\w+\.json$/,
      );
    for (const line of books)
      expect(line).toMatch(
        /^[0-9a-f]{64} {2}https:\/\/github\.com\/fordez\/zoho-books-mcp-server-openapi\/raw\/d8c26c48\/mcp_server\/openapi-all\/[\w-]+\.yml$/,
      );
  });

  // The list is ours, computed from the team's copy; it must still describe that copy byte for byte.
  const shared = path.resolve(ROOT, "../shared/zoho-oas");
  (holdsOas(shared) ? test : test.skip)("the checksum list matches the team's copy in ../shared/zoho-oas, file for file", () => {
    const onDisk = ["crm-v8", "books-v3"].flatMap((folder) => fs.readdirSync(path.join(shared, folder)).map((f) => `${folder}/${f}`));
    const sums = new Map(listed.map((line) => [line.slice(66), line.slice(0, 64)]));
    expect([...sums.keys()].sort()).toEqual(onDisk.sort());
    for (const name of onDisk)
      expect(
        `${name} ${createHash("sha256")
          .update(fs.readFileSync(path.join(shared, name)))
          .digest("hex")}`,
      ).toBe(`${name} ${sums.get(name)}`);
  });
});
