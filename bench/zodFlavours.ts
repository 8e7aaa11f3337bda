/**
 * Why step inputs use zod's Zod 3 API (zod/v3): a step's first call pays for loading zod, building
 * its input schema and parsing once, and the zod package offers three ways to write the schema. This
 * writes one Get Records-like input schema in each (Zod 3, Zod 4 Mini, Zod 4), bundles each as the
 * component's build does (esbuild, minified, CommonJS), and times compile + load + build + parse in
 * fresh `node` processes, interleaved; medians.
 *
 * `node -r ts-node/register/transpile-only bench/zodFlavours.ts [--rounds 15]` runs this section alone.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { median } from "./coldStart";
import type { Row } from "./report";

const ROOT = resolve(__dirname, "..");

/** The same inputs each time: a module, a field list, a page size, a sort order, a record id, a flag and a JSON object. */
const INPUT = `{ module: " Leads ", fields: "Last_Name,Email", page: "", sortOrder: "", cvid: 5725767000000524, fetchAll: "false", criteria: '{"Email":"a@b.c"}' }`;

const SOURCES: Record<string, string> = {
  "Zod 3 (zod/v3)": `
import { z } from "zod/v3";
const blank = (v) => (v === "" || v === null ? undefined : typeof v === "string" ? v.trim() : v);
export const run = () => z.object({
  module: z.preprocess(blank, z.string({ message: "pick a module" }).regex(/^[A-Za-z][A-Za-z0-9_]*$/, "a module API name")),
  fields: z.preprocess((v) => (blank(v) === undefined ? undefined : String(v).split(",").map((f) => f.trim())), z.array(z.string().regex(/^[A-Za-z0-9_.$]+$/)).max(50).optional()),
  page: z.preprocess((v) => (blank(v) === undefined ? 200 : Number(v)), z.number().int().min(1).max(200)),
  sortOrder: z.preprocess(blank, z.enum(["asc", "desc"], { message: "asc or desc" }).optional()),
  cvid: z.preprocess((v) => (typeof v === "number" ? String(v) : blank(v)), z.string().regex(/^\\d{1,25}$/).optional()),
  fetchAll: z.preprocess((v) => blank(v) === "true", z.boolean()),
  criteria: z.preprocess((v) => (typeof v === "string" ? JSON.parse(v) : v), z.record(z.string(), z.unknown()).optional()),
}).safeParse(${INPUT});`,
  "Zod 4 Mini (zod/mini)": `
import { config } from "zod/mini";
import en from "zod/v4/locales/en.js";
config(en());
import { object, pipe, transform, string, regex, array, maxLength, optional, number, int, minimum, maximum, enum as oneOf, boolean, record, unknown } from "zod/mini";
const blank = (v) => (v === "" || v === null ? undefined : typeof v === "string" ? v.trim() : v);
export const run = () => object({
  module: pipe(transform(blank), string({ error: "pick a module" }).check(regex(/^[A-Za-z][A-Za-z0-9_]*$/, "a module API name"))),
  fields: pipe(transform((v) => (blank(v) === undefined ? undefined : String(v).split(",").map((f) => f.trim()))), optional(array(string().check(regex(/^[A-Za-z0-9_.$]+$/))).check(maxLength(50)))),
  page: pipe(transform((v) => (blank(v) === undefined ? 200 : Number(v))), number().check(int(), minimum(1), maximum(200))),
  sortOrder: pipe(transform(blank), optional(oneOf(["asc", "desc"], { error: "asc or desc" }))),
  cvid: pipe(transform((v) => (typeof v === "number" ? String(v) : blank(v))), optional(string().check(regex(/^\\d{1,25}$/)))),
  fetchAll: pipe(transform((v) => blank(v) === "true"), boolean()),
  criteria: pipe(transform((v) => (typeof v === "string" ? JSON.parse(v) : v)), optional(record(string(), unknown()))),
}).safeParse(${INPUT});`,
  "Zod 4 (zod)": `
import { z } from "zod";
const blank = (v) => (v === "" || v === null ? undefined : typeof v === "string" ? v.trim() : v);
export const run = () => z.object({
  module: z.preprocess(blank, z.string({ error: "pick a module" }).regex(/^[A-Za-z][A-Za-z0-9_]*$/, "a module API name")),
  fields: z.preprocess((v) => (blank(v) === undefined ? undefined : String(v).split(",").map((f) => f.trim())), z.array(z.string().regex(/^[A-Za-z0-9_.$]+$/)).max(50).optional()),
  page: z.preprocess((v) => (blank(v) === undefined ? 200 : Number(v)), z.number().int().min(1).max(200)),
  sortOrder: z.preprocess(blank, z.enum(["asc", "desc"], { error: "asc or desc" }).optional()),
  cvid: z.preprocess((v) => (typeof v === "number" ? String(v) : blank(v)), z.string().regex(/^\\d{1,25}$/).optional()),
  fetchAll: z.preprocess((v) => blank(v) === "true", z.boolean()),
  criteria: z.preprocess((v) => (typeof v === "string" ? JSON.parse(v) : v), z.record(z.string(), z.unknown()).optional()),
}).safeParse(${INPUT});`,
};

