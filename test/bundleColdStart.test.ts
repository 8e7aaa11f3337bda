/**
 * The bundle keeps axios (with Node's HTTP stack), zod and other packages out of `require` and
 * loads them on first use (scripts/build.mjs, scripts/bundle-shims/chunks.cjs). These run steps
 * through the built bundle as the very first thing after a cold `require`, each in a fresh node
 * process, against the sandbox over HTTP: a polling trigger and a data source, which reach axios,
 * zod and spectral's helpers through other paths than an action does.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectionFor, useSandbox } from "./helpers/sandbox";

const sandbox = useSandbox();
const out = mkdtempSync(join(tmpdir(), "zoho-cold-"));
const bundle = join(out, "index.js");

beforeAll(() => {
  execFileSync(process.execPath, ["scripts/build.mjs"], { env: { ...process.env, BUILD_OUT: out }, stdio: "pipe" });
}, 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

/**
 * Requires the bundle in a fresh process, notes which of Node's modules loaded, then runs the
 * steps in STEPS in order with a context as the platform gives one (polling state kept on
 * instanceState, as spectral keeps it) and prints what each returned.
 */
const CHILD = `
const loaded = () => process.moduleLoadList.filter((m) => m.startsWith("NativeModule ")).map((m) => m.slice(13));
const component = require(process.env.BUNDLE).default;
const afterRequire = loaded();
// Steps spectral has converted so far (an unconverted one is still a getter on its kind).
const converted = () => ["actions", "triggers", "dataSources"].flatMap((kind) =>
  Object.keys(component[kind]).filter((key) => "value" in Object.getOwnPropertyDescriptor(component[kind], key)).map((key) => kind + "." + key));
const convertedAtRequire = converted();
const quiet = () => undefined;
const logger = { metric: quiet, trace: quiet, debug: quiet, info: quiet, log: quiet, warn: quiet, error: quiet, section: quiet, sectionEnd: quiet };
const instanceState = {};
const context = () => ({
  logger, instanceState, crossFlowState: {}, executionState: {}, integrationState: {}, configVars: {}, components: {},
  stepId: "s", executionId: "e", flow: { id: "f", name: "Flow", stableId: "f" }, executionFrame: {},
  debug: { enabled: false, timeElapsed: { mark: quiet, measure: quiet }, memoryUsage: quiet, results: { timeElapsed: { marks: {}, measurements: {} }, memoryUsage: [], allowedMemory: 1024 } },
});
const paramsOf = (inputs, given) => ({ ...Object.fromEntries(inputs.map((i) => [i.key, String(i.default ?? "")])), ...given });
const payload = { headers: {}, queryParameters: {}, rawBody: { data: null }, body: { data: null }, pathFragment: "", webhookUrls: {}, webhookApiKeys: {}, invokeUrl: "", executionId: "e", customer: { id: "c", name: "c", externalId: "c" }, instance: { id: "i", name: "i" }, user: { id: "u", email: "u@example.invalid", name: "u", externalId: "u" }, integration: { id: "n", name: "n", versionSequenceId: "1", externalVersion: "1" }, flow: { id: "f", name: "f" }, startedAt: "" };
(async () => {
  const results = [];
  for (const { kind, key, params } of JSON.parse(process.env.STEPS)) {
    const step = component[kind][key];
    const given = paramsOf(step.inputs, params);
    results.push(kind === "triggers" ? await step.perform(context(), payload, given) : await step.perform(context(), given));
  }
  process.stdout.write(JSON.stringify({ afterRequire, afterSteps: loaded(), convertedAtRequire, convertedAfterSteps: converted(), results }));
})().catch((error) => { process.stderr.write(String(error && error.stack || error)); process.exit(1); });
`;

interface ColdRun {
  afterRequire: string[];
  afterSteps: string[];
  convertedAtRequire: string[];
  convertedAfterSteps: string[];
  results: any[];
}

/** Runs CHILD asynchronously: the in-process sandbox must keep answering while the child waits on it. */
const coldRun = (steps: Array<{ kind: "actions" | "triggers" | "dataSources"; key: string; params: Record<string, unknown> }>) =>
  new Promise<ColdRun>((resolve, reject) => {
    const env = { ...process.env, BUNDLE: bundle, STEPS: JSON.stringify(steps), ZOHO_SANDBOX_URL: sandbox().url };
    execFile(process.execPath, ["-e", CHILD], { env, encoding: "utf8" }, (error, stdout, stderr) =>
      error ? reject(new Error(stderr || error.message)) : resolve(JSON.parse(stdout)),
    );
  });

/** Node's HTTP stack and undici (fetch, FormData) load on the first request, not at require. */
const HTTP_STACK = ["http", "https", "tls", "http2", "internal/deps/undici/undici"];

it("a polling trigger is the first thing to run after a cold require: the HTTP stack loads then, and the poll emits what changed", async () => {
  const s = sandbox();
  const connection = connectionFor(s);
  const before = s.log.length;
  const run = await coldRun([
    { kind: "triggers", key: "crmRecordsPollingTrigger", params: { connection, recordType: "Leads", fields: "Last_Name" } },
    { kind: "actions", key: "crmCreateRecord", params: { connection, recordType: "Leads", dynamicValues: JSON.stringify({ Last_Name: "Cold start" }) } },
    { kind: "triggers", key: "crmRecordsPollingTrigger", params: { connection, recordType: "Leads", fields: "Last_Name" } },
  ]);
  expect(run.afterRequire.filter((m) => HTTP_STACK.includes(m))).toEqual([]);
  expect(run.afterSteps).toEqual(expect.arrayContaining(["http"]));
  // spectral converts a step when it is first read: none at require, then only the two that ran.
  expect(run.convertedAtRequire).toEqual([]);
  expect(run.convertedAfterSteps.sort()).toEqual(["actions.crmCreateRecord", "triggers.crmRecordsPollingTrigger"]);

  const [firstPoll, created, secondPoll] = run.results;
  expect(firstPoll.payload.body.data).toEqual([]);
  const id = created.data.details?.id ?? created.data.id;
  expect(secondPoll.payload.body.data).toEqual([expect.objectContaining({ id: String(id), Last_Name: "Cold start" })]);
  expect(s.log.slice(before).map((e) => e.path)).toEqual(expect.arrayContaining(["/crm/v8/Leads"]));
});

it("a data source is the first thing to run after a cold require", async () => {
  const s = sandbox();
  const before = s.log.length;
  const run = await coldRun([{ kind: "dataSources", key: "selectCrmModule", params: { connection: connectionFor(s) } }]);
  expect(run.afterRequire.filter((m) => HTTP_STACK.includes(m))).toEqual([]);
  expect(run.results[0].result).toEqual(expect.arrayContaining([expect.objectContaining({ key: "Leads" })]));
  expect(s.log.length).toBeGreaterThan(before);
});

it("bad input to the first step after a cold require fails before any request, naming the input", async () => {
  const s = sandbox();
  const before = s.log.length;
  await expect(
    coldRun([{ kind: "dataSources", key: "selectCrmRecord", params: { connection: connectionFor(s), recordType: "not a module!" } }]),
  ).rejects.toThrow(/Input "Module" \(recordType\): must be a module API name/);
  expect(s.log.length).toBe(before);
});
