/**
 * One cold start, run by `node bench/coldChild.js <mode> <bundle>` in a fresh process (see
 * coldStart.ts). Plain JavaScript on purpose: nothing but Node itself loads before the bundle.
 *   bare     loads nothing (the baseline process the others are compared with)
 *   require  requires the bundle
 *   call     requires the bundle, then runs one action through the component's own perform
 *            (the converted step the platform calls), as the first thing after the require
 *   phases   reads, compiles and runs the bundle as Node's CommonJS loader would, timing each
 * Prints one JSON line. The action, its params and the connection come in COLD_CALL (JSON).
 */

const started = process.hrtime.bigint();
const ms = (from, to = process.hrtime.bigint()) => Number(to - from) / 1e6;
/** CPU time (user + system, all of the process's threads) since `from`: what the work costs, however busy the machine is. */
const cpuMs = (from) => {
  const { user, system } = process.cpuUsage(from);
  return (user + system) / 1000;
};
const [mode, bundle] = process.argv.slice(2);
const out = (result) => process.stdout.write(`${JSON.stringify(result)}\n`);

/** Node's own modules loaded so far (undici is the one behind fetch, FormData, Request and Response). */
const builtins = () => {
  const list = process.moduleLoadList.filter((m) => m.startsWith("NativeModule "));
  return { builtins: list.length, undici: list.some((m) => m.includes("undici")), http2: list.some((m) => m.endsWith(" http2")) };
};

/** What the platform hands a step, minus anything a Zoho step reads (no test harness, no jest-mock). */
const context = () => {
  const quiet = () => undefined;
  return {
    logger: { metric: quiet, trace: quiet, debug: quiet, info: quiet, log: quiet, warn: quiet, error: quiet, section: quiet, sectionEnd: quiet },
    instanceState: {},
    crossFlowState: {},
    executionState: {},
    integrationState: {},
    configVars: {},
    components: {},
    stepId: "coldStartStep",
    executionId: "coldStartExecution",
    webhookUrls: {},
    webhookApiKeys: {},
    invokeUrl: "https://example.invalid",
    customer: { id: "c", name: "Cold start", externalId: "c" },
    instance: { id: "i", name: "Cold start" },
    user: { id: "u", email: "u@example.invalid", name: "Cold start", externalId: "u" },
    integration: { id: "n", name: "Cold start", versionSequenceId: "1", externalVersion: "1" },
    flow: { id: "f", name: "Cold start", stableId: "f" },
    startedAt: new Date().toISOString(),
    executionFrame: {},
    debug: {
      enabled: false,
      timeElapsed: { mark: quiet, measure: quiet },
      memoryUsage: quiet,
      results: { timeElapsed: { marks: {}, measurements: {} }, memoryUsage: [], allowedMemory: 1024 },
    },
    flowSchemas: {},
  };
};

/**
 * Inputs the platform fills from their defaults, then the given ones (as spectral's harness does). A
 * comma-separated value given for a value-list input (the existing component's Fields) becomes the list.
 */
const paramsOf = (inputs, given) => {
  const params = { ...Object.fromEntries(inputs.map((i) => [i.key, `${i.default ?? ""}`])), ...given };
  for (const input of inputs) {
    if (input.collection === "valuelist" && typeof params[input.key] === "string") params[input.key] = params[input.key].split(",");
  }
  return params;
};

const main = async () => {
  if (mode === "bare") return out({ rssMb: process.memoryUsage.rss() / 2 ** 20, cpuMs: cpuMs() });
  if (mode === "phases") {
    const { readFileSync } = require("node:fs");
    const { compileFunction } = require("node:vm");
    const path = require("node:path");
    let at = process.hrtime.bigint();
    const source = readFileSync(bundle, "utf8");
    const readMs = ms(at);
    at = process.hrtime.bigint();
    const body = source.startsWith("#!") ? `//${source.slice(2)}` : source;
    const wrapper = compileFunction(body, ["exports", "require", "module", "__filename", "__dirname"], { filename: bundle });
    const compileMs = ms(at);
    const module = { exports: {} };
    at = process.hrtime.bigint();
    wrapper.call(module.exports, module.exports, require, module, bundle, path.dirname(bundle));
    return out({ readMs, compileMs, runMs: ms(at) });
  }
  const loaded = process.hrtime.bigint();
  const cpuAtLoad = process.cpuUsage();
  const component = require(bundle).default;
  const requireMs = ms(loaded);
  const requireCpuMs = cpuMs(cpuAtLoad);
  const rssMb = process.memoryUsage.rss() / 2 ** 20;
  if (mode === "require") return out({ requireMs, requireCpuMs, rssMb, actions: Object.keys(component.actions).length, ...builtins() });
  if (mode !== "call") throw new Error(`unknown mode ${mode}`);
  const { step, kind = "actions", params } = JSON.parse(process.env.COLD_CALL);
  const definition = component[kind][step];
  const at = process.hrtime.bigint();
  const cpuAtCall = process.cpuUsage();
  const result = await definition.perform(context(), paramsOf(definition.inputs, params));
  const callMs = ms(at);
  const callCpuMs = cpuMs(cpuAtCall);
  const data = result?.data;
  const records = Array.isArray(data) ? data.length : Array.isArray(data?.data) ? data.data.length : Array.isArray(data?.records) ? data.records.length : -1;
  return out({
    requireMs,
    requireCpuMs,
    rssMb,
    callMs,
    callCpuMs,
    firstCallMs: ms(loaded),
    firstCallCpuMs: cpuMs(cpuAtLoad),
    records,
    sinceStartMs: ms(started),
    ...builtins(),
  });
};

main().catch((error) => {
  process.stderr.write(`${error?.stack ? error.stack : error}\n`);
  process.exit(1);
});
