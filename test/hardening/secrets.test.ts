/**
 * The connection's secrets are masked by value (issue 19, item 5): a Zoho answer that echoes the
 * access token, the refresh token or the client secret (in its message, its details, a header)
 * never puts them into an error, a step's result (batch results with Continue On Failure skip the
 * error hook) or a debug log. A hostile Zoho on 127.0.0.1 echoes them.
 */
import { createConnection, invoke } from "@prismatic-io/spectral/dist/testing";
import type { ServerResponse } from "node:http";
import { crmCreateRecords } from "../../actions/crm/createRecords";
import { crmGetRecord } from "../../actions/crm/getRecord";
import { crmRawRequest } from "../../actions/crm/rawRequest";
import { errorHook } from "../../src/errorHook";
import { configureTestTransport } from "../../src/http/transport";
import { loopback, type Seen } from "../helpers/loopback";

// Shapes that no pattern (Zoho-oauthtoken …, access_token=…) would catch.
const ACCESS = "1000.5f1c0ffee0ddba11cafe.d00dfeedbeef";
const REFRESH = "1000.9a8b7c6d5e4f3a2b1c0d.refreshrefresh";
const SECRET = "c1ientS3cretValue0123456789abcdef";
const SECRETS = [ACCESS, REFRESH, SECRET];

const connection = createConnection(
  { key: "zohoTemplatedConnection" } as Parameters<typeof createConnection>[0],
  { zohoRegion: "https://accounts.zoho.com", clientId: "1000.CLIENT", clientSecret: SECRET },
  { access_token: ACCESS, refresh_token: REFRESH, api_domain: "https://www.zohoapis.com" },
);

const echo = `invalid oauth token ${ACCESS} (refresh ${REFRESH}, client ${SECRET})`;
const answer = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json", "x-echo": `${ACCESS} ${REFRESH} ${SECRET}` });
  res.end(JSON.stringify(body));
};

const against = async (handler: (req: Seen, res: ServerResponse) => void, step: { perform: unknown }, params: Record<string, unknown>) => {
  const server = await loopback(handler);
  const previous = process.env.ZOHO_SANDBOX_URL;
  process.env.ZOHO_SANDBOX_URL = server.url;
  try {
    return await invoke(step as never, { connection, ...params } as never).then(
      (r) => ({ result: r.result as unknown, logs: JSON.stringify((r.loggerMock.debug as jest.Mock).mock.calls), error: undefined }),
      (error: Error) => ({ result: undefined, logs: "", error }),
    );
  } finally {
    if (previous === undefined) delete process.env.ZOHO_SANDBOX_URL;
    else process.env.ZOHO_SANDBOX_URL = previous;
    await server.close();
  }
};

const expectNoSecret = (text: string) => {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
};

beforeAll(() => configureTestTransport({ retry: { retries: 0 } }));
afterAll(() => configureTestTransport());

it("a 401 that echoes the token gives an error without it, in its message and its details", async () => {
  const { error } = await against(
    (_req, res) => answer(res, 401, { code: "INVALID_TOKEN", message: echo, details: { raw: ACCESS }, status: "error" }),
    crmGetRecord,
    {
      recordType: "Leads",
      recordId: "5725767000000524157",
    },
  );
  expect(error?.message).toMatch(/HTTP 401\) INVALID_TOKEN: invalid oauth token \[REDACTED\]/);
  expectNoSecret(error!.message);
  expectNoSecret(JSON.stringify((error as { details?: unknown }).details ?? {}));
});

it("Create Records with Continue On Failure returns outcomes without the token, from a whole-call error and from per-record messages", async () => {
  const whole = await against(
    (_req, res) => answer(res, 401, { code: "INVALID_TOKEN", message: echo, details: { raw: ACCESS }, status: "error" }),
    crmCreateRecords,
    {
      recordType: "Leads",
      records: [{ Last_Name: "A" }],
      continueOnFailure: true,
    },
  );
  expect(whole.error).toBeUndefined();
  expect(JSON.stringify(whole.result)).toContain("[REDACTED]");
  expectNoSecret(JSON.stringify(whole.result));

  const perRecord = await against(
    (_req, res) => answer(res, 400, { data: [{ code: "INVALID_DATA", status: "error", message: echo, details: { api_name: "Last_Name", echoed: REFRESH } }] }),
    crmCreateRecords,
    { recordType: "Leads", records: [{ Last_Name: "A" }], continueOnFailure: true },
  );
  expect((perRecord.result as { data: { failed: number } }).data.failed).toBe(1);
  expectNoSecret(JSON.stringify(perRecord.result));
});

it("a record whose field echoes the token comes back masked in the step's result", async () => {
  const { result } = await against(
    (_req, res) => answer(res, 200, { data: [{ id: "5725767000000524157", Last_Name: "Echo", Description: `token ${ACCESS}` }] }),
    crmGetRecord,
    {
      recordType: "Leads",
      recordId: "5725767000000524157",
    },
  );
  expect(JSON.stringify(result)).toContain("token [REDACTED]");
  expectNoSecret(JSON.stringify(result));
});

it("debug logs and a raw request's result mask an echo in the body and in a header", async () => {
  const { result, logs } = await against((_req, res) => answer(res, 200, { echoed: echo, nested: { again: [ACCESS] } }), crmRawRequest, {
    url: "/org",
    method: "GET",
    debugRequest: true,
  });
  expect(logs).toContain("Zoho response");
  expectNoSecret(logs);
  expectNoSecret(JSON.stringify(result));
  expect(logs).toContain('"x-echo":"[REDACTED] [REDACTED] [REDACTED]"');
  expect(result).toEqual({ data: { echoed: "invalid oauth token [REDACTED] (refresh [REDACTED], client [REDACTED])", nested: { again: ["[REDACTED]"] } } });
});

it("the error hook masks the connection's values in any error a step throws, once a client saw them", async () => {
  await against((_req, res) => answer(res, 200, {}), crmRawRequest, { url: "/org", method: "GET" });
  const masked = errorHook(new Error(`something failed near ${ACCESS} / ${SECRET}`)) as Error;
  expect(masked.message).toBe("something failed near [REDACTED] / [REDACTED]");
});
