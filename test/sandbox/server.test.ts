/**
 * The sandbox server over real HTTP: data-center selection, auth and scope answers, routing,
 * Zoho's limits (concurrency, credits, random 429s), injected faults before and after writes,
 * latency, the movable clock, the request log's redaction, and a clean stop.
 */
import { DATA_CENTERS } from "../../sandbox/dataCenters";
import { parseMultipart } from "../../sandbox/multipart";
import { createRouter } from "../../sandbox/router";
import { allRoutes } from "../../sandbox/routes";
import { dispatch } from "../../sandbox/server";
import { scopeCovers } from "../../sandbox/scopes";
import type { Exchange, Route } from "../../sandbox/types";
import { startTestSandbox, useSandbox, type TestSandbox } from "../helpers/sandbox";
import { httpCall, type HttpCallOptions } from "./httpCall";

const INVALID_TOKEN = { code: "INVALID_TOKEN", details: {}, message: "invalid oauth token", status: "error" };
const host = (url: string) => new URL(url).host;

/** A sandbox of its own for tests that change limits or faults, stopped after the test. */
const withSandbox = async (options: Parameters<typeof startTestSandbox>[0], run: (sandbox: TestSandbox) => Promise<void>) => {
  const sandbox = await startTestSandbox(options);
  try {
    await run(sandbox);
    sandbox.assertContract();
  } finally {
    await sandbox.stop();
  }
};

const call = (sandbox: TestSandbox, path: string, options: HttpCallOptions = {}) =>
  httpCall(`${sandbox.url}${path}`, { token: options.token ?? sandbox.issueToken().accessToken, ...options });

describe("data centers", () => {
  const sandbox = useSandbox();

  test.each([...DATA_CENTERS])("$key: chosen by any of its hosts or by a /$key path prefix", async (dc) => {
    const token = sandbox().issueToken({ dc: dc.key }).accessToken;
    for (const apiHost of [host(dc.apiDomain), host(dc.contentDomain)]) {
      const answer = await httpCall(`${sandbox().url}/crm/v8/org`, { host: apiHost, token });
      expect([apiHost, answer.status]).toEqual([apiHost, 200]);
    }
    expect((await httpCall(`${sandbox().url}/${dc.key}/crm/v8/org`, { token })).status).toBe(200);
    expect(sandbox().log.slice(-1)[0]).toMatchObject({ dc: dc.key, path: "/crm/v8/org", status: 200 });
    // Another DC cannot see the token.
    const elsewhere = dc.key === "us" ? "eu" : "us";
    const refused = await httpCall(`${sandbox().url}/${elsewhere}/crm/v8/org`, { token });
    expect([refused.status, refused.body]).toEqual([401, INVALID_TOKEN]);
    const accounts = await httpCall(`${sandbox().url}/oauth/v2/token`, { method: "POST", host: host(dc.accountsServer), form: {} });
    expect(sandbox().log.slice(-1)[0]).toMatchObject({ dc: dc.key, path: "/oauth/v2/token" });
    expect(accounts.body).toEqual({ error: "invalid_client" });
  });

  test("127.0.0.1 without a prefix is the United States", async () => {
    const token = sandbox().issueToken({ dc: "us" }).accessToken;
    expect((await httpCall(`${sandbox().url}/crm/v8/org`, { token })).status).toBe(200);
    expect(sandbox().log.slice(-1)[0].dc).toBe("us");
  });
});

