// `npm run oas`: downloads Zoho's OpenAPI files (the contract checks' reference) into .cache/zoho-oas,
// from the same sources and commits as the team's copy, and keeps them only if every file matches the
// SHA-256 listed in scripts/zoho-oas.sha256. Files go to a staging folder first and replace the cache
// only when all are verified, so a failed run leaves the cache as it was and no unverified file behind.
//
//   npm run oas                        # every file, from the pinned sources
//   npm run oas -- --list              # print what would be fetched, fetch nothing
//   npm run oas -- --from URL          # a mirror laid out like the cache (URL/crm-v8/..., URL/books-v3/...)
//   npm run oas -- --out DIR --checksums FILE
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Each folder's source, pinned to the commit the team's copy (../shared/zoho-oas/README.md) came from. */
const SOURCES = {
  // Zoho's official repository, v8.0/ at commit 45dff2cc (2025-06-27).
  "crm-v8": "https://raw.githubusercontent.com/zoho/crm-oas/45dff2cc9c69403c85b8a3642e7056528dc668d5/v8.0/",
  // The public copy of the "Zoho Books OpenAPI Document" Zoho links from its Books API page, at commit
  // d8c26c48. Only the abbreviated id is on record: github.com resolves it and redirects to the raw file.
  "books-v3": "https://github.com/fordez/zoho-books-mcp-server-openapi/raw/d8c26c48/mcp_server/openapi-all/",
};

const CONCURRENCY = 8;
const TIMEOUT_MS = 60_000;

const usage = `usage: npm run oas -- [--out DIR] [--checksums FILE] [--from URL] [--list]`;

const parseArgs = (argv) => {
  const options = { out: join(ROOT, ".cache", "zoho-oas"), checksums: join(ROOT, "scripts", "zoho-oas.sha256"), from: undefined, list: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--list") options.list = true;
    else if (["--out", "--checksums", "--from"].includes(arg) && argv[i + 1]) options[arg.slice(2)] = argv[++i];
    else throw new Error(`unknown or incomplete argument ${arg}\n${usage}`);
  }
  return { ...options, out: resolve(options.out), checksums: resolve(options.checksums) };
};

/** `<sha256>  <folder>/<file>` lines (sha256sum's format, so `sha256sum -c` reads the list too). */
const readChecksums = (file) =>
  readFileSync(file, "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const found = /^([0-9a-f]{64}) [ *]?(\S+)$/.exec(line);
      const name = found?.[2] ?? "";
      const [folder, base, ...rest] = name.split("/");
      if (!found || rest.length || !base || base.startsWith(".") || !/^[\w.-]+$/.test(base)) throw new Error(`${file}: not a checksum line: ${line}`);
      return { sha256: found[1], folder, name };
    });

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

const urlOf = (entry, from) => {
  const base = from ? `${from.replace(/\/+$/, "")}/${entry.folder}/` : SOURCES[entry.folder];
  if (!base) throw new Error(`no source for folder ${entry.folder} (known: ${Object.keys(SOURCES).join(", ")})`);
  return base + entry.name.slice(entry.folder.length + 1);
};

/** The file's bytes, from the cache when already verified there, else downloaded; throws unless the checksum matches. */
const obtain = async (entry, options) => {
  const cached = join(options.out, entry.name);
  if (existsSync(cached)) {
    const bytes = readFileSync(cached);
    if (sha256(bytes) === entry.sha256) return { bytes, downloaded: false };
  }
  const url = urlOf(entry, options.from);
  let response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: "follow" });
  } catch (error) {
    throw new Error(`${entry.name}: ${url} could not be fetched (${error.cause?.message ?? error.message})`);
  }
  if (!response.ok) throw new Error(`${entry.name}: ${url} answered HTTP ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  const actual = sha256(bytes);
  if (actual !== entry.sha256) throw new Error(`${entry.name}: checksum mismatch (expected ${entry.sha256}, got ${actual}) from ${url}`);
  return { bytes, downloaded: true };
};

const main = async () => {
  const options = parseArgs(process.argv.slice(2));
  const entries = readChecksums(options.checksums);
  if (options.list) {
    for (const entry of entries) console.log(`${entry.sha256}  ${urlOf(entry, options.from)}`);
    return 0;
  }
  const staging = `${options.out}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const failures = [];
  let downloaded = 0;
  try {
    let next = 0;
    const worker = async () => {
      while (next < entries.length) {
        const entry = entries[next++];
        try {
          const got = await obtain(entry, options);
          mkdirSync(join(staging, entry.folder), { recursive: true });
          writeFileSync(join(staging, entry.name), got.bytes);
          if (got.downloaded) downloaded++;
        } catch (error) {
          failures.push(error.message);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    if (failures.length) {
      console.error(`zoho-oas: ${failures.length} of ${entries.length} files failed; ${options.out} left as it was:`);
      for (const failure of failures.sort()) console.error(`- ${failure}`);
      return 1;
    }
    // Every file verified: the staged set replaces the cache whole (files no longer listed go with it).
    mkdirSync(dirname(options.out), { recursive: true });
    const old = `${options.out}.old-${process.pid}`;
    if (existsSync(options.out)) renameSync(options.out, old);
    renameSync(staging, options.out);
    rmSync(old, { recursive: true, force: true });
    const folders = [...new Set(entries.map((e) => e.folder))].map((f) => `${f} ${readdirSync(join(options.out, f)).length}`);
    console.log(
      `zoho-oas: ${entries.length} files verified against ${relative(ROOT, options.checksums)} in ${options.out} (${folders.join(", ")}; ${downloaded} downloaded, ${entries.length - downloaded} already there)`,
    );
    return 0;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
};

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`zoho-oas: ${error.message}`);
    process.exit(2);
  },
);
