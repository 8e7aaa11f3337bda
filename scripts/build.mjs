// Builds the publishable bundle: dist/index.js (CommonJS, Node 20) and dist/icon.png.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { brotliCompressSync, constants as zlibConstants } from "node:zlib";

const started = Date.now();
const shim = (file) => new URL(`./bundle-shims/${file}`, import.meta.url).pathname;

/** Swap three heavy modules a component never needs for small stand-ins (see each shim's comment). */
const slimDependencies = {
  name: "slim-dependencies",
  setup(b) {
    // object-sizeof asks for the npm "buffer" polyfill; Node has its own.
    b.onResolve({ filter: /^buffer\/$/ }, () => ({ path: "buffer", external: true }));
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: shim("yaml.cjs") }));
    // convertComponent omits keys of every input and step at load; see the shim for what it speeds up.
    b.onResolve({ filter: /^lodash\/omit$/ }, (args) =>
      args.importer.endsWith("/spectral/dist/serverTypes/convertComponent.js") ? { path: shim("lodash-omit.cjs") } : undefined,
    );
    // templateConnectionInputs merges a connection's inputs at load; see the shim.
    b.onResolve({ filter: /^lodash\/merge$/ }, (args) =>
      args.importer.endsWith("/spectral/dist/types/ConnectionDefinition.js") ? { path: shim("lodash-merge.cjs") } : undefined,
    );
    // perform cleans every step's params with uniq; see the shim.
    b.onResolve({ filter: /^lodash\/uniq$/ }, (args) =>
      args.importer.endsWith("/spectral/dist/serverTypes/perform.js") ? { path: shim("lodash-uniq.cjs") } : undefined,
    );
    // Our files import spectral's root by name: an ES facade over the stand-in gives each name once,
    // instead of esbuild copying the stand-in's ~40 exports into each of ~50 importing files at load.
    b.onResolve({ filter: /^@prismatic-io\/spectral$/ }, () => ({ path: "spectral", namespace: "spectral-facade" }));
    b.onLoad({ filter: /.*/, namespace: "spectral-facade" }, () => {
      const names = Object.keys(createRequire(import.meta.url)(shim("spectral.cjs"))).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));
      return {
        contents: `import spectral from ${JSON.stringify(shim("spectral.cjs"))};\n${names.map((name) => `export const ${name} = spectral.${name};`).join("\n")}`,
        loader: "js",
        resolveDir: process.cwd(),
      };
    });
    b.onResolve({ filter: /^\.\.\/\.\.$/ }, (args) => (args.importer.includes("/spectral/dist/clients/http/") ? { path: shim("spectral.cjs") } : undefined));
    // spectral's util re-exports its branch-condition helpers (which load all of date-fns); nothing a component runs uses them.
    b.onResolve({ filter: /^\.\/conditionalLogic$/ }, (args) => (args.importer.endsWith("/spectral/dist/util.js") ? { path: shim("empty.cjs") } : undefined));
    // Converting a code-native integration's configuration (and zod's JSON-schema export it uses) never runs in a component.
    b.onResolve({ filter: /^\.\/convertIntegrationConfiguration$/ }, (args) =>
      args.importer.includes("/spectral/dist/serverTypes/") ? { path: shim("cni-configuration.cjs") } : undefined,
    );
    // One copy of each package: resolve our `import`s to the CommonJS build spectral `require`s.
    // zod is the exception: only our code uses it, and its ES build lets esbuild drop what we never call
    // and skip copying its exports into every importing file.
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.kind === "import-statement" && !/^zod(\/|$)/.test(args.path)
        ? b.resolve(args.path, { kind: "require-call", resolveDir: args.resolveDir })
        : undefined,
    );
    b.onResolve({ filter: /^mime-db$/ }, () => ({ path: shim("mime-db.cjs") }));
    // form-data's two helpers, as Node 20 runs them, without their polyfill stack (see each shim).
    b.onResolve({ filter: /^es-set-tostringtag$/ }, () => ({ path: shim("set-tostringtag.cjs") }));
    b.onResolve({ filter: /^hasown$/ }, () => ({ path: shim("hasown.cjs") }));
  },
};
/**
 * Packages a step needs only once it runs, not at `require`: each is built into its own chunk (the
 * package and what only it uses), kept in the bundle as text and compiled on its first use by
 * scripts/bundle-shims/chunks.cjs. axios is the whole HTTP stack (Node's http, https, http2, tls,
 * zlib and undici load with it); zod is loaded when the first step builds its input schema; the
 * rest serve bulk files, multipart bodies and proxies. Chunks ask each other for packages on this
 * list, so each package exists once.
 */
