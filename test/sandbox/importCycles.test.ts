/**
 * The sandbox has no import cycle: a module in a cycle can run before what it imports has loaded
 * (composite once imported the server, which imported the routes, which imported composite).
 * Reads every relative import of sandbox/**\/*.ts, leaving out type-only ones (erased at build), and
 * looks for a cycle with a depth-first walk. Dependency-free on purpose.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const ROOT = resolve(__dirname, "../../sandbox");

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".d.ts") ? [path] : [];
  });

// `import ... from "./x"`, `export ... from "./x"`, `import "./x"`, `require("./x")`, `import("./x")`.
const STATEMENT =
  /(?:^|[;\n])\s*(import|export)\s+(type\s+)?([^;]*?)\s*from\s*["'](\.{1,2}\/[^"']+)["']|(?:^|[;\n])\s*import\s*["'](\.{1,2}\/[^"']+)["']|(?:require|import)\s*\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;

/** Whether `{ type A, type B }` names types only (so the import is erased). */
const typesOnly = (clause: string): boolean => {
  const named = /^\{([\s\S]*)\}$/.exec(clause.trim());
  if (!named) return false;
  const names = named[1]
    .split(",")
    .map((n) => n.trim())
    .filter(Boolean);
  return names.length > 0 && names.every((n) => n.startsWith("type "));
};

const resolveImport = (from: string, spec: string): string | undefined => {
  const base = resolve(dirname(from), spec);
  return [`${base}.ts`, join(base, "index.ts"), base].find((path) => existsSync(path) && statSync(path).isFile());
};

/** Runtime imports of `file` inside the sandbox. */
export const runtimeImports = (file: string, source = readFileSync(file, "utf8")): string[] => {
  const found: string[] = [];
  for (const match of source
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/.*$/gm, "")
    .matchAll(STATEMENT)) {
    const [, , typeKeyword, clause, fromSpec, bareSpec, callSpec] = match;
    if (fromSpec && (typeKeyword || typesOnly(clause))) continue;
    const target = resolveImport(file, fromSpec ?? bareSpec ?? callSpec);
    if (target?.startsWith(ROOT)) found.push(target);
  }
  return found;
};

/** A cycle as a list of files (first repeated at the end), or undefined. */
export const findCycle = (graph: Map<string, string[]>): string[] | undefined => {
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (file: string): string[] | undefined => {
    const at = onPath.indexOf(file);
    if (at >= 0) return [...onPath.slice(at), file];
    if (done.has(file)) return undefined;
    onPath.push(file);
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    onPath.pop();
    done.add(file);
    return undefined;
  };
  for (const file of graph.keys()) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return undefined;
};

describe("sandbox imports", () => {
  it("reads runtime imports and skips type-only ones", () => {
    const file = join(ROOT, "crm", "example.ts");
    const source = [
      'import { a } from "../state";',
      'import type { B } from "../types";',
      'import { type C, type D } from "../router";',
      'import { e, type F } from "../respond";',
      'export { g } from "../clock";',
      '// import { h } from "../limits";',
    ].join("\n");
    expect(runtimeImports(file, source).map((path) => relative(ROOT, path))).toEqual(["state.ts", "respond.ts", "clock.ts"]);
    expect(
      findCycle(
        new Map([
          ["a", ["b"]],
          ["b", ["c"]],
          ["c", ["a"]],
        ]),
      ),
    ).toEqual(["a", "b", "c", "a"]);
    expect(
      findCycle(
        new Map([
          ["a", ["b", "c"]],
          ["b", ["c"]],
          ["c", []],
        ]),
      ),
    ).toBeUndefined();
  });

  it("has no import cycle", () => {
    const files = sourceFiles(ROOT);
    expect(files.length).toBeGreaterThan(50);
    const graph = new Map(files.map((file) => [file, runtimeImports(file)]));
    // The server's imports are seen: the walk covers the routes and every endpoint group.
    expect(graph.get(join(ROOT, "server.ts"))).toContain(join(ROOT, "routes.ts"));
    const cycle = findCycle(graph);
    expect(cycle?.map((path) => relative(ROOT, path))).toBeUndefined();
  });
});