/**
 * Zod 4 bundles some 40 locales; Zod 3 has English only. To compare like with like, Zod 4's locale
 * index becomes English alone (as the component's build did while it used Zod 4), and Zod 4 Mini,
 * which loads no locale, is given English, so all three write the same default messages.
 */
const englishOnly = {
  name: "english-only",
  setup(b: import("esbuild").PluginBuild) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.c?js$/ }, (args) =>
      args.importer.includes("/zod/v4/") ? { path: "en", namespace: "zod-locales" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "zod-locales" }, () => ({
      contents: 'export { default as en } from "zod/v4/locales/en.js";',
      resolveDir: ROOT,
      loader: "js",
    }));
  },
};

/** Compiles and loads a bundle as the component's chunk loader does, then builds the schema and parses once. */
const CHILD = `
const { compileFunction } = require("node:vm");
const source = require("node:fs").readFileSync(process.argv[1], "utf8");
const at = process.hrtime.bigint();
const module = { exports: {} };
compileFunction(source, ["exports", "require", "module"])(module.exports, require, module);
const result = module.exports.run();
const ms = Number(process.hrtime.bigint() - at) / 1e6;
if (!result.success || result.data.cvid !== "5725767000000524" || result.data.fields.length !== 2) throw new Error("parse failed: " + JSON.stringify(result));
process.stdout.write(JSON.stringify({ ms }));
`;

const once = (file: string) =>
  new Promise<number>((done, fail) =>
    execFile(process.execPath, ["-e", CHILD, file], { encoding: "utf8" }, (error, stdout, stderr) =>
      error ? fail(new Error(stderr || error.message)) : done(JSON.parse(stdout).ms),
    ),
  );

export interface ZodFlavour {
  name: string;
  bytes: number;
  ms: number;
}

export const measureZodFlavours = async ({ rounds = 15 }: { rounds?: number } = {}): Promise<ZodFlavour[]> => {
  const dir = mkdtempSync(join(tmpdir(), "zoho-zod-flavours-"));
  try {
    const files = await Promise.all(
      Object.entries(SOURCES).map(async ([name, source], i) => {
        const entry = join(dir, `entry${i}.mjs`);
        const outfile = join(dir, `bundle${i}.js`);
        writeFileSync(entry, source);
        await build({
          entryPoints: [entry],
          outfile,
          bundle: true,
          minify: true,
          platform: "node",
          format: "cjs",
          target: "node20",
          nodePaths: [join(ROOT, "node_modules")],
          logLevel: "error",
          plugins: [englishOnly],
        });
        return { name, file: outfile };
      }),
    );
    const samples = new Map<string, number[]>(files.map(({ name }) => [name, []]));
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 ? [...files].reverse() : files;
      for (const { name, file } of order) samples.get(name)?.push(await once(file));
    }
    return files.map(({ name, file }) => ({ name, bytes: statSync(file).size, ms: median(samples.get(name) ?? []) }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/** Zod 3 is chosen for costing no more than the cheapest flavour (within noise) while keeping zod's chained API. */
export const zodFlavourRow = (flavours: ZodFlavour[], rounds: number): Row => {
  const [zod3, ...others] = flavours;
  const cheapest = Math.min(...flavours.map((f) => f.ms));
  const ok = zod3.ms <= cheapest * 1.25;
  return {
    scenario: `Zod flavours: load zod, build a Get Records-like input schema and parse once, in a fresh \`node\` process (what a step's first call pays; median of ${rounds} interleaved rounds)`,
    calls: "",
    time: `${zod3.ms.toFixed(1)} ms`,
    ratio: others.map((f) => `${f.name.split(" (")[0]} ${(f.ms / zod3.ms).toFixed(1)}×`).join(", "),
    result: flavours.map((f) => `${f.name} ${f.ms.toFixed(1)} ms, ${Math.round(f.bytes / 1024)} KB`).join("; "),
    target: `Zod 3 within 1.25× of the cheapest: ${ok ? "PASS" : "FAIL"}`,
  };
};

if (require.main === module) {
  const at = process.argv.indexOf("--rounds");
  const rounds = at < 0 ? 15 : Number(process.argv[at + 1]);
  measureZodFlavours({ rounds })
    .then((flavours) => {
      const row = zodFlavourRow(flavours, rounds);
      process.stdout.write(`${row.scenario}\n  ${[row.time, row.ratio, row.result, row.target].join(" | ")}\n`);
    })
    .catch((error) => {
      process.stderr.write(`${(error as Error).stack ?? error}\n`);
      process.exit(1);
    });
}