const CHUNKS = [
  ...["axios", "axios-retry", "form-data", "https-proxy-agent", "debug", "object-sizeof"],
  "zod/v3",
  ...["fflate", "csv-parse/sync", "csv-stringify/sync"],
  // spectral's util: JSON, URL and date helpers, called by steps, never at load.
  ...["safe-stable-stringify", "valid-url", "date-fns/fromUnixTime", "date-fns/isDate", "date-fns/isValid", "date-fns/parseISO"],
];
/**
 * Packages that share most of their code go into one chunk together, each still a module of its
 * own to its importers: the lodash functions spectral calls in steps (omit, uniq and merge where
 * bundle-shims/lodash-omit.cjs, lodash-uniq.cjs and lodash-merge.cjs hand over).
 */
const GROUPS = { lodash: ["lodash/omit", "lodash/omitBy", "lodash/uniq", "lodash/merge", "lodash/isEmpty", "lodash/camelCase", "lodash/snakeCase"] };
const groupOf = new Map(Object.entries(GROUPS).flatMap(([group, members]) => members.map((member) => [member, group])));
/** ES packages: their chunk is the ES build (one module scope, as esbuild hoists it), imported by name. */
const ES_CHUNKS = new Set(["zod/v3"]);
/**
 * Chunk text is stored brotli-compressed as base64 text, in archives (ARCHIVES): a third of its
 * bytes. The first chunk loaded from an archive decompresses all of it, so what every step run needs
 * (zod, axios) has an archive of its own. Node decodes base64 natively; a denser text encoding
 * decoded in JavaScript (Z85, tried) cost 3 ms on the first call. BUILD_COMPRESS=0 stores plain text.
 */
const COMPRESS = process.env.BUILD_COMPRESS !== "0";
const compress = (text) =>
  brotliCompressSync(text, {
    params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_LGWIN]: 24, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: text.length },
  });
const nodeRequire = createRequire(import.meta.url);
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const chunkFilter = new RegExp(`^(${[...CHUNKS, ...groupOf.keys()].map(escapeRegExp).join("|")})$`);

/** axios without its load-time reach for undici: see bundle-shims/axios-edits.cjs. */
const AXIOS_EDITS = nodeRequire("./bundle-shims/axios-edits.cjs");
const axiosWithoutWebGlobalsAtLoad = {
  name: "axios-without-web-globals-at-load",
  setup(b) {
    b.onLoad({ filter: /[\\/]axios[\\/]dist[\\/]node[\\/]axios\.cjs$/ }, async (args) => {
      const { readFile } = await import("node:fs/promises");
      const source = await readFile(args.path, "utf8");
      return { contents: AXIOS_EDITS.apply(source, args.path), loader: "js" };
    });
  },
};

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  minify: process.env.BUILD_MINIFY !== "0",
  treeShaking: true,
  legalComments: "none",
  sourcemap: false,
  logLevel: "warning",
};

/**
 * spectral's code-native integration converter: its context and perform modules import it at their
 * top but call it only for code-native integrations, and it brings crypto, yaml handling and a dozen
 * lodash modules. Its chunk holds it and the spectral modules only it uses; the spectral modules the
 * component itself runs (context, perform, convertComponent, types, ...) stay in the bundle, and the
 * chunk asks for them as "zoho-main:<path>" (bundle-shims/chunks.cjs hands over the bundle's copy).
 */
const SPECTRAL_DIST = dirname(nodeRequire.resolve("@prismatic-io/spectral/dist/serverTypes/convertIntegration.js")).replace(/serverTypes$/, "");
const SPECTRAL_CHUNKS = [
  {
    name: "spectral-code-native",
    request: /^\.\/convertIntegration$/,
    importer: "/@prismatic-io/spectral/dist/serverTypes/",
    file: `${SPECTRAL_DIST}serverTypes/convertIntegration.js`,
    own: [
      "serverTypes/convertIntegration.js",
      "serverTypes/asyncContext.js",
      "serverTypes/batching.js",
      "serverTypes/configurationContext.js",
      "serverTypes/integration.js",
    ],
  },
];
/** The bundle's own modules chunks ask for, filled in as chunks are built. */
const mainModules = new Set();
const fromMain = (own) => ({
  name: "spectral-from-main",
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, async (args) => {
      if (!args.importer.startsWith(SPECTRAL_DIST) || args.pluginData === "from-main") return undefined;
      const resolved = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: "from-main" });
      if (!resolved.path.startsWith(SPECTRAL_DIST)) return resolved;
      const file = resolved.path.slice(SPECTRAL_DIST.length);
      if (own.includes(file)) return resolved;
      mainModules.add(file);
      return { path: `zoho-main:${file}`, external: true };
    });
  },
});

