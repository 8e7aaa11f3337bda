/**
 * Live mode against the sandbox's accounts server and API hosts: ZOHO_SANDBOX_URL routes the calls
 * for accounts.zoho.eu and www.zohoapis.eu there, exactly as it does for the component's tests.
 */
import { main } from "../../scripts/start";
import { runDemo } from "../../scripts/runner/demo";
import { useSandbox } from "../helpers/sandbox";

const CLIENT = { id: "1000.LIVECLIENT", secret: "live-client-secret" };
const sandbox = useSandbox({ clients: { [CLIENT.id]: CLIENT.secret } });

/** A refresh token the EU accounts server issued to the client, as the user's consent would have. */
const liveEnv = (overrides: Record<string, string | undefined> = {}) => {
  const issued = sandbox().issueToken({ dc: "eu", clientId: CLIENT.id });
  return {
    env: {
      ZOHO_CLIENT_ID: CLIENT.id,
      ZOHO_CLIENT_SECRET: CLIENT.secret,
      ZOHO_REFRESH_TOKEN: issued.refreshToken!,
      ZOHO_ACCOUNTS_SERVER: "https://accounts.zoho.eu",
      ZOHO_SANDBOX_URL: sandbox().url,
      ...overrides,
    },
    secrets: [CLIENT.secret, issued.refreshToken!, issued.accessToken],
  };
};

const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (text: string) => out.push(text), err: (text: string) => err.push(text) } };
};

/** Every access token the sandbox has issued: none may show up in what the runner prints. */
const issuedTokens = () => [...(sandbox().state.tokens.keys() as Iterable<string>)];

it("refreshes the token at the org's accounts server and runs one action against its API domain", async () => {
  const { env, secrets } = liveEnv();
  const from = sandbox().log.length;
  const { out, err, io } = capture();
  expect(await main(["crmGetOrganization"], env, io)).toBe(0);
  expect(err[0]).toBe(`Using Zoho org via accounts.zoho.eu (calls routed to ZOHO_SANDBOX_URL ${sandbox().url})`);
  expect(JSON.parse(out.join("\n")).data).toMatchObject({ id: expect.stringMatching(/^\d+$/), company_name: expect.any(String) });
  const [refresh, org] = sandbox().log.slice(from);
  expect(refresh).toMatchObject({ dc: "eu", method: "POST", path: "/oauth/v2/token", status: 200 });
  expect(org).toMatchObject({ dc: "eu", method: "GET", path: "/crm/v8/org", status: 200 });
  const printed = [...out, ...err].join("\n");
  for (const secret of [...secrets, ...issuedTokens()]) expect(printed).not.toContain(secret);
});

it("ZOHO_REGION names the data center when ZOHO_ACCOUNTS_SERVER is not set", async () => {
  const { env } = liveEnv({ ZOHO_ACCOUNTS_SERVER: undefined, ZOHO_REGION: "eu" });
  const { out, io } = capture();
  expect(await main(["booksListOrganizations"], env, io)).toBe(0);
  expect(JSON.parse(out.join("\n")).data[0]).toMatchObject({ organization_id: "10234695" });
});

it("the live demo only reads, and every step passes", async () => {
  const { env, secrets } = liveEnv();
  const from = sandbox().log.length;
  const lines: string[] = [];
  const result = await runDemo({ log: (line) => lines.push(line), env });
  expect(lines.filter((line) => line.startsWith("✘"))).toEqual([]);
  expect(result).toMatchObject({ ok: true, mode: "live" });
  expect(lines[0]).toMatch(/^Using Zoho org via accounts\.zoho\.eu/);
  expect(lines[1]).toBe("Live mode only reads: it creates, changes and deletes nothing in the org.");
  expect(lines).toContainEqual(expect.stringMatching(/^– Writing steps — skipped: /));
  // The token refresh and COQL (a read sent as POST) are the only calls that are not GETs.
  const notGets = sandbox()
    .log.slice(from)
    .filter((entry) => entry.method !== "GET")
    .map((entry) => `${entry.method} ${entry.path}`);
  expect([...new Set(notGets)].sort()).toEqual(["POST /crm/v8/coql", "POST /oauth/v2/token"]);
  for (const secret of [...secrets, ...issuedTokens()]) expect(lines.join("\n")).not.toContain(secret);
});

it("a refresh token Zoho refuses fails with Zoho's reason and no secret", async () => {
  const { env } = liveEnv({ ZOHO_REFRESH_TOKEN: "1000.not-a-real-refresh-token" });
  const { out, err, io } = capture();
  expect(await main(["crmGetOrganization"], env, io)).toBe(1);
  expect(out).toEqual([]);
  expect(err.at(-1)).toBe("✘ accounts.zoho.eu refused the refresh_token grant: invalid_code");
  expect(err.join("\n")).not.toContain("not-a-real-refresh-token");
  expect(err.join("\n")).not.toContain(CLIENT.secret);
});

it.each([
  [
    "no client secret",
    { ZOHO_CLIENT_SECRET: undefined },
    /live mode needs ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET, ZOHO_REFRESH_TOKEN: ZOHO_CLIENT_SECRET is not set/,
  ],
  [
    "no accounts server or region",
    { ZOHO_ACCOUNTS_SERVER: undefined },
    /live mode needs ZOHO_ACCOUNTS_SERVER \(e\.g\. https:\/\/accounts\.zoho\.eu\) or ZOHO_REGION/,
  ],
  [
    "a foreign accounts server",
    { ZOHO_ACCOUNTS_SERVER: "https://accounts.example.com" },
    /ZOHO_ACCOUNTS_SERVER "https:\/\/accounts\.example\.com" is not a Zoho accounts server/,
  ],
  ["an unknown region", { ZOHO_ACCOUNTS_SERVER: undefined, ZOHO_REGION: "mars" }, /ZOHO_REGION "mars" is not a Zoho data center: use one of us, eu, in/],
])("a half-set or wrong live configuration is a usage error: %s", async (_, overrides, message) => {
  const { env } = liveEnv(overrides);
  const from = sandbox().log.length;
  const { err, io } = capture();
  expect(await main([], env, io)).toBe(2);
  expect(err.join("\n")).toMatch(message);
  expect(err.join("\n")).toContain("Usage:");
  expect(sandbox().log.length).toBe(from);
});
