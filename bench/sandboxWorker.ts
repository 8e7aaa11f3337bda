/**
 * The sandbox on a thread of its own (see remoteSandbox.ts): answers the main thread's questions
 * about what it stored, by message.
 */
import { parentPort, workerData } from "node:worker_threads";
import { startSandbox } from "../sandbox";
import { tallyByEmail } from "./tally";
import type { DataCenterKey } from "../sandbox/types";

const port = parentPort!;

void (async () => {
  const sandbox = await startSandbox({ latencyMs: workerData.latencyMs });
  const dc: DataCenterKey = "us";
  const token = sandbox.issueToken({ dc, clientId: "bench-client" });
  port.postMessage({
    ready: {
      url: sandbox.url,
      accountsServer: sandbox.accountsServer(dc),
      apiDomain: sandbox.apiDomain(dc),
      accessToken: token.accessToken,
      scopes: token.scopes,
    },
  });
  const ops: Record<string, (...args: any[]) => unknown> = {
    calls: () => sandbox.log.length,
    tally: (module: string, emails: string[]) => tallyByEmail(sandbox.state.crm.records.get(module)?.values() ?? [], emails),
    clear: (module: string) => void sandbox.state.crm.records.get(module)?.clear(),
    stop: () => sandbox.stop(),
  };
  port.on("message", async ({ id, op, args }: { id: number; op: string; args: unknown[] }) => {
    port.postMessage({ id, result: await ops[op](...args) });
  });
})();