/**
 * Our code reaches zod only as `z.<name>` (import { z } from "zod/v3"). The zod chunk's `z` holds just
 * the names our sources use, so esbuild leaves out the schema types and helpers no step builds (a
 * sixth of zod, and of its start-up on the first step run). A `z` used any other way (passed along,
 * indexed) makes the build keep zod's whole namespace, with a warning.
 */
const SOURCES = ["src", "actions", "triggers", "dataSources", "connections"];
const zodEntry = async () => {
  const { readdir, readFile } = await import("node:fs/promises");
  const files = (
    await Promise.all(SOURCES.map((dir) => readdir(dir, { recursive: true }).then((names) => names.filter((n) => n.endsWith(".ts")).map((n) => `${dir}/${n}`))))
  ).flat();
  const used = new Set();
  const loose = [];
  for (const file of files) {
    const text = await readFile(file, "utf8");
    if (!/from "zod\/v3"/.test(text)) continue;
    // Comments, strings and imports cannot hold a use of z; what is left must be `z.<name>`.
    const code = text
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/\/\/.*$/gm, "")
      .replace(/`(?:\\[\s\S]|[^`\\])*`|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'/g, '""')
      .replace(/^import [^;]*;$/gm, "");
    for (const [, name] of code.matchAll(/(?<![\w$.])z\s*\.\s*([A-Za-z_$][\w$]*)/g)) used.add(name);
    // ("-z" is a regular expression's range, as in [a-z].)
    if (/(?<![\w$.-])z(?![\w$]|\s*\.)/.test(code.replace(/(?<![\w$.])z\s*\.\s*[A-Za-z_$][\w$]*/g, ""))) loose.push(file);
  }
  const zod = await import("zod/v3");
  if (loose.length > 0) {
    console.warn(`build: ${loose.join(", ")} use z other than as z.<name>; the zod chunk keeps zod's whole namespace`);
    return `export * from "zod/v3"; export { default } from "zod/v3";`;
  }
  const names = [...used].filter((name) => name in zod.z).sort();
  return `import { ${names.map((n, i) => `${n} as n${i}`).join(", ")} } from "zod/v3";\nexport const z = { ${names.map((n, i) => `${n}: n${i}`).join(", ")} };`;
};

/** One chunk: its code, and what the stand-in must know without loading it (export names, callable or not). */
const buildChunk = async (name, spectral) => {
  const es = ES_CHUNKS.has(name);
  const members = GROUPS[name];
  const contents = spectral
    ? `module.exports = require(${JSON.stringify(spectral.file)});`
    : members
      ? `module.exports = {${members.map((m) => `${JSON.stringify(m)}: require(${JSON.stringify(m)})`).join(", ")}};`
      : name === "zod/v3"
        ? await zodEntry()
        : es
          ? `export * from "${name}"; export { default } from "${name}";`
          : `module.exports = require("${name}");`;
  const result = await build({
    ...common,
    stdin: { contents, resolveDir: process.cwd(), sourcefile: `chunk:${name}` },
    write: false,
    metafile: true,
    plugins: [
      {
        name: "other-chunks",
        setup: (b) =>
          b.onResolve({ filter: chunkFilter }, (args) =>
            args.path === name || groupOf.get(args.path) === name ? undefined : { path: args.path, external: true },
          ),
      },
      slimDependencies,
      ...(spectral ? [fromMain(spectral.own)] : []),
      axiosWithoutWebGlobalsAtLoad,
    ],
  });
  const code = result.outputFiles[0].text;
  // Run it once here to learn its exports (other chunks it asks for come from node_modules).
  const module = { exports: {} };
  const buildRequire = (id) => nodeRequire(id.startsWith("zoho-main:") ? `${SPECTRAL_DIST}${id.slice("zoho-main:".length)}` : id);
  new Function("exports", "require", "module", code)(module.exports, buildRequire, module);
  const value = module.exports;
  const exports = Object.keys(value).map((key) => ({ key, callable: typeof value[key] === "function" }));
  return { name, es, code, exports, callable: typeof value === "function", esModule: value.__esModule, meta: result.metafile };
};

