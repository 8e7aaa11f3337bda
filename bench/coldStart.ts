/**
 * Cold start, side by side: our bundle (dist/index.js) and the existing Prismatic Zoho component's
 * build (../shared/anchor/prismatic-zoho/index.js or $ZOHO_ANCHOR_BUNDLE; Apache-2.0, read from
 * there for measurement only). Every sample is a fresh `node` process (bench/coldChild.js), and the
 * two bundles alternate within each round, so load on the machine hits both alike; medians.
 *
 * The first call runs each component's Get Records (crmGetRecords) against the sandbox this
 * starts, with no added latency. The existing component has no switch to another host, so both
 * send their request to https://www.zohoapis.com as in production, through the same HTTPS proxy
 * (tlsProxy.ts), which hands it to the sandbox: the same TLS handshake and path for both. Without
 * `openssl` to make the proxy's certificate, ours goes through ZOHO_SANDBOX_URL and the existing
 * component's first call is not measured (the section says so).
 *
 * `node -r ts-node/register/transpile-only bench/coldStart.ts [--rounds 21] [--bundle file]` runs this section alone.
 */
import { execFile } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { startSandbox } from "../sandbox";
import { startTlsProxy } from "./tlsProxy";
import { connectionFor } from "../test/helpers/sandbox";
import type { Row } from "./report";

export const ANCHOR = process.env.ZOHO_ANCHOR_BUNDLE ?? resolve(__dirname, "..", "..", "shared", "anchor", "prismatic-zoho", "index.js");
const CHILD = join(__dirname, "coldChild.js");

interface Sample {
  wallMs: number;
  cpuMs?: number;
  requireMs?: number;
  requireCpuMs?: number;
  callCpuMs?: number;
  firstCallCpuMs?: number;
  rssMb: number;
  callMs?: number;
  firstCallMs?: number;
  records?: number;
  readMs?: number;
  compileMs?: number;
  runMs?: number;
}

export const run = (args: string[], env: NodeJS.ProcessEnv): Promise<Sample> =>
  new Promise((done, fail) => {
    const started = process.hrtime.bigint();
    execFile(process.execPath, [CHILD, ...args], { env, encoding: "utf8" }, (error, stdout, stderr) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (error) return fail(new Error(`cold start child ${args.join(" ")} failed: ${stderr || error.message}`));
      done({ wallMs, ...JSON.parse(stdout) });
    });
  });

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export interface ColdSide {
  name: string;
  file: string;
  bytes: number;
  /** Median wall time of a process that requires the bundle, minus that of a bare process. */
  overheadMs: number;
  requireMs: number;
  /** CPU time of the require (all threads): what it costs, however busy the machine is. */
  requireCpuMs: number;
  rssMb: number;
  /** require + the first crmGetRecords call, timed inside the process. */
  firstCallMs: number;
  firstCallCpuMs: number;
  callMs: number;
  readMs: number;
  compileMs: number;
  runMs: number;
  records: number;
}

export interface ColdStart {
  rounds: number;
  bareMs: number;
  bareRssMb: number;
  ours: ColdSide;
  anchor?: ColdSide;
  anchorMissing?: string;
  /** How the first calls reached the sandbox. */
  via: string;
}

const SEEDED = 20;

