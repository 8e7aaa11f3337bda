import { createConnection, invoke } from "@prismatic-io/spectral/dist/testing";
import { crmRawRequest } from "../../../actions/crm/rawRequest";
import { configureTestTransport } from "../../../src/http/transport";
import { json, loopback, type Seen } from "../../helpers/loopback";
import { connectionFor, useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { expectNoRequest, run } from "../books/harness";

const sandbox = useSandbox();
beforeAll(() => configureTestTransport({ retry: { baseDelayMs: 5, maxDelayMs: 2000 } }));
afterAll(() => configureTestTransport());

const TOKEN = "1000.raw-request-token";
const loopbackConnection = createConnection(
  { key: "zohoTemplatedConnection" } as Parameters<typeof createConnection>[0],
  { zohoRegion: "https://accounts.zoho.com" },
  { access_token: TOKEN, api_domain: "https://www.zohoapis.com" },
);

/** Runs the action against a scripted Zoho on loopback (for exact failure sequences), then restores the sandbox. */
const againstLoopback = async (handler: Parameters<typeof loopback>[0], params: Record<string, unknown>) => {
  const server = await loopback(handler);
  const sandboxUrl = process.env.ZOHO_SANDBOX_URL;
  process.env.ZOHO_SANDBOX_URL = server.url;
  const started = Date.now();
  try {
    const outcome = await invoke(crmRawRequest as never, { connection: loopbackConnection, method: "GET", ...params } as never).then(
      (r) => ({ result: (r as { result: any }).result, error: undefined }),
      (error: Error) => ({ result: undefined, error }),
    );
    return { ...outcome, seen: server.seen, elapsed: Date.now() - started };
  } finally {
    process.env.ZOHO_SANDBOX_URL = sandboxUrl;
    await server.close();
  }
};
const gaps = (seen: Seen[]) => seen.slice(1).map((s, i) => s.at - seen[i].at);

describe("against the sandbox", () => {
  it("sends a GET to {api}/crm/v8 with the query parameters and returns Zoho's body", async () => {
    const s = sandbox();
    s.seedCrm({ module: "Leads", count: 2 });
    const result = await run(crmRawRequest, s, {
      url: "/Leads",
      method: "GET",
      queryParams: [
        { key: "fields", value: "Last_Name,Email" },
        { key: "per_page", value: "1" },
      ],
    });
    expect(s.log.at(-1)).toMatchObject({ method: "GET", path: "/crm/v8/Leads", query: { fields: "Last_Name,Email", per_page: "1" }, status: 200 });
    expect(result.data.data).toHaveLength(1);
    expectSameShape(result.data.info, (crmRawRequest.examplePayload!.data as { info: unknown }).info);
  });

  it("logs the exchange with the token redacted when Debug Request is on", async () => {
    const s = sandbox();
    const connection = connectionFor(s);
    const { loggerMock } = await invoke(crmRawRequest as never, { connection, url: "/org", method: "GET", debugRequest: "true" } as never);
    const logged = JSON.stringify((loggerMock.debug as jest.Mock).mock.calls);
    expect(logged).toContain("Zoho request");
    expect(logged).toContain("Zoho response");
    expect(logged).not.toContain(connection.token?.access_token as string);
  });

  it("accepts the base path or a full URL on the connection's API host", async () => {
    const s = sandbox();
    await run(crmRawRequest, s, { url: "/crm/v8/org", method: "GET" });
    expect(s.log.at(-1)).toMatchObject({ path: "/crm/v8/org", status: 200 });
    await run(crmRawRequest, s, { url: "https://www.zohoapis.com/crm/v8/users?type=ActiveUsers", method: "GET" });
    expect(s.log.at(-1)).toMatchObject({ path: "/crm/v8/users", query: { type: "ActiveUsers" }, status: 200 });
  });

  it("posts a JSON body given as text", async () => {
    const s = sandbox();
    const result = await run(crmRawRequest, s, { url: "/Leads", method: "post", data: '{"data": [{"Last_Name": "Raw"}], "trigger": []}' });
    expect(result.data.data[0]).toMatchObject({ code: "SUCCESS", status: "success" });
    expect(s.state.crm.records.get("Leads")?.get(result.data.data[0].details.id)?.Last_Name).toBe("Raw");
  });

  it("refuses to send the token to any other host, and other bad input, before any request", async () => {
    const s = sandbox();
    await expectNoRequest(s, async () => {
      await expect(run(crmRawRequest, s, { url: "https://evil.example.com/steal", method: "GET" })).rejects.toThrow(
        /Refusing to send the Zoho token to https:\/\/evil\.example\.com/,
      );
      // The connection is in the US data center: an EU host is another host.
      await expect(run(crmRawRequest, s, { url: "https://www.zohoapis.eu/crm/v8/org", method: "GET" })).rejects.toThrow(
        /Refusing to send the Zoho token to https:\/\/www\.zohoapis\.eu/,
      );
      await expect(run(crmRawRequest, s, { url: "/Leads", method: "POST", data: '{"data": [' })).rejects.toThrow(/Input "Data" \(data\): is not valid JSON/);
      await expect(run(crmRawRequest, s, { url: "/Leads", method: "POST", data: "{}", formData: [{ key: "a", value: "b" }] })).rejects.toThrow(
        /either Data \(JSON\) or Form Data/,
      );
      await expect(run(crmRawRequest, s, { url: "/Leads", method: "LINK" })).rejects.toThrow(/"Method".*GET, POST, PUT, PATCH, DELETE/);
      await expect(run(crmRawRequest, s, { url: "", method: "GET" })).rejects.toThrow(/"URL"/);
    });
  });

  it("fails with Zoho's error and what to do", async () => {
    const s = sandbox();
    await expect(run(crmRawRequest, s, { url: "/Leadz", method: "GET", queryParams: [{ key: "fields", value: "id" }] })).rejects.toThrow(/INVALID_MODULE/);
    const leadsOnly = connectionFor(s, { scopes: ["ZohoCRM.modules.leads.READ"] });
    await expect(run(crmRawRequest, s, { url: "/settings/modules", method: "GET" }, leadsOnly)).rejects.toThrow(/OAUTH_SCOPE_MISMATCH.*ZohoCRM\.settings\.ALL/);
  });
});

describe("retries", () => {
  it("waits Retry Delay, doubled each retry, then succeeds", async () => {
    const { result, seen, error } = await againstLoopback(
      (_req, res, n) => (n < 3 ? json(res, 503, { code: "INTERNAL_ERROR" }) : json(res, 200, { ok: true })),
      {
        url: "/org",
        retryDelayMS: "150",
      },
    );
    expect(error).toBeUndefined();
    expect(result.data).toEqual({ ok: true });
    const [first, second] = gaps(seen);
    expect(first).toBeGreaterThanOrEqual(140);
    expect(second).toBeGreaterThanOrEqual(290);
  });

  it("waits the same delay each time without exponential backoff, and sends the token every time", async () => {
    const { seen } = await againstLoopback((_req, res, n) => (n < 3 ? json(res, 502, {}) : json(res, 200, {})), {
      url: "/org",
      retryDelayMS: "120",
      useExponentialBackoff: "false",
      headers: [{ key: "Authorization", value: "Bearer stolen" }],
    });
    expect(gaps(seen).every((gap) => gap >= 110 && gap < 230)).toBe(true);
    expect(seen.map((s) => s.headers.authorization)).toEqual(Array(3).fill(`Zoho-oauthtoken ${TOKEN}`));
  });

  it("honours Zoho's Retry-After on 429, over a shorter Retry Delay", async () => {
    const { seen, elapsed, error } = await againstLoopback(
      (_req, res, n) => (n === 1 ? json(res, 429, { code: "TOO_MANY_REQUESTS" }, { "retry-after": "1" }) : json(res, 200, {})),
      { url: "/org", retryDelayMS: "10" },
    );
    expect(error).toBeUndefined();
    expect(seen).toHaveLength(2);
    expect(gaps(seen)[0]).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeGreaterThanOrEqual(950);
  });

  it("retries a POST only on 429 (a 5xx POST may have been applied), unless Retry On All Errors", async () => {
    const failing = (_req: Seen, res: Parameters<typeof json>[0]) => json(res, 500, { code: "INTERNAL_ERROR", message: "boom" });
    const once = await againstLoopback(failing, { url: "/Leads", method: "POST", data: "{}", retryDelayMS: "1" });
    expect(once.seen).toHaveLength(1);
    expect(once.error?.message).toMatch(/HTTP 500\) INTERNAL_ERROR/);
    const all = await againstLoopback(failing, { url: "/Leads", method: "POST", data: "{}", retryDelayMS: "1", retryAllErrors: true, maxRetries: "2" });
    expect(all.seen).toHaveLength(3);
  });

  it("stops after Max Retry Count, and does not retry at all with 0", async () => {
    const down = (_req: Seen, res: Parameters<typeof json>[0]) => json(res, 503, {});
    expect((await againstLoopback(down, { url: "/org", retryDelayMS: "1", maxRetries: "2" })).seen).toHaveLength(3);
    expect((await againstLoopback(down, { url: "/org", maxRetries: "0" })).seen).toHaveLength(1);
  });

  it("fails at once when Retry-After asks for longer than the client ever waits", async () => {
    const { seen, error, elapsed } = await againstLoopback((_req, res) => json(res, 429, { code: "TOO_MANY_REQUESTS" }, { "retry-after": "3600" }), {
      url: "/org",
    });
    expect(seen).toHaveLength(1);
    expect(error?.message).toMatch(/TOO_MANY_REQUESTS/);
    expect(elapsed).toBeLessThan(1000);
  });
});
