// `npm test`: runs jest, then prints one plain closing line ("tests: N passed, N failed, N skipped")
// that CI reads, whatever jest printed before it. Extra arguments go to jest.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dir = mkdtempSync(join(tmpdir(), "zoho-jest-"));
const out = join(dir, "results.json");
const jest = join("node_modules", "jest", "bin", "jest.js");
const run = spawnSync(process.execPath, [jest, "--json", `--outputFile=${out}`, ...process.argv.slice(2)], { stdio: "inherit" });
let line = "tests: 0 passed, 0 failed";
try {
  const r = JSON.parse(readFileSync(out, "utf8"));
  line = `tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`;
  if (r.numFailedTestSuites && !r.numFailedTests) line = `tests: ${r.numPassedTests} passed, ${r.numFailedTestSuites} failed`;
} catch {
  line = "tests: 0 passed, 1 failed";
}
rmSync(dir, { recursive: true, force: true });
console.log(line);
process.exit(run.status ?? 1);