const chunks = await Promise.all([
  ...CHUNKS.map((name) => buildChunk(name)),
  ...Object.keys(GROUPS).map((name) => buildChunk(name)),
  ...SPECTRAL_CHUNKS.map((c) => buildChunk(c.name, c)),
]);
const byName = new Map(chunks.map((c) => [c.name, c]));
/**
 * Three archives: what every step run loads (input validation and the HTTP client), what some steps
 * load (multipart bodies, proxies, spectral's helpers), and the rarely needed (bulk files, code-native).
 */
const FIRST = ["zod/v3", "axios", "axios-retry"];
const RARE = ["fflate", "csv-parse/sync", "csv-stringify/sync", ...SPECTRAL_CHUNKS.map((c) => c.name)];
const ARCHIVES = { first: FIRST, steps: chunks.map((c) => c.name).filter((name) => !RARE.includes(name) && !FIRST.includes(name)), rare: RARE };
const runtime = shim("chunks.cjs");
const identifier = /^[A-Za-z_$][\w$]*$/;
const lazyChunks = {
  name: "lazy-chunks",
  setup(b) {
    b.onResolve({ filter: chunkFilter }, (args) => ({ path: args.path, namespace: "chunk" }));
    for (const { name, request, importer } of SPECTRAL_CHUNKS) {
      b.onResolve({ filter: request }, (args) => (args.importer.includes(importer) ? { path: name, namespace: "chunk" } : undefined));
    }
    b.onResolve({ filter: /^zoho-main-modules$/ }, () => ({ path: "main", namespace: "chunk-main" }));
    b.onLoad({ filter: /.*/, namespace: "chunk-main" }, () => ({
      contents: `module.exports = {\n${[...mainModules].map((file) => `  ${JSON.stringify(file)}: () => require(${JSON.stringify(SPECTRAL_DIST + file)}),`).join("\n")}\n};`,
      loader: "js",
      resolveDir: process.cwd(),
    }));
    b.onResolve({ filter: /^zoho-chunk-table$/ }, () => ({ path: "table", namespace: "chunk-table" }));
    b.onLoad({ filter: /.*/, namespace: "chunk-table" }, () => {
      // Chunks other chunks require get a stand-in first: what it must answer without loading.
      const required = new Set(
        chunks.flatMap((c) =>
          Object.values(c.meta.inputs)
            .flatMap((input) => input.imports)
            .filter((i) => i.external && chunkFilter.test(i.path))
            .map((i) => groupOf.get(i.path) ?? i.path),
        ),
      );
      const info = (c) =>
        !required.has(c.name)
          ? {}
          : GROUPS[c.name]
            ? { info: { members: GROUPS[c.name], callables: c.exports.filter((e) => e.callable).map(({ key }) => key) } }
            : { info: { callable: c.callable, keys: c.exports.map(({ key }) => key), esModule: c.esModule } };
      if (!COMPRESS)
        return {
          contents: `module.exports = ${JSON.stringify({ archives: {}, chunks: Object.fromEntries(chunks.map((c) => [c.name, { code: c.code, ...info(c) }])) })};`,
          loader: "js",
        };
      // Chunks compress together, per archive: packages a step run loads, and the rest (bulk files, code-native).
      const archives = {};
      const table = {};
      for (const [archive, names] of Object.entries(ARCHIVES)) {
        const parts = names.map((name) => Buffer.from(byName.get(name).code, "utf8"));
        let start = 0;
        names.forEach((name, i) => {
          table[name] = { archive, start, end: start + parts[i].length, ...info(byName.get(name)) };
          start += parts[i].length;
        });
        const packed = compress(Buffer.concat(parts));
        archives[archive] = packed.toString("base64");
      }
      return { contents: `module.exports = ${JSON.stringify({ archives, chunks: table })};`, loader: "js" };
    });
    b.onLoad({ filter: /.*/, namespace: "chunk" }, (args) => {
      const group = groupOf.get(args.path);
      if (group) {
        const callable = byName.get(group).exports.find(({ key }) => key === args.path)?.callable ?? false;
        return {
          contents: `module.exports = require(${JSON.stringify(runtime)}).member(${JSON.stringify(group)}, ${JSON.stringify(args.path)}, { callable: ${callable} });`,
          loader: "js",
          resolveDir: process.cwd(),
        };
      }
      const c = byName.get(args.path);
      const at = JSON.stringify(c.name);
      if (c.es) {
        // Named exports, each its own stand-in: importers use them directly and esbuild drops the unused ones.
        const lines = c.exports
          .filter(({ key }) => key !== "default" && identifier.test(key))
          .map(
            ({ key, callable }, i) =>
              `const e${i} = /* @__PURE__ */ chunkExport(${at}, ${JSON.stringify(key)}, { callable: ${callable} });\nexport { e${i} as ${key} };`,
          );
        const dflt = c.exports.find(({ key }) => key === "default");
        if (dflt) lines.push(`export default /* @__PURE__ */ chunkExport(${at}, "default", { callable: ${dflt.callable} });`);
        return { contents: `import { chunkExport } from ${JSON.stringify(runtime)};\n${lines.join("\n")}`, loader: "js", resolveDir: process.cwd() };
      }
      const info = { callable: c.callable, keys: c.exports.map(({ key }) => key), esModule: c.esModule };
      return {
        contents: `module.exports = require(${JSON.stringify(runtime)}).chunk(${at}, ${JSON.stringify(info)});`,
        loader: "js",
        resolveDir: process.cwd(),
      };
    });
  },
};

