/**
 * Writes the component manifest (typed stubs code-native integrations import) into `manifest/`,
 * or into the folder given as the first argument: `npm run manifest [-- <dir>]`.
 *
 * spectral's `component-manifest` command needs the prism CLI to fetch a signature and stamps
 * package.json with the current time. We call the same generator from the TypeScript sources with
 * no signature (the platform fills it when the component is published) and the component's own
 * version, so the output depends only on the code and test/manifest.test.ts can compare it.
 */
import path from "node:path";
import { readFileSync, writeFileSync } from "node:fs";
import { generateManifest } from "@prismatic-io/spectral/dist/generators/componentManifest/generateManifest";
import { createStaticFiles } from "@prismatic-io/spectral/dist/generators/componentManifest/createStaticFiles";

const root = path.join(__dirname, "..");
const spectralDir = path.dirname(require.resolve("@prismatic-io/spectral/package.json"));

export const writeManifest = async (destinationDir: string): Promise<void> => {
  // Loaded here so `require` of this file alone stays cheap.
  const component = require(path.join(root, "src", "index.ts")).default;
  const spectralVersion: string = JSON.parse(readFileSync(path.join(spectralDir, "package.json"), "utf8")).version;
  const version: string = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).version;
  const templatesDir = path.join(spectralDir, "dist", "generators", "componentManifest", "templates");
  const quiet = console.info;
  console.info = () => undefined; // the generator announces every step on console.info
  try {
    await generateManifest({
      component,
      dryRun: false,
      verbose: false,
      templatesDir,
      manifestDir: destinationDir,
      generatedSourceDir: path.join(destinationDir, "src"),
      createEntryPointFiles: () =>
        createStaticFiles({
          component,
          dryRun: false,
          packageName: `@component-manifests/${component.key}`,
          signature: null,
          spectralVersion,
          verbose: false,
          sourceDir: templatesDir,
          destinationDir,
          registry: null,
        }),
      successMessage: "",
    });
  } finally {
    console.info = quiet;
  }
  const packageJson = path.join(destinationDir, "package.json");
  const manifestPackage = JSON.parse(readFileSync(packageJson, "utf8"));
  manifestPackage.version = version;
  writeFileSync(packageJson, `${JSON.stringify(manifestPackage, null, 2)}\n`);
};

if (require.main === module) {
  const destination = path.resolve(process.argv[2] ?? path.join(root, "manifest"));
  writeManifest(destination).then(
    () => console.log(`component manifest written to ${path.relative(process.cwd(), destination) || "."}`),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
