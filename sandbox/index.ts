/**
 * startSandbox: a fake Zoho (accounts, CRM v8, Books v3) on 127.0.0.1 for tests and local runs.
 * Tests get tokens with issueToken, data with seedCrm, move the clock, and change latency, limits
 * and faults while it runs; stop() closes every socket and timer.
 */
import type { AddressInfo } from "node:net";
import { issueToken, type IssueTokenOptions } from "./accounts";
import { createClock } from "./clock";
import { dataCenter } from "./dataCenters";
import { createLimits } from "./limits";
import { seedOrg, seedRecords, type SeedCrmOptions } from "./seed";
import { createSandboxServer } from "./server";
import { ensureOrganizations } from "./books/organizations";
import { createState, type CrmRecord, type SandboxState } from "./state";
import { trackDeletions } from "./crm/records/deleted";
import type { Clock, DataCenterKey, RequestLogEntry, SandboxContext, SandboxOptions, TokenInfo } from "./types";

export type * from "./types";
export type { CrmRecord, SandboxState } from "./state";
export type { IssueTokenOptions } from "./accounts";
export type { SeedCrmOptions } from "./seed";

export interface Sandbox {
  /** e.g. http://127.0.0.1:4321; send Zoho's real host in the Host header (or a /{dc} path prefix). */
  url: string;
  stop(): Promise<void>;
  state: SandboxState;
  clock: Clock;
  log: RequestLogEntry[];
  /** Changes latency, limits, faults (a new faults.seed restarts the fault sequence) for the calls that follow. */
  setOptions(changes: Partial<SandboxOptions>): void;
  issueToken(options?: IssueTokenOptions): TokenInfo;
  seedCrm(options: SeedCrmOptions): CrmRecord[];
  /** The real Zoho hosts of a data center, e.g. https://www.zohoapis.eu. */
  apiDomain(dc: DataCenterKey): string;
  accountsServer(dc: DataCenterKey): string;
}

export const startSandbox = async (initial: SandboxOptions = {}): Promise<Sandbox> => {
  let options: SandboxOptions = { ...initial };
  const clock = createClock(options.now);
  const state = createState(clock);
  // Zoho keeps a deleted record's name: the bin must see each record before it is deleted.
  trackDeletions(state);
  if (options.seedDefaults !== false) seedOrg(state);
  // The configured Books organizations exist from the start, so seeding Books before any call uses them.
  ensureOrganizations(state, options);
  const limits = createLimits(clock);
  limits.reseed(options.faults?.seed);
  const log: RequestLogEntry[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let url = "";

  const ctx = (): SandboxContext => ({ state, clock, url, options });
  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const server = createSandboxServer({ ctx, limits, log, delay });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    state,
    clock,
    log,
    setOptions(changes) {
      options = { ...options, ...changes };
      if ("faults" in changes) limits.reseed(changes.faults?.seed);
    },
    issueToken: (tokenOptions = {}) => issueToken(state, tokenOptions),
    seedCrm: (seedOptions) => seedRecords(state, seedOptions),
    apiDomain: (dc) => dataCenter(dc).apiDomain,
    accountsServer: (dc) => dataCenter(dc).accountsServer,
    async stop() {
      timers.forEach(clearTimeout);
      timers.clear();
      // Cleanups endpoint groups registered (delivery sockets, job timers).
      state.onStop.forEach((cleanup) => cleanup());
      state.events.removeAllListeners();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
};