/**
 * Node built-ins our code and spectral import at their top but call in steps only (crypto for
 * webhook signatures and ids, perf_hooks for spectral's debug timings): required on first use.
 */
const FIRST_USE = [{ filter: /^(node:)?(crypto|perf_hooks)$/, builtin: true }];
const firstUse = {
  name: "first-use",
  setup(b) {
    for (const { filter, builtin, importer } of FIRST_USE) {
      b.onResolve({ filter }, async (args) => {
        if (args.namespace === "first-use" || (importer && !args.importer.includes(importer))) return undefined;
        const path = builtin ? args.path : (await b.resolve(args.path, { kind: "require-call", resolveDir: args.resolveDir })).path;
        return { path, namespace: "first-use" };
      });
    }
    b.onLoad({ filter: /.*/, namespace: "first-use" }, (args) => {
      // What importers may ask of the module before using it: its own keys, kind, and __esModule.
      const value = nodeRequire(args.path);
      const info = { callable: typeof value === "function", keys: Object.keys(value), esModule: value.__esModule };
      return {
        contents: `module.exports = require(${JSON.stringify(runtime)}).firstUse(() => require(${JSON.stringify(args.path)}), ${JSON.stringify(info)});`,
        loader: "js",
        resolveDir: process.cwd(),
      };
    });
  },
};

// BUILD_OUT builds elsewhere (test/bundle.test.ts), leaving dist/ alone; BUILD_MINIFY=0 and BUILD_COMPRESS=0 give a readable bundle to profile.
const out = process.env.BUILD_OUT ?? "dist";
mkdirSync(out, { recursive: true });
await build({
  ...common,
  entryPoints: ["src/index.ts"],
  outfile: `${out}/index.js`,
  // slimDependencies first: its stand-ins take precedence, and the names it re-resolves reach the others.
  plugins: [slimDependencies, lazyChunks, firstUse],
  metafile: process.env.BUILD_META === "1",
}).then((result) => {
  if (!result.metafile) return;
  writeFileSync(`${out}/meta.json`, JSON.stringify(result.metafile));
  // BUILD_META=1 prints what each package contributes (code compiled at require), then each chunk (code compiled on first use).
  const packages = (inputs) => {
    const bytes = {};
    for (const [file, { bytesInOutput }] of Object.entries(inputs)) {
      const name = file.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, "$1").replace(/^(src|actions|triggers|connections|dataSources)\/.*/, "(ours) $1");
      bytes[name] = (bytes[name] ?? 0) + bytesInOutput;
    }
    return Object.entries(bytes).sort((a, b) => b[1] - a[1]);
  };
  for (const [name, size] of packages(Object.values(result.metafile.outputs)[0].inputs).slice(0, 15))
    console.log(`${(size / 1024).toFixed(0).padStart(6)} KB  ${name}`);
  for (const c of chunks) {
    const top = packages(Object.values(c.meta.outputs)[0].inputs)
      .slice(0, 4)
      .map(([n, size]) => `${n} ${(size / 1024).toFixed(0)} KB`);
    console.log(
      `${(c.code.length / 1024).toFixed(0).padStart(6)} KB  chunk ${c.name} (${(compress(c.code).length / 1024).toFixed(0)} KB compressed alone): ${top.join(", ")}`,
    );
  }
});
copyFileSync("assets/icon.png", `${out}/icon.png`);
const kb = (statSync(`${out}/index.js`).size / 1024).toFixed(0);
console.log(`built ${out}/index.js (${kb} KB) and ${out}/icon.png in ${Date.now() - started} ms`);
