/**
 * Deadlines (issue 19, item 4): each try has a wall-clock deadline (a trickling answer does not reset
 * it), each request and each step a total budget that retries respect, and the error says which
 * one ran out. A hostile Zoho on 127.0.0.1 trickles or never answers; every test ends in seconds.
 */
import { createConnection, invoke } from "@prismatic-io/spectral/dist/testing";
import type { ServerResponse } from "node:http";
import { crmGetRecord } from "../../actions/crm/getRecord";
import { crmRawRequest } from "../../actions/crm/rawRequest";
import { configureTestTransport } from "../../src/http/transport";
import { loopback, type Seen } from "../helpers/loopback";
import { clientOfConnection } from "../../src/http/connection";

const connection = createConnection(
  { key: "zohoTemplatedConnection" } as Parameters<typeof createConnection>[0],
  { zohoRegion: "https://accounts.zoho.com" },
  { access_token: "1000.deadline-test-token", api_domain: "https://www.zohoapis.com" },
);

/** Headers at once, then one byte of a JSON body every 500 ms for about 6 s. */
const trickle = (_req: Seen, res: ServerResponse) => {
  res.writeHead(200, { "content-type": "application/json" });
  const body = `{"data":${JSON.stringify("x".repeat(3))}}`;
  let sent = 0;
  const timer = setInterval(() => {
    if (res.destroyed) return clearInterval(timer);
    res.write(body[sent++]);
    if (sent === body.length) {
      clearInterval(timer);
      res.end();
    }
  }, 500);
};

/** Reads the request and never answers. */
const blackHole = () => undefined;

const against = async (handler: (req: Seen, res: ServerResponse) => void, step: { perform: unknown }, params: Record<string, unknown>) => {
  const server = await loopback(handler);
  const previous = process.env.ZOHO_SANDBOX_URL;
  process.env.ZOHO_SANDBOX_URL = server.url;
  const started = Date.now();
  try {
    const error = await invoke(step as never, { connection, ...params } as never).then(
      () => undefined,
      (e: Error) => e,
    );
    return { error, seen: server.seen.length, elapsed: Date.now() - started };
  } finally {
    if (previous === undefined) delete process.env.ZOHO_SANDBOX_URL;
    else process.env.ZOHO_SANDBOX_URL = previous;
    await server.close();
  }
};

afterEach(() => configureTestTransport());

it("a trickling answer ends at the try's deadline, not when it stops trickling", async () => {
  const { error, elapsed } = await against(trickle, crmRawRequest, { url: "/org", method: "GET", timeout: "1000", maxRetries: "0" });
  expect(error?.message).toMatch(/No complete answer from Zoho to GET \/org within the attempt deadline of 1 s/);
  expect(elapsed).toBeLessThan(3_000);
}, 15_000);

it("retries of a black-holed GET stop at the request's Total Timeout, and the error names it", async () => {
  const { error, seen, elapsed } = await against(blackHole, crmRawRequest, {
    url: "/org",
    method: "GET",
    timeout: "400",
    maxRetries: "10",
    retryDelayMS: "50",
    useExponentialBackoff: "false",
    totalTimeout: "1500",
  });
  expect(error?.message).toMatch(/the call's total time limit of 1500 ms/);
  expect(seen).toBeGreaterThanOrEqual(2); // it did retry, within the budget
  expect(elapsed).toBeLessThan(3_000);
}, 15_000);

it("a step's calls stop at the step's time budget, and the error says so", async () => {
  configureTestTransport({ retry: { baseDelayMs: 50, maxDelayMs: 100 }, budgetMs: 1_200 });
  const { error, elapsed } = await against(blackHole, crmGetRecord, { recordType: "Leads", recordId: "5725767000000524157" });
  expect(error?.message).toMatch(/the step's time budget of 1200 ms ran out \(retries and their waits included\)/);
  expect(elapsed).toBeLessThan(3_000);
}, 15_000);

it("rejects a Total Timeout that is not a number before sending anything", async () => {
  const { error, seen } = await against(blackHole, crmRawRequest, { url: "/org", method: "GET", totalTimeout: "soon" });
  expect(error?.message).toMatch(/"Total Timeout".*whole number/);
  expect(seen).toBe(0);
});

it("defaults: two minutes a try, five minutes a call with its retries, fourteen minutes a step (under the platform's 15-minute limit)", () => {
  const client = clientOfConnection(connection);
  expect(client.limits).toEqual({ attemptMs: 120_000, callMs: 5 * 60_000, budgetMs: 14 * 60_000 });
  expect(clientOfConnection(connection, { transport: { budgetMs: 5_000 }, timeoutMs: 1_000, callBudgetMs: 2_000 }).limits).toEqual({
    attemptMs: 1_000,
    callMs: 2_000,
    budgetMs: 5_000,
  });
});
