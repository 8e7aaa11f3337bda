/**
 * The sandbox on a thread of its own (see remoteSandbox.ts): answers the main thread's questions
 * about what it stored, by message.
 */
import { parentPort, workerData } from "node:worker_threads";
import { startSandbox } from "../sandbox";
import type { DataCenterKey } from "../sandbox/types";

const port = parentPort!;

void (async () => {
  const sandbox = await startSandbox({ latencyMs: workerData.latencyMs });
  const dc: DataCenterKey = "us";
  const token = sandbox.issueToken({ dc, clientId: "bench-client" });
  port.postMessage({
    ready: { url: sandbox.url, accountsServer: sandbox.accountsServer(dc), apiDomain: sandbox.apiDomain(dc), accessToken: token.accessToken, scopes: token.scopes },
  });
  const ops: Record<string, (...args: any[]) => unknown> = {
    calls: () => sandbox.log.length,
    /** How often each e-mail is stored in a module. */
    copies: (module: string, emails: string[]) => {
      const copies = new Map(emails.map((e) => [e.toLowerCase(), 0]));
      for (const stored of sandbox.state.crm.records.get(module)?.values() ?? []) {
        const key = String(stored.Email ?? "").toLowerCase();
        const seen = copies.get(key);
        if (seen !== undefined) copies.set(key, seen + 1);
      }
      return [...copies.values()];
    },
    clear: (module: string) => void sandbox.state.crm.records.get(module)?.clear(),
    stop: () => sandbox.stop(),
  };
  port.on("message", async ({ id, op, args }: { id: number; op: string; args: unknown[] }) => {
    port.postMessage({ id, result: await ops[op](...args) });
  });
})();
