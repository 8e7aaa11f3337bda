/**
 * Where Zoho's OpenAPI files are. $ZOHO_OAS_DIR, when set, is the only place looked at (an explicit
 * choice never falls back to another copy; `ZOHO_OAS_DIR=none` runs as a fresh clone without the files
 * does). Otherwise ../shared/zoho-oas beside the repo, then .cache/zoho-oas, where `npm run oas` puts them.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const CRM_FOLDER = "crm-v8";
export const BOOKS_FOLDER = "books-v3";

const ROOT = path.resolve(__dirname, "../..");
/** The cache `npm run oas` fills (git-ignored). */
export const CACHE_DIR = path.join(ROOT, ".cache", "zoho-oas");

/** The folders looked in, in order. */
export const oasCandidates = (): string[] => {
  const explicit = process.env.ZOHO_OAS_DIR;
  if (explicit) return explicit === "none" ? [] : [path.resolve(explicit)];
  return [path.resolve(ROOT, "../shared/zoho-oas"), CACHE_DIR];
};

/** A folder holds the files when both the CRM and the Books folders are in it. */
export const holdsOas = (dir: string): boolean => [CRM_FOLDER, BOOKS_FOLDER].every((folder) => fs.existsSync(path.join(dir, folder)));

/** The first folder that holds the files, else the first one looked in (so a caller's existence check fails). */
export const oasDir = (): string => {
  const candidates = oasCandidates();
  // With ZOHO_OAS_DIR=none, a path that cannot exist (below the null device).
  return candidates.find(holdsOas) ?? candidates[0] ?? path.join(os.devNull, "zoho-oas");
};

const whereNot = () => {
  const looked = oasCandidates();
  return looked.length ? `not found in ${looked.join(" or ")}` : "disabled (ZOHO_OAS_DIR=none)";
};

/** What the run says, once, when the files are absent. */
export const skipNotice = (): string =>
  `Zoho's OpenAPI files ${whereNot()}: contract checks skipped. Run \`npm run oas\` (downloads them into .cache/zoho-oas) or set ZOHO_OAS_DIR to enable them.`;

/** Why a run without the files fails when ZOHO_OAS_REQUIRED=1 (CI), so CI cannot pass without the checks. */
export const requiredMessage = (): string => `Zoho's OpenAPI files ${whereNot()}: contract checks are required (ZOHO_OAS_REQUIRED=1)`;
