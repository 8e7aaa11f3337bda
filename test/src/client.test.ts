import { createConnection } from "@prismatic-io/spectral/dist/testing";
import type { AxiosError } from "axios";
import { backoffMs, type ZohoClient } from "../../src/http/client";
import { configureTestTransport, stepTransport } from "../../src/http/transport";
import { ZohoError } from "../../src/http/errors";
import { json, loopback } from "../helpers/loopback";
import { clientOfConnection } from "../../src/http/connection";

const TOKEN = "1000.secret-access-token.abc123";
const connection = (apiDomain = "https://www.zohoapis.eu") =>
  createConnection(
    { key: "zohoTemplatedConnection" } as never,
    { zohoRegion: "https://accounts.zoho.eu", clientSecret: "shh" },
    { access_token: TOKEN, refresh_token: "1000.refresh", api_domain: apiDomain },
  );

beforeAll(() => configureTestTransport({ retry: { baseDelayMs: 20, maxDelayMs: 2_000 } }));
afterAll(() => configureTestTransport());
afterEach(() => delete process.env.ZOHO_SANDBOX_URL);

const withServer = async (
  handler: Parameters<typeof loopback>[0],
  run: (client: ZohoClient, server: Awaited<ReturnType<typeof loopback>>) => Promise<void>,
  options = {},
) => {
  const server = await loopback(handler);
  process.env.ZOHO_SANDBOX_URL = server.url;
  try {
    await run(clientOfConnection(connection(), { transport: stepTransport(), ...options }), server);
  } finally {
    await server.close();
  }
};

describe("ZohoClient", () => {
  it("sends Zoho's auth header to the region's real host", async () => {
    await withServer(
      (_req, res) => json(res, 200, { data: [] }),
      async (client, server) => {
        await client.request({ api: "crm", path: "/Leads", params: { fields: "Last_Name" } });
        expect(server.seen[0].headers.authorization).toBe(`Zoho-oauthtoken ${TOKEN}`);
        expect(server.seen[0].headers.host).toBe("www.zohoapis.eu");
        expect(server.seen[0].url).toBe("/crm/v8/Leads?fields=Last_Name");
      },
    );
  });

  it("retries a GET on 503 with growing waits, then succeeds", async () => {
    await withServer(
      (_req, res, n) => (n < 3 ? json(res, 503, { code: "INTERNAL_ERROR" }) : json(res, 200, { ok: true })),
      async (client, server) => {
        const response = await client.request({ api: "crm", path: "/org" });
        expect(response.data).toEqual({ ok: true });
        expect(server.seen).toHaveLength(3);
        const [a, b, c] = server.seen.map((s) => s.at);
        expect(b - a).toBeGreaterThanOrEqual(9); // first step 20 ms with jitter >= 50%
        expect(c - b).toBeGreaterThanOrEqual(19); // second step 40 ms with jitter >= 50%
      },
    );
  });

  it("honours Retry-After on 429, even for a POST", async () => {
    await withServer(
      (_req, res, n) => (n === 1 ? json(res, 429, { code: "TOO_MANY_REQUESTS", message: "slow down" }, { "retry-after": "1" }) : json(res, 201, { data: [] })),
      async (client, server) => {
        await client.request({ api: "crm", method: "POST", path: "/Leads", data: { data: [{ Last_Name: "A" }] } });
        expect(server.seen).toHaveLength(2);
        expect(server.seen[1].at - server.seen[0].at).toBeGreaterThanOrEqual(950);
      },
    );
  });

  it("never resends a non-idempotent POST after a 5xx (it may have been applied)", async () => {
    await withServer(
      (_req, res) => json(res, 500, { code: "INTERNAL_ERROR", message: "boom", details: {}, status: "error" }),
      async (client, server) => {
        await expect(client.request({ api: "crm", method: "POST", path: "/Leads", data: { data: [{}] } })).rejects.toThrow(ZohoError);
        expect(server.seen).toHaveLength(1);
      },
    );
  });

  it("resends a POST marked idempotent (COQL) after a 5xx", async () => {
    await withServer(
      (_req, res, n) => (n === 1 ? json(res, 502, {}) : json(res, 200, { data: [] })),
      async (client, server) => {
        await client.request({ api: "crm", method: "POST", path: "/coql", data: { select_query: "x" }, idempotent: true });
        expect(server.seen).toHaveLength(2);
      },
    );
  });

  it("gives up after the configured number of tries and surfaces the error", async () => {
    await withServer(
      (_req, res) => json(res, 503, { code: "INTERNAL_ERROR", message: "down", details: {}, status: "error" }),
      async (client, server) => {
        await expect(client.request({ api: "crm", path: "/org" })).rejects.toThrow(/HTTP 503/);
        expect(server.seen).toHaveLength(3);
      },
      { retry: { retries: 2 } },
    );
  });

  it("does not wait out a Retry-After longer than the maximum", async () => {
    await withServer(
      (_req, res) => json(res, 429, { code: "TOO_MANY_REQUESTS", message: "credits exhausted" }, { "retry-after": "3600" }),
      async (client, server) => {
        await expect(client.request({ api: "crm", path: "/org" })).rejects.toThrow(/TOO_MANY_REQUESTS/);
        expect(server.seen).toHaveLength(1);
      },
    );
  });

  it("does not retry other 4xx", async () => {
    await withServer(
      (_req, res) => json(res, 400, { code: "INVALID_DATA", message: "bad", details: { api_name: "Email" }, status: "error" }),
      async (client, server) => {
        await expect(client.request({ api: "crm", path: "/Leads" })).rejects.toThrow(/INVALID_DATA: bad\. Details: \{"api_name":"Email"\}/);
        expect(server.seen).toHaveLength(1);
      },
    );
  });

  it("debug logging redacts the token and secrets", async () => {
    const lines: string[] = [];
    const logger = { debug: (...args: unknown[]) => lines.push(JSON.stringify(args)) };
    await withServer(
      (_req, res) => json(res, 200, { access_token: "leaked?", data: [{ id: "1" }] }),
      async (client) => {
        await client.request({
          api: "crm",
          method: "POST",
          path: "/Leads",
          data: { refresh_token: "1000.refresh", client_secret: "shh", data: [{ Last_Name: "A" }] },
        });
      },
      { debug: true, logger },
    );
    const all = lines.join("\n");
    expect(all).toContain("Zoho request");
    expect(all).toContain("Last_Name");
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain("1000.refresh");
    expect(all).not.toContain("shh");
    expect(all).not.toContain("leaked?");
  });
});