describe("auth, scopes and routing", () => {
  const sandbox = useSandbox();

  test("a missing, unknown or Bearer token is INVALID_TOKEN; Books answers in its own shape", async () => {
    const { accessToken } = sandbox().issueToken();
    const attempts: Array<Record<string, string>> = [{}, { Authorization: "Zoho-oauthtoken 1000.unknown" }, { Authorization: `Bearer ${accessToken}` }];
    for (const headers of attempts) {
      const answer = await httpCall(`${sandbox().url}/crm/v8/org`, { headers });
      expect([answer.status, answer.body]).toEqual([401, INVALID_TOKEN]);
    }
    const books = await httpCall(`${sandbox().url}/books/v3/invoices?organization_id=10234695`);
    expect([books.status, books.body]).toEqual([401, { code: 14, message: "Invalid value passed for authtoken." }]);
  });

  test("a token without the route's scope is OAUTH_SCOPE_MISMATCH (403 for CRM, Books' code 57)", async () => {
    const token = sandbox().issueToken({ scopes: ["ZohoCRM.modules.leads.READ"] }).accessToken;
    const org = await call(sandbox(), "/crm/v8/org", { token });
    expect([org.status, org.body]).toEqual([
      403,
      { code: "OAUTH_SCOPE_MISMATCH", details: {}, message: "invalid oauth scope to access this URL", status: "error" },
    ]);
    const books = await call(sandbox(), "/books/v3/invoices?organization_id=10234695", { token });
    expect([books.status, books.body.code]).toEqual([401, 57]);
    expect((await call(sandbox(), "/crm/v8/Leads?fields=Last_Name", { token })).status).toBe(204);
  });

  test("unknown URLs answer INVALID_URL_PATTERN, or Books' 404 under /books", async () => {
    const crm = await call(sandbox(), "/crm/v8/settings/modules/Leads/nothing/here");
    expect([crm.status, crm.body.code]).toEqual([404, "INVALID_URL_PATTERN"]);
    const books = await call(sandbox(), "/books/v3/no/such/thing/here");
    expect(books.status).toBe(404);
    expect(books.body).toEqual({ code: expect.any(Number), message: expect.any(String) });
    sandbox().violations.splice(0); // undocumented on purpose
  });

  test("a JSON body that does not parse is INVALID_DATA", async () => {
    const broken = await call(sandbox(), "/crm/v8/Leads", { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"data": [' });
    expect([broken.status, broken.body.code]).toEqual([400, "INVALID_DATA"]);
    sandbox().violations.splice(0); // the request is broken on purpose
  });
});

describe("scope coverage", () => {
  test.each([
    ["ZohoCRM.modules.ALL", "ZohoCRM.modules.leads.READ", true],
    ["ZohoCRM.modules.ALL", "ZohoCRM.modules.Leads.DELETE", true],
    ["ZohoCRM.modules.READ", "ZohoCRM.modules.leads.READ", true],
    ["ZohoCRM.modules.leads.ALL", "ZohoCRM.modules.leads.CREATE", true],
    ["ZohoCRM.modules.leads.READ", "ZohoCRM.modules.leads.CREATE", false],
    ["ZohoCRM.modules.leads.ALL", "ZohoCRM.modules.contacts.READ", false],
    ["ZohoCRM.modules.leads.ALL", "ZohoCRM.modules.ALL", false],
    ["ZohoCRM.settings.ALL", "ZohoCRM.settings.fields.READ", true],
    ["ZohoCRM.settings.ALL", "ZohoCRM.users.READ", false],
    ["ZohoBooks.fullaccess.all", "ZohoBooks.invoices.CREATE", true],
    ["ZohoBooks.fullaccess.all", "ZohoCRM.org.READ", false],
  ])("%s covers %s: %s", (granted, required, covers) => {
    expect(scopeCovers(granted, required)).toBe(covers);
  });
});

describe("routing", () => {
  test("the most specific pattern wins whatever the order of the route lists", () => {
    const named = (pattern: string): Route => ({ method: "GET", pattern, handler: () => ({ status: 200 }) });
    const patterns = [
      "/crm/v8/:module/:id",
      "/crm/v8/:module",
      "/crm/v8/Leads/search",
      "/crm/v8/settings/modules",
      "/crm/v8/actions/watch",
      "/crm/v8/coql",
      "/crm/v8/users",
      "/crm/v8/:module/:id/:related",
    ];
    for (const order of [patterns, [...patterns].reverse()]) {
      const route = createRouter(order.map(named));
      const patternOf = (path: string) => {
        const match = route("GET", path);
        return match.kind === "found" ? [match.route.pattern, match.params] : match.kind;
      };
      expect(patternOf("/crm/v8/Leads/search")).toEqual(["/crm/v8/Leads/search", {}]);
      expect(patternOf("/crm/v8/Contacts/search")).toEqual(["/crm/v8/:module/:id", { module: "Contacts", id: "search" }]);
      expect(patternOf("/crm/v8/settings/modules")).toEqual(["/crm/v8/settings/modules", {}]);
      expect(patternOf("/crm/v8/actions/watch")).toEqual(["/crm/v8/actions/watch", {}]);
      expect(patternOf("/crm/v8/coql")).toEqual(["/crm/v8/coql", {}]);
      expect(patternOf("/crm/v8/users")).toEqual(["/crm/v8/users", {}]);
      expect(patternOf("/crm/v8/Leads")).toEqual(["/crm/v8/:module", { module: "Leads" }]);
      expect(patternOf("/crm/v8/Leads/1/Notes")).toEqual(["/crm/v8/:module/:id/:related", { module: "Leads", id: "1", related: "Notes" }]);
      expect(route("DELETE", "/crm/v8/coql").kind).toBe("wrong-method");
      expect(route("GET", "/crm/v9/x").kind).toBe("none");
    }
  });

  test("the sandbox's own route lists, in either order, send each call to its endpoint", () => {
    const expected: Array<[string, string, string]> = [
      ["GET", "/crm/v8/Leads/search", "/crm/v8/:module/search"],
      ["POST", "/crm/v8/Leads/upsert", "/crm/v8/:module/upsert"],
      ["GET", "/crm/v8/Leads/5725767000000000001", "/crm/v8/:module/:id"],
      ["GET", "/crm/v8/settings/modules", "/crm/v8/settings/modules"],
      ["GET", "/crm/v8/users", "/crm/v8/users"],
      ["GET", "/crm/v8/org", "/crm/v8/org"],
      ["POST", "/crm/v8/coql", "/crm/v8/coql"],
      ["POST", "/crm/v8/actions/watch", "/crm/v8/actions/watch"],
      ["POST", "/crm/v8/__composite_requests", "/crm/v8/__composite_requests"],
      ["GET", "/crm/v8/Leads", "/crm/v8/:module"],
    ];
    for (const routes of [allRoutes({ dispatch }), allRoutes({ dispatch }).reverse()]) {
      const route = createRouter(routes);
      for (const [method, path, pattern] of expected) {
        const match = route(method, path);
        expect([method, path, match.kind === "found" ? match.route.pattern : match.kind]).toEqual([method, path, pattern]);
      }
    }
  });
});

test("parseMultipart reads text fields and files, binary bytes intact", () => {
  const bytes = Buffer.from([0, 255, 13, 10, 45, 45, 1]);
  const rawBody = Buffer.concat([
    Buffer.from('--b0undary\r\nContent-Disposition: form-data; name="attachmentUrl"\r\n\r\nhttps://example.com/a.pdf\r\n'),
    Buffer.from('--b0undary\r\nContent-Disposition: form-data; name="file"; filename="r\u00e9sum\u00e9.bin"\r\nContent-Type: application/octet-stream\r\n\r\n'),
    bytes,
    Buffer.from("\r\n--b0undary--\r\n"),
  ]);
  const parsed = parseMultipart({ headers: { "content-type": 'multipart/form-data; boundary="b0undary"' }, rawBody });
  expect(parsed.fields).toEqual({ attachmentUrl: "https://example.com/a.pdf" });
  expect(parsed.files).toEqual([{ field: "file", filename: "r\u00e9sum\u00e9.bin", contentType: "application/octet-stream", data: bytes }]);
  expect(parseMultipart({ headers: { "content-type": "application/json" }, rawBody })).toEqual({ fields: {}, files: [] });
});

describe("limits", () => {
  test("over the concurrency limit Zoho answers 429 TOO_MANY_REQUESTS with Retry-After, and sends it to onExchange", async () => {
    const exchanges: Exchange[] = [];
    await withSandbox({ latencyMs: 150, concurrencyLimit: 2, onExchange: (x) => exchanges.push(x) }, async (sandbox) => {
      const answers = await Promise.all(Array.from({ length: 4 }, () => call(sandbox, "/crm/v8/org")));
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([200, 200, 429, 429]);
      const refused = answers.find((a) => a.status === 429)!;
      expect(refused.body).toMatchObject({ code: "TOO_MANY_REQUESTS", details: {}, status: "error" });
      expect(refused.headers["retry-after"]).toBe("1");
      expect(exchanges.map((x) => x.status).sort()).toEqual([200, 200, 429, 429]);
      // The slots free up once the calls are over.
      expect((await call(sandbox, "/crm/v8/org")).status).toBe(200);
    });
  });

  test("a 429 by chance carries Retry-After: 1 and stops when the probability goes back to 0", async () => {
    await withSandbox({ rateLimit429: 1 }, async (sandbox) => {
      const answer = await call(sandbox, "/crm/v8/org");
      expect([answer.status, answer.headers["retry-after"], answer.body.code]).toEqual([429, "1", "TOO_MANY_REQUESTS"]);
      sandbox.setOptions({ rateLimit429: 0 });
      expect((await call(sandbox, "/crm/v8/org")).status).toBe(200);
    });
  });

  test("the credit budget runs out for the sandbox day and comes back the next day", async () => {
    await withSandbox({ creditBudget: 3, now: Date.UTC(2026, 0, 5, 12) }, async (sandbox) => {
      for (let i = 0; i < 3; i++) expect((await call(sandbox, "/crm/v8/org")).status).toBe(200);
      const spent = await call(sandbox, "/crm/v8/org");
      expect(spent.status).toBe(429);
      // Twelve hours until the next UTC day.
      expect(Number(spent.headers["retry-after"])).toBeGreaterThan(12 * 3600 - 60);
      // Another data center is another org with its own credits.
      expect((await call(sandbox, "/eu/crm/v8/org", { token: sandbox.issueToken({ dc: "eu" }).accessToken })).status).toBe(200);
      sandbox.clock.advance(12 * 3600 * 1000);
      expect((await call(sandbox, "/crm/v8/org")).status).toBe(200);
    });
  });
});

describe("faults", () => {
  const lead = (name: string) => ({ data: [{ Last_Name: name }] });
  const storedNames = (sandbox: TestSandbox) => [...sandbox.state.crm.records.get("Leads")!.values()].map((r) => r.Last_Name);

  test("before a write: Zoho's 5xx body and nothing stored", async () => {
    await withSandbox({ faults: { rate: 1, kinds: [503], when: "before" } }, async (sandbox) => {
      const answer = await call(sandbox, "/crm/v8/Leads", { method: "POST", json: lead("Before") });
      expect([answer.status, answer.body]).toEqual([503, { code: "INTERNAL_ERROR", details: {}, message: expect.any(String), status: "error" }]);
      expect(storedNames(sandbox)).not.toContain("Before");
      expect(sandbox.state.writeLog).toEqual([]);
    });
  });

  test("after a write: the call fails but the record exists", async () => {
    await withSandbox({ faults: { rate: 1, kinds: [500], when: "after" } }, async (sandbox) => {
      const answer = await call(sandbox, "/crm/v8/Leads", { method: "POST", json: lead("After") });
      expect(answer.status).toBe(500);
      expect(storedNames(sandbox)).toContain("After");
      expect(sandbox.state.writeLog.map((w) => w.operation)).toEqual(["insert"]);
    });
  });

  test("a reset drops the connection and a timeout never answers; neither is an exchange", async () => {
    const exchanges: Exchange[] = [];
    await withSandbox({ faults: { rate: 1, kinds: ["reset"] }, onExchange: (x) => exchanges.push(x) }, async (sandbox) => {
      await expect(call(sandbox, "/crm/v8/org")).rejects.toThrow();
      sandbox.setOptions({ faults: { rate: 1, kinds: ["timeout"] } });
      await expect(call(sandbox, "/crm/v8/org", { timeoutMs: 200 })).rejects.toThrow("timed out");
      expect(exchanges).toEqual([]);
      expect(sandbox.log.map((entry) => [entry.status, entry.error])).toEqual([
        [0, "injected reset"],
        [0, "injected timeout"],
      ]);
    });
  });

  test("the same seed gives the same faults", async () => {
    const run = async () => {
      const statuses: number[] = [];
      await withSandbox({ faults: { rate: 0.5, kinds: [500, 502, 503], seed: 42 } }, async (sandbox) => {
        for (let i = 0; i < 12; i++) statuses.push((await call(sandbox, "/crm/v8/org")).status);
      });
      return statuses;
    };
    const first = await run();
    expect(first).toEqual(await run());
    expect(new Set(first).size).toBeGreaterThan(1);
  });
});

describe("latency, clock and log", () => {
  const sandbox = useSandbox({ now: Date.UTC(2026, 2, 2, 10, 15, 30) });

  test("latency delays every call", async () => {
    sandbox().setOptions({ latencyMs: 120 });
    const started = Date.now();
    await call(sandbox(), "/crm/v8/org");
    expect(Date.now() - started).toBeGreaterThanOrEqual(115);
    sandbox().setOptions({ latencyMs: 0 });
  });

  test("records carry the sandbox clock's time, and moving the clock moves them", async () => {
    const first = await call(sandbox(), "/crm/v8/Leads", { method: "POST", json: { data: [{ Last_Name: "Early" }] } });
    expect(first.body.data[0].details.Created_Time).toMatch(/^2026-03-02T10:15:3\d\+00:00$/);
    sandbox().clock.set(Date.UTC(2027, 0, 1));
    const later = await call(sandbox(), "/crm/v8/Leads", { method: "POST", json: { data: [{ Last_Name: "Later" }] } });
    expect(later.body.data[0].details.Created_Time).toMatch(/^2027-01-01T00:00:0\d\+00:00$/);
  });

  test("the log masks the token, client secrets, codes and refresh tokens", async () => {
    const { accessToken, refreshToken } = sandbox().issueToken();
    await call(sandbox(), "/crm/v8/org", { token: accessToken });
    await httpCall(`${sandbox().url}/oauth/v2/token`, {
      method: "POST",
      form: { grant_type: "refresh_token", client_id: "c", client_secret: "s3cret", refresh_token: refreshToken! },
    });
    await httpCall(`${sandbox().url}/oauth/v2/token?code=abc&client_secret=s3cret&grant_type=authorization_code&client_id=c`, { method: "POST" });
    const [api, refresh, code] = sandbox().log.slice(-3);
    expect(api.headers.authorization).toBe("Zoho-oauthtoken ***");
    expect(refresh.body).toEqual({ grant_type: "refresh_token", client_id: "c", client_secret: "***", refresh_token: "***" });
    expect(code.query).toEqual({ code: "***", client_secret: "***", grant_type: "authorization_code", client_id: "c" });
    expect(JSON.stringify(sandbox().log)).not.toMatch(new RegExp(`${accessToken}|${refreshToken}|s3cret`));
  });
});

test("stop() closes hanging calls, timers and the listener", async () => {
  const sandbox = await startTestSandbox({ latencyMs: 10_000 });
  const pending = call(sandbox, "/crm/v8/org").then(
    () => "answered",
    (e: Error) => e.message,
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  const before = Date.now();
  await sandbox.stop();
  expect(Date.now() - before).toBeLessThan(1000);
  expect(await pending).toMatch(/socket hang up|ECONNRESET/);
  await expect(httpCall(`${sandbox.url}/oauth/serverinfo`)).rejects.toThrow(/ECONNREFUSED/);
  const resources = process.getActiveResourcesInfo();
  expect(resources.filter((r) => r === "TCPServerWrap")).toEqual([]);
});
