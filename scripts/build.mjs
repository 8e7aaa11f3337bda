// Builds the publishable bundle: dist/index.js (CommonJS, Node 20) and dist/icon.png.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const started = Date.now();
const shim = (file) => new URL(`./bundle-shims/${file}`, import.meta.url).pathname;

/**
 * Packages axios and spectral load at start-up but only use on some calls: multipart bodies
 * (form-data) and HTTPS proxies (https-proxy-agent). Each becomes a stand-in that loads the real
 * package the first time it is constructed, called or read (together ~25 ms of every cold start).
 */
const LOAD_ON_FIRST_USE = ["form-data", "https-proxy-agent"];
const resolvePackage = createRequire(import.meta.url).resolve;
const loadOnFirstUse = {
  name: "load-on-first-use",
  setup(b) {
    const filter = new RegExp(`^(${LOAD_ON_FIRST_USE.join("|")})$`);
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: "first-use" }));
    b.onLoad({ filter: /.*/, namespace: "first-use" }, (args) => ({
      resolveDir: process.cwd(),
      contents: `let real;
const load = () => (real ??= require(${JSON.stringify(resolvePackage(args.path))}));
module.exports = new Proxy(function () {}, {
  construct: (_target, args) => Reflect.construct(load(), args),
  apply: (_target, self, args) => Reflect.apply(load(), self, args),
  get: (_target, key) => (key === "__esModule" ? undefined : Reflect.get(load(), key)),
  has: (_target, key) => key in load(),
});`,
    }));
  },
};

/** Swap three heavy modules a component never needs for small stand-ins (see each shim's comment). */
const slimDependencies = {
  name: "slim-dependencies",
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.c?js$/ }, (args) =>
      args.importer.includes("/zod/v4/") ? { path: shim("zod-locales.mjs") } : undefined,
    );
    b.onResolve({ filter: /^\.\/(compile|from-json-schema)\.c?js$/ }, (args) =>
      args.importer.includes("/zod/v4/") ? { path: shim("zod-unused.cjs") } : undefined,
    );
    // object-sizeof asks for the npm "buffer" polyfill; Node has its own.
    b.onResolve({ filter: /^buffer\/$/ }, () => ({ path: "buffer", external: true }));
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: shim("yaml.cjs") }));
    b.onResolve({ filter: /^@prismatic-io\/spectral$/ }, () => ({ path: shim("spectral.cjs") }));
    b.onResolve({ filter: /^\.\.\/\.\.$/ }, (args) =>
      args.importer.includes("/spectral/dist/clients/http/") ? { path: shim("spectral.cjs") } : undefined,
    );
    // spectral's util re-exports its branch-condition helpers (which load all of date-fns); nothing a component runs uses them.
    b.onResolve({ filter: /^\.\/conditionalLogic$/ }, (args) =>
      args.importer.endsWith("/spectral/dist/util.js") ? { path: shim("empty.cjs") } : undefined,
    );
    // Converting a code-native integration's configuration (and zod's JSON-schema export it uses) never runs in a component.
    b.onResolve({ filter: /^\.\/convertIntegrationConfiguration$/ }, (args) =>
      args.importer.includes("/spectral/dist/serverTypes/") ? { path: shim("cni-configuration.cjs") } : undefined,
    );
    // One copy of each package: resolve our `import`s to the CommonJS build spectral `require`s.
    // zod is the exception: only our code uses it, and its ES build lets esbuild drop what we never call
    // and skip copying its exports into every importing file.
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.kind === "import-statement" && !/^zod(\/|$)/.test(args.path) ? b.resolve(args.path, { kind: "require-call", resolveDir: args.resolveDir }) : undefined,
    );
    b.onResolve({ filter: /^mime-db$/ }, () => ({ path: shim("mime-db.cjs") }));
  },
};
// BUILD_OUT builds elsewhere (test/bundle.test.ts), leaving dist/ alone.
const out = process.env.BUILD_OUT ?? "dist";
mkdirSync(out, { recursive: true });
await build({
  entryPoints: ["src/index.ts"],
  outfile: `${out}/index.js`,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  minify: true,
  treeShaking: true,
  legalComments: "none",
  sourcemap: false,
  logLevel: "warning",
  plugins: [loadOnFirstUse, slimDependencies],
  metafile: process.env.BUILD_META === "1",
}).then((result) => {
  if (!result.metafile) return;
  writeFileSync(`${out}/meta.json`, JSON.stringify(result.metafile));
  // BUILD_META=1 prints what each package contributes, to keep the bundle small.
  const bytes = {};
  for (const [file, { bytesInOutput }] of Object.entries(Object.values(result.metafile.outputs)[0].inputs)) {
    const name = file.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, "$1").replace(/^(src|actions|triggers|connections|dataSources)\/.*/, "(ours) $1");
    bytes[name] = (bytes[name] ?? 0) + bytesInOutput;
  }
  for (const [name, size] of Object.entries(bytes).sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${(size / 1024).toFixed(0).padStart(6)} KB  ${name}`);
});
copyFileSync("assets/icon.png", `${out}/icon.png`);
const kb = (statSync(`${out}/index.js`).size / 1024).toFixed(0);
console.log(`built ${out}/index.js (${kb} KB) and ${out}/icon.png in ${Date.now() - started} ms`);