describe("backoff", () => {
  const policy = { retries: 5, baseDelayMs: 100, maxDelayMs: 1_000 };
  const error = (headers: Record<string, string> = {}) => ({ response: { status: 503, headers } }) as unknown as AxiosError;
  it("doubles per retry with jitter between half and full step, capped", () => {
    expect(backoffMs(1, error(), policy, () => 0)).toBe(50);
    expect(backoffMs(1, error(), policy, () => 1)).toBe(100);
    expect(backoffMs(3, error(), policy, () => 1)).toBe(400);
    expect(backoffMs(10, error(), policy, () => 1)).toBe(1_000);
  });
  it("uses Retry-After seconds or date", () => {
    expect(backoffMs(1, error({ "retry-after": "2" }), policy)).toBe(2_000);
    const inFive = new Date(Date.now() + 5_000).toUTCString();
    expect(backoffMs(1, error({ "retry-after": inFive }), policy)).toBeGreaterThan(3_000);
  });
});

describe("host guard", () => {
  it("refuses an absolute URL on another host before sending anything", async () => {
    await withServer(
      (_req, res) => json(res, 200, {}),
      async (client, server) => {
        await expect(client.request({ api: "crm", path: "https://attacker.example.com/steal" })).rejects.toThrow(
          /Refusing to send the Zoho token to https:\/\/attacker.example.com/,
        );
        // The right host over plain http would still expose the token on the wire.
        await expect(client.request({ api: "crm", path: "http://www.zohoapis.eu/crm/v8/org" })).rejects.toThrow(
          /Refusing to send the Zoho token to http:\/\/www\.zohoapis\.eu/,
        );
        expect(server.seen).toHaveLength(0);
        await client.request({ api: "crm", path: "https://www.zohoapis.eu/crm/v8/org" });
        expect(server.seen[0].url).toBe("/crm/v8/org");
      },
    );
  });
});
