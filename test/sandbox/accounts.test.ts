/**
 * The sandbox's accounts servers over real HTTP: the authorization-code flow per data center,
 * refresh (and its rate limit), revoke, client checks and serverinfo, and how the tokens they
 * issue fare on the API hosts.
 */
import { startTestSandbox, type TestSandbox } from "../helpers/sandbox";
import { httpCall } from "./httpCall";

const REDIRECT = "https://app.example.com/oauth/callback";

let sandbox: TestSandbox;
beforeEach(async () => {
  sandbox = await startTestSandbox();
});
afterEach(async () => {
  sandbox.assertContract();
  await sandbox.stop();
});

const host = (url: string) => new URL(url).host;

/** GET /oauth/v2/auth on a DC's accounts server; answers the redirect's query. */
const authorize = async (accountsHost: string, extra: Record<string, string> = {}) => {
  const query = new URLSearchParams({
    client_id: "client-1",
    response_type: "code",
    redirect_uri: REDIRECT,
    scope: "ZohoCRM.modules.ALL,ZohoCRM.org.READ",
    access_type: "offline",
    prompt: "consent",
    state: "xyz",
    ...extra,
  });
  const res = await httpCall(`${sandbox.url}/oauth/v2/auth?${query}`, { host: accountsHost });
  expect(res.status).toBe(302);
  const location = new URL(String(res.headers.location));
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
  return location.searchParams;
};

const tokenCall = async (accountsHost: string, form: Record<string, string>, query: Record<string, string> = {}) => {
  const { status, body } = await httpCall(`${sandbox.url}/oauth/v2/token?${new URLSearchParams(query)}`, { method: "POST", host: accountsHost, form });
  return { status, body };
};

const exchange = (accountsHost: string, code: string, overrides: Record<string, string> = {}) =>
  tokenCall(accountsHost, {
    grant_type: "authorization_code",
    client_id: "client-1",
    client_secret: "secret-1",
    redirect_uri: REDIRECT,
    code,
    ...overrides,
  });

const refresh = (accountsHost: string, refreshToken: string) =>
  tokenCall(accountsHost, { grant_type: "refresh_token", client_id: "client-1", client_secret: "secret-1", refresh_token: refreshToken });

const orgStatus = async (apiHost: string, accessToken: string) => (await httpCall(`${sandbox.url}/crm/v8/org`, { host: apiHost, token: accessToken })).status;

const EU_ACCOUNTS = "accounts.zoho.eu";
const EU_API = "www.zohoapis.eu";

describe("authorization code flow", () => {
  test("redirects with code, location and accounts-server, and the code buys tokens for that DC's API", async () => {
    const redirect = await authorize(EU_ACCOUNTS);
    expect(redirect.get("location")).toBe("eu");
    expect(redirect.get("accounts-server")).toBe("https://accounts.zoho.eu");
    expect(redirect.get("state")).toBe("xyz");

    const { status, body } = await exchange(EU_ACCOUNTS, redirect.get("code")!);
    expect(status).toBe(200);
    expect(body).toEqual({
      access_token: expect.stringMatching(/^1000\./),
      refresh_token: expect.stringMatching(/^1000\./),
      scope: "ZohoCRM.modules.ALL ZohoCRM.org.READ",
      api_domain: "https://www.zohoapis.eu",
      token_type: "Bearer",
      expires_in: 3600,
    });
    expect(await orgStatus(EU_API, body.access_token)).toBe(200);
    // Zoho's other data centers do not know the token.
    expect(await orgStatus("www.zohoapis.com", body.access_token)).toBe(401);
  });

  test("a code works once, only at the DC that issued it, and for two minutes of sandbox time", async () => {
    const code = (await authorize(EU_ACCOUNTS)).get("code")!;
    expect((await exchange("accounts.zoho.com", code)).body).toEqual({ error: "invalid_code" });
    expect((await exchange(EU_ACCOUNTS, code)).body.access_token).toBeDefined();
    expect((await exchange(EU_ACCOUNTS, code)).body).toEqual({ error: "invalid_code" });

    const late = (await authorize(EU_ACCOUNTS)).get("code")!;
    sandbox.clock.advance(2 * 60 * 1000 + 1);
    expect((await exchange(EU_ACCOUNTS, late)).body).toEqual({ error: "invalid_code" });
  });

  test("the redirect_uri must match the one authorized", async () => {
    const code = (await authorize(EU_ACCOUNTS)).get("code")!;
    expect((await exchange(EU_ACCOUNTS, code, { redirect_uri: "https://elsewhere.example.com/cb" })).body).toEqual({ error: "invalid_redirect_uri" });
  });

  test("without access_type=offline the exchange gives no refresh token", async () => {
    const code = (await authorize(EU_ACCOUNTS, { access_type: "online" })).get("code")!;
    const { body } = await exchange(EU_ACCOUNTS, code);
    expect(body.access_token).toBeDefined();
    expect(body.refresh_token).toBeUndefined();
  });

  test("parameters in the query string work as Zoho accepts them", async () => {
    const code = (await authorize("accounts.zohocloud.ca")).get("code")!;
    const { body } = await tokenCall(
      "accounts.zohocloud.ca",
      {},
      {
        grant_type: "authorization_code",
        client_id: "client-1",
        client_secret: "secret-1",
        redirect_uri: REDIRECT,
        code,
      },
    );
    // Canada's accounts server is zohocloud.ca, its API zohoapis.ca.
    expect(body.api_domain).toBe("https://www.zohoapis.ca");
  });
});

