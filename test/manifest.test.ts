/**
 * The committed component manifest (manifest/) must be what spectral's generator makes of the
 * current component: regenerate into a temporary folder and compare file by file.
 * Regenerate the committed one with `npm run manifest` (or `npm run docs`).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.join(__dirname, "..");

const filesUnder = (dir: string, prefix = ""): string[] =>
  readdirSync(dir)
    .flatMap((name) => (statSync(path.join(dir, name)).isDirectory() ? filesUnder(path.join(dir, name), `${prefix}${name}/`) : [`${prefix}${name}`]))
    .sort();

describe("component manifest", () => {
  let fresh: string;

  beforeAll(() => {
    fresh = path.join(mkdtempSync(path.join(tmpdir(), "zoho-manifest-")), "manifest");
    execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", path.join("scripts", "manifest.ts"), fresh], { cwd: root, stdio: "pipe" });
  }, 60_000);

  afterAll(() => rmSync(path.dirname(fresh), { recursive: true, force: true }));

  it("holds the same files as a fresh generation (regenerate with npm run manifest)", () => {
    expect(filesUnder(path.join(root, "manifest"))).toEqual(filesUnder(fresh));
  });

  it("has the same content in every file (regenerate with npm run manifest)", () => {
    const stale = filesUnder(fresh).filter((file) => {
      const committed = path.join(root, "manifest", file);
      try {
        return readFileSync(committed, "utf8") !== readFileSync(path.join(fresh, file), "utf8");
      } catch {
        return true;
      }
    });
    expect(stale).toEqual([]);
  });

  it("describes every action and trigger of the component", () => {
    const component = require("../src/index").default;
    const files = filesUnder(fresh);
    for (const key of Object.keys(component.actions)) expect(files).toContain(`src/actions/${key}.ts`);
    for (const key of Object.keys(component.triggers)) expect(files).toContain(`src/triggers/${key}.ts`);
  });
});
