/**
 * What the benchmark measures with: options from the command line, the sandbox's call count, wall
 * time, sampled memory, and the steps run as the platform runs them (spectral's harness). Cold
 * start is measured in coldStart.ts.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Worker } from "node:worker_threads";
import { invoke, invokeTrigger, defaultTriggerPayload } from "@prismatic-io/spectral/dist/testing";
import type { Sandbox } from "../sandbox";

export interface BenchOptions {
  latencyMs: number;
  quick: boolean;
}

/** `--latency 50` (or BENCH_LATENCY_MS) and `--quick` (or BENCH_QUICK=1). */
export const readOptions = (argv = process.argv.slice(2)): BenchOptions => {
  const at = argv.findIndex((a) => a === "--latency" || a.startsWith("--latency="));
  const given = at < 0 ? process.env.BENCH_LATENCY_MS : argv[at].includes("=") ? argv[at].split("=")[1] : argv[at + 1];
  const latencyMs = given === undefined || given === "" ? 50 : Number(given);
  if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new Error(`--latency must be a number of milliseconds, got ${given}`);
  return { latencyMs, quick: argv.includes("--quick") || process.env.BENCH_QUICK === "1" };
};

/** Steps log nothing during a benchmark; spectral's default logger would print every line. */
const quiet = () => undefined;
const logger = { trace: quiet, debug: quiet, info: quiet, log: quiet, warn: quiet, error: quiet, section: quiet, sectionEnd: quiet };

/** An action's result as the platform would get it (params pass raw, as the platform sends them). */
export const runAction = async (action: { perform: unknown }, params: Record<string, unknown>): Promise<any> =>
  (await invoke(action as never, params as never, { logger } as never)).result;

/** A polling trigger that keeps its state between polls, as the platform does. */
export const poller = (trigger: { perform: unknown }, params: Record<string, unknown>) => {
  let state: Record<string, unknown> = {};
  const polling = { getState: () => state, setState: (s: Record<string, unknown>) => (state = s), invokeAction: async () => ({ data: null }) };
  return async (): Promise<any[]> => {
    const { result } = await invokeTrigger(trigger as never, { logger, polling } as never, defaultTriggerPayload(), params as never);
    return (result as any).payload.body.data;
  };
};

export interface Measured<T> {
  value: T;
  calls: number;
  ms: number;
}

/** Runs `body`, counting the API calls the sandbox logged and the wall time. */
export const measure = async <T>(sandbox: Sandbox, body: () => Promise<T>): Promise<Measured<T>> => {
  const before = sandbox.log.length;
  const started = process.hrtime.bigint();
  const value = await body();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { value, calls: sandbox.log.length - before, ms };
};

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

export interface MemoryPeak {
  rssMb: number;
  heapMb: number;
}

/** Samples the process's RSS every 5 ms from a worker thread, so the peak is seen even while the main thread is busy. */
const rssSampler = () => {
  const source = `const { parentPort } = require("node:worker_threads");
    let peak = 0;
    const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 5);
    parentPort.on("message", () => { clearInterval(timer); parentPort.postMessage(peak); });`;
  const worker = new Worker(source, { eval: true });
  const ready = new Promise((resolve) => worker.once("online", resolve));
  return {
    ready,
    peak: () =>
      new Promise<number>((resolve) => {
        worker.once("message", (peak: number) => void worker.terminate().then(() => resolve(peak)));
        worker.postMessage("stop");
      }),
  };
};

const settle = async () => {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 300));
  gc();
};

/**
 * Peak growth of RSS (sampled from a worker thread) and of the JS heap (sampled between event-loop
 * turns) over a baseline taken after a full GC; includes whatever else runs in the process
 * meanwhile, here the in-process sandbox answering the calls.
 */
export const peakMemory = async <T>(body: () => Promise<T>): Promise<{ value: T; peak: MemoryPeak }> => {
  const sampler = rssSampler();
  await sampler.ready;
  await settle();
  const base = process.memoryUsage();
  let heap = 0;
  const sampleHeap = () => (heap = Math.max(heap, process.memoryUsage().heapUsed - base.heapUsed));
  const timer = setInterval(sampleHeap, 5);
  try {
    const value = await body();
    sampleHeap();
    const rss = Math.max(0, (await sampler.peak()) - base.rss);
    return { value, peak: { rssMb: rss / 2 ** 20, heapMb: heap / 2 ** 20 } };
  } finally {
    clearInterval(timer);
  }
};

/** Frees what a finished phase left behind, so the next one's memory starts clean. */
export const collectGarbage = gc;