describe("refresh and revoke", () => {
  const connect = async () => (await exchange(EU_ACCOUNTS, (await authorize(EU_ACCOUNTS)).get("code")!)).body;

  test("refresh gives a new access token without a refresh token; an unknown refresh token is invalid_code", async () => {
    const first = await connect();
    const { status, body } = await refresh(EU_ACCOUNTS, first.refresh_token);
    expect(status).toBe(200);
    expect(body.access_token).not.toBe(first.access_token);
    expect(body.refresh_token).toBeUndefined();
    expect(body.api_domain).toBe("https://www.zohoapis.eu");
    expect(await orgStatus(EU_API, body.access_token)).toBe(200);
    expect((await refresh(EU_ACCOUNTS, "1000.nope.nope")).body).toEqual({ error: "invalid_code" });
    expect((await refresh("accounts.zoho.in", first.refresh_token)).body).toEqual({ error: "invalid_code" });
  });

  test("a refresh token mints ten access tokens in ten minutes, then Zoho refuses until the window passes", async () => {
    const { refresh_token } = await connect();
    for (let i = 0; i < 10; i++) expect((await refresh(EU_ACCOUNTS, refresh_token)).status).toBe(200);
    const refused = await refresh(EU_ACCOUNTS, refresh_token);
    expect(refused).toEqual({
      status: 400,
      body: { error: "Access Denied", error_description: "You have made too many requests continuously. Please try again after some time." },
    });
    sandbox.clock.advance(10 * 60 * 1000);
    expect((await refresh(EU_ACCOUNTS, refresh_token)).status).toBe(200);
  });

  test("revoking the refresh token ends it and every access token it minted", async () => {
    const first = await connect();
    const minted = (await refresh(EU_ACCOUNTS, first.refresh_token)).body.access_token;
    const res = await httpCall(`${sandbox.url}/oauth/v2/token/revoke?token=${first.refresh_token}`, { method: "POST", host: EU_ACCOUNTS });
    expect(res.status).toBe(200);
    expect(await orgStatus(EU_API, first.access_token)).toBe(401);
    expect(await orgStatus(EU_API, minted)).toBe(401);
    expect((await refresh(EU_ACCOUNTS, first.refresh_token)).body).toEqual({ error: "invalid_code" });
  });

  test("an access token expires after an hour of sandbox time", async () => {
    const { access_token } = await connect();
    sandbox.clock.advance(3599 * 1000);
    expect(await orgStatus(EU_API, access_token)).toBe(200);
    sandbox.clock.advance(2000);
    expect(await orgStatus(EU_API, access_token)).toBe(401);
  });
});

describe("clients", () => {
  test("with registered clients, an unknown client or a wrong secret is refused", async () => {
    const strict = await startTestSandbox({ clients: { "client-1": "secret-1" } });
    try {
      const call = async (form: Record<string, string>) =>
        (await httpCall(`${strict.url}/oauth/v2/token`, { method: "POST", form: { grant_type: "refresh_token", refresh_token: "x", ...form } })).body;
      expect(await call({ client_id: "other", client_secret: "secret-1" })).toEqual({ error: "invalid_client" });
      expect(await call({ client_id: "client-1", client_secret: "wrong" })).toEqual({ error: "invalid_client_secret" });
      expect(await call({ client_id: "client-1", client_secret: "secret-1" })).toEqual({ error: "invalid_code" });
    } finally {
      await strict.stop();
    }
  });

  test("without registered clients any non-empty pair is accepted, an empty secret is not", async () => {
    const code = (await authorize(EU_ACCOUNTS)).get("code")!;
    expect((await exchange(EU_ACCOUNTS, code, { client_secret: "" })).body).toEqual({ error: "invalid_client_secret" });
  });
});

test("serverinfo lists every data center's accounts server", async () => {
  const { body } = await httpCall(`${sandbox.url}/oauth/serverinfo`);
  expect(body.result).toBe("success");
  expect(Object.keys(body.locations).sort()).toEqual(["ae", "au", "ca", "cn", "eu", "in", "jp", "sa", "uk", "us"]);
  expect(body.locations.ca).toBe("https://accounts.zohocloud.ca");
  expect(host(body.locations.au)).toBe("accounts.zoho.com.au");
});

test("accounts calls skip API limits and faults", async () => {
  sandbox.setOptions({ rateLimit429: 1, faults: { rate: 1, kinds: [503] } });
  expect((await httpCall(`${sandbox.url}/oauth/serverinfo`)).status).toBe(200);
});
