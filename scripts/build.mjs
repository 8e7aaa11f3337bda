// Builds the publishable bundle: dist/index.js (CommonJS, Node 20) and dist/icon.png.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, statSync } from "node:fs";

const started = Date.now();
mkdirSync("dist", { recursive: true });
await build({
  entryPoints: ["src/index.ts"],
  outfile: "dist/index.js",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  minify: true,
  treeShaking: true,
  legalComments: "none",
  sourcemap: false,
  logLevel: "warning",
  metafile: process.env.BUILD_META === "1",
}).then((result) => {
  if (result.metafile) console.log(JSON.stringify(result.metafile).length);
});
copyFileSync("assets/icon.png", "dist/icon.png");
const kb = (statSync("dist/index.js").size / 1024).toFixed(0);
console.log(`built dist/index.js (${kb} KB) and dist/icon.png in ${Date.now() - started} ms`);