export const measureColdStart = async ({ bundle, rounds = 21 }: { bundle: string; rounds?: number }): Promise<ColdStart> => {
  if (rounds < 15) throw new Error("cold start needs at least 15 rounds");
  const anchorPresent = existsSync(ANCHOR);
  const sandbox = await startSandbox({ latencyMs: 0 });
  const proxy = await startTlsProxy(sandbox.url);
  try {
    sandbox.seedCrm({ module: "Leads", count: SEEDED });
    // The platform's Zoho connection carries the accounts server in its context; the existing component reads it there.
    const connection = { ...connectionFor(sandbox), context: { "accounts-server": sandbox.accountsServer("us") } };
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const key of ["NO_PROXY", "no_proxy", "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "NODE_OPTIONS", "ZOHO_SANDBOX_URL"]) delete env[key];
    if (proxy) Object.assign(env, { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: proxy.caFile });
    else env.ZOHO_SANDBOX_URL = sandbox.url;
    const callEnv = { ...env, COLD_CALL: JSON.stringify({ step: "crmGetRecords", params: { connection, recordType: "Leads", fields: "Last_Name,Email" } }) };

    const sides = [{ name: "ours", file: bundle }, ...(anchorPresent ? [{ name: "existing", file: ANCHOR }] : [])];
    const calls = (name: string) => name === "ours" || proxy !== undefined;
    const samples = new Map<string, Sample[]>();
    const add = (key: string, sample: Sample) => samples.set(key, [...(samples.get(key) ?? []), sample]);
    for (let round = 0; round < rounds; round++) {
      // Alternate which bundle goes first, so neither always follows the other.
      const order = round % 2 ? [...sides].reverse() : sides;
      add("bare", await run(["bare", ""], env));
      for (const mode of ["require", "call", "phases"]) {
        for (const side of order)
          if (mode !== "call" || calls(side.name)) add(`${side.name} ${mode}`, await run([mode, side.file], mode === "call" ? callEnv : env));
      }
    }
    const of = (key: string, pick: (s: Sample) => number | undefined) => median((samples.get(key) ?? []).map((s) => pick(s) ?? NaN));
    const bareMs = of("bare", (s) => s.wallMs);
    const side = ({ name, file }: { name: string; file: string }): ColdSide => ({
      name,
      file,
      bytes: statSync(file).size,
      overheadMs: of(`${name} require`, (s) => s.wallMs) - bareMs,
      requireMs: of(`${name} require`, (s) => s.requireMs),
      requireCpuMs: of(`${name} require`, (s) => s.requireCpuMs),
      firstCallCpuMs: of(`${name} call`, (s) => s.firstCallCpuMs),
      rssMb: of(`${name} require`, (s) => s.rssMb),
      firstCallMs: of(`${name} call`, (s) => s.firstCallMs),
      callMs: of(`${name} call`, (s) => s.callMs),
      readMs: of(`${name} phases`, (s) => s.readMs),
      compileMs: of(`${name} phases`, (s) => s.compileMs),
      runMs: of(`${name} phases`, (s) => s.runMs),
      records: Math.min(...(samples.get(`${name} call`) ?? []).map((s) => s.records ?? -1)),
    });
    const [ours, anchor] = sides.map(side);
    for (const s of [ours, anchor]) {
      if (s && calls(s.name) && s.records !== SEEDED) throw new Error(`${s.name}'s Get Records returned ${s.records} records, not the ${SEEDED} seeded`);
    }
    return {
      rounds,
      bareMs,
      bareRssMb: of("bare", (s) => s.rssMb),
      ours,
      anchor,
      anchorMissing: anchorPresent ? undefined : `the existing component's build is not at ${ANCHOR} (set ZOHO_ANCHOR_BUNDLE): only ours is measured`,
      via: proxy
        ? "both over HTTPS to www.zohoapis.com through one local TLS proxy to the sandbox"
        : "ours through ZOHO_SANDBOX_URL; `openssl` is missing, so the existing component (which cannot be pointed elsewhere) is not called",
    };
  } finally {
    await proxy?.stop();
    await sandbox.stop();
  }
};

const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString("en-US")} KB`;
const msText = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
const mib = (mb: number) => `${mb.toFixed(1)} MiB`;
const missing = (theirs: number | undefined): theirs is undefined => theirs === undefined || Number.isNaN(theirs);
const ratio = (ours: number, theirs: number | undefined) => (missing(theirs) ? "" : `${(ours / theirs).toFixed(2)}×`);
const goal = (ours: number, theirs: number | undefined, limit: number) =>
  missing(theirs) ? "" : `≤ ${limit === 1 ? "" : `${limit}× `}existing: ${ours <= theirs * limit ? "PASS" : "FAIL"}`;

/** The section's rows for the bench table: one per measure, ours against the existing component's. */
export const coldStartRows = (cold: ColdStart): Row[] => {
  const { ours, anchor } = cold;
  const both = (text: (s: ColdSide) => string) => `ours ${text(ours)}${anchor ? `; existing component ${text(anchor)}` : ""}`;
  const cpuRatio = (pick: (s: ColdSide) => number) => (anchor && !missing(pick(anchor)) ? `; CPU ${ratio(pick(ours), pick(anchor))}` : "");
  const rounds = `median of ${cold.rounds} interleaved rounds of fresh \`node\` processes`;
  const rows: Row[] = [
    {
      scenario: "Cold start: bundle size, every action, trigger and data source included",
      calls: "",
      time: "",
      ratio: ratio(ours.bytes, anchor?.bytes),
      result: both((s) => kb(s.bytes)),
      target: goal(ours.bytes, anchor?.bytes, 0.5),
    },
    {
      scenario: `Cold start: require overhead over bare \`node\` (process wall time less a bare process's ${msText(cold.bareMs)}; ${rounds}); require() itself and its CPU time; read / compile / run of the file`,
      calls: "",
      time: msText(ours.overheadMs),
      ratio: `${ratio(ours.overheadMs, anchor?.overheadMs)}${cpuRatio((s) => s.requireCpuMs)}`,
      result: both(
        (s) =>
          `${msText(s.overheadMs)}: require() ${msText(s.requireMs)}, CPU ${msText(s.requireCpuMs)}; read ${msText(s.readMs)} / compile ${msText(s.compileMs)} / run ${msText(s.runMs)}`,
      ),
      target: goal(ours.overheadMs, anchor?.overheadMs, 0.5),
    },
    {
      scenario: `Cold start: RSS right after require (bare \`node\`: ${mib(cold.bareRssMb)})`,
      calls: "",
      time: "",
      ratio: ratio(ours.rssMb, anchor?.rssMb),
      result: both((s) => mib(s.rssMb)),
      target: goal(ours.rssMb, anchor?.rssMb, 1),
    },
    {
      scenario: `Cold start: first call, require + Get Records (${SEEDED} Leads) against the sandbox with no added latency (${cold.via}; ${rounds})`,
      calls: "1",
      time: msText(ours.firstCallMs),
      ratio: `${ratio(ours.firstCallMs, anchor?.firstCallMs)}${cpuRatio((s) => s.firstCallCpuMs)}`,
      result: both((s) =>
        Number.isNaN(s.firstCallMs) ? "not called" : `${msText(s.firstCallMs)} (the call ${msText(s.callMs)}), CPU ${msText(s.firstCallCpuMs)}`,
      ),
      target: goal(ours.firstCallMs, anchor?.firstCallMs, 0.75),
    },
  ];
  if (cold.anchorMissing) rows.push({ scenario: "Cold start: existing component", calls: "", time: "", ratio: "", result: cold.anchorMissing, target: "" });
  return rows;
};

if (require.main === module) {
  const argv = process.argv.slice(2);
  const arg = (name: string) => {
    const at = argv.indexOf(name);
    return at < 0 ? undefined : argv[at + 1];
  };
  const bundle = resolve(arg("--bundle") ?? join(__dirname, "..", "dist", "index.js"));
  measureColdStart({ bundle, rounds: Number(arg("--rounds") ?? 21) })
    .then((cold) => {
      for (const row of coldStartRows(cold))
        process.stdout.write(`${row.scenario}\n  ${[row.time, row.ratio, row.result, row.target].filter(Boolean).join(" | ")}\n`);
    })
    .catch((error) => {
      process.stderr.write(`${(error as Error).stack ?? error}\n`);
      process.exit(1);
    });
}
