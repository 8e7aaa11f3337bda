/**
 * The sandbox on its own thread, for the write rows. Zoho's servers do not share the connector's
 * CPU; in one thread the emulator's own work for each 100-record call (a few ms) would be charged
 * to the client and hide how close concurrent batches come to the latency-bound ideal.
 */
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { createConnection } from "@prismatic-io/spectral/dist/testing";
import type { Tally } from "./tally";

interface Ready {
  url: string;
  accountsServer: string;
  apiDomain: string;
  accessToken: string;
  scopes: string[];
}

export interface RemoteSandbox {
  url: string;
  connection: unknown;
  /** Calls the sandbox has answered so far. */
  calls(): Promise<number>;
  /** How many of `emails` the module holds not at all, and how many extra copies it holds. */
  tally(module: string, emails: string[]): Promise<Tally>;
  clear(module: string): Promise<void>;
  stop(): Promise<void>;
}

export const startRemoteSandbox = async (latencyMs: number): Promise<RemoteSandbox> => {
  // The benchmark runs under ts-node's require hook; the worker inherits it and loads the TypeScript entry.
  const worker = new Worker(`require(${JSON.stringify(join(__dirname, "sandboxWorker.ts"))})`, { eval: true, workerData: { latencyMs } });
  const ready = await new Promise<Ready>((resolve, reject) => {
    worker.once("error", reject);
    worker.once("message", (message: { ready: Ready }) => resolve(message.ready));
  });
  let next = 0;
  const pending = new Map<number, (result: any) => void>();
  worker.on("message", ({ id, result }: { id?: number; result: unknown }) => {
    if (id === undefined) return;
    pending.get(id)?.(result);
    pending.delete(id);
  });
  const ask = <T>(op: string, ...args: unknown[]) =>
    new Promise<T>((resolve) => {
      pending.set(++next, resolve);
      worker.postMessage({ id: next, op, args });
    });
  const connection = createConnection(
    { key: "zohoTemplatedConnection" } as Parameters<typeof createConnection>[0],
    { zohoRegion: ready.accountsServer, clientId: "bench-client", clientSecret: "bench-secret", scopes: ready.scopes.join(" ") },
    { access_token: ready.accessToken, api_domain: ready.apiDomain, expires_in: 3600 },
  );
  return {
    url: ready.url,
    connection,
    calls: () => ask<number>("calls"),
    tally: (module, emails) => ask<Tally>("tally", module, emails),
    clear: (module) => ask<void>("clear", module),
    stop: async () => {
      await ask("stop");
      await worker.terminate();
    },
  };
};
