import { createConnection, invoke } from "@prismatic-io/spectral/dist/testing";
import { booksListOrganizations } from "../../actions/books/listOrganizations";
import { crmGetOrganization } from "../../actions/crm/getOrganization";
import { crmRawRequest } from "../../actions/crm/rawRequest";
import { connections } from "../../connections";
import type { DataCenterKey } from "../../sandbox/types";
import { stepTransport } from "../../src/http/transport";
import {
  CRM_ENVIRONMENTS,
  CRM_HOSTS,
  DATA_CENTERS,
  dataCenterForAccounts,
  dataCenterForApiDomain,
  environmentOfHost,
  resolveDataCenter,
  RegionError,
  type CrmEnvironment,
} from "../../src/http/regions";
import { crmBulkWriteRecords } from "../../actions/crm/bulkWriteRecords";
import { environmentState } from "../../sandbox/state";
import { configureBulkPolling } from "../../src/crm/bulk";
import { useSandbox, type TestSandbox } from "../helpers/sandbox";
import { clientOfConnection, connectionToken } from "../../src/http/connection";

const expected: Array<[string, string, string]> = [
  ["us", "https://accounts.zoho.com", "https://www.zohoapis.com"],
  ["eu", "https://accounts.zoho.eu", "https://www.zohoapis.eu"],
  ["in", "https://accounts.zoho.in", "https://www.zohoapis.in"],
  ["au", "https://accounts.zoho.com.au", "https://www.zohoapis.com.au"],
  ["jp", "https://accounts.zoho.jp", "https://www.zohoapis.jp"],
  ["ca", "https://accounts.zohocloud.ca", "https://www.zohoapis.ca"],
  ["cn", "https://accounts.zoho.com.cn", "https://www.zohoapis.com.cn"],
  ["sa", "https://accounts.zoho.sa", "https://www.zohoapis.sa"],
  ["uk", "https://accounts.zoho.uk", "https://www.zohoapis.uk"],
  ["ae", "https://accounts.zoho.ae", "https://www.zohoapis.ae"],
];

describe("data centers", () => {
  it("lists exactly the ten Zoho data centers", () => {
    expect(DATA_CENTERS.map((d) => d.key)).toEqual(expected.map(([key]) => key));
  });

  describe.each(expected)("%s", (key, accounts, api) => {
    it("maps the accounts server to the API domain", () => {
      expect(dataCenterForAccounts(accounts)).toMatchObject({ key, apiDomain: api });
      expect(dataCenterForAccounts(`${accounts}/oauth/v2/token`).key).toBe(key);
    });

    it("templated connection: CRM and Books base URLs come from the token's api_domain", () => {
      const connection = createConnection({ key: "zohoTemplatedConnection" } as never, { zohoRegion: accounts }, { access_token: "t", api_domain: api });
      const client = clientOfConnection(connection, { transport: stepTransport() });
      expect(client.baseUrl("crm")).toBe(`${api}/crm/v8`);
      expect(client.baseUrl("books")).toBe(`${api}/books/v3`);
      expect(client.baseUrl("bulk")).toBe(`${api}/crm/bulk/v8`);
    });

    it("templated connection without api_domain falls back to accounts-server context, then the Region URL", () => {
      const fromContext = createConnection({ key: "zohoTemplatedConnection" } as never, { zohoRegion: "https://accounts.zoho.com" }, { access_token: "t" });
      fromContext.context = { "accounts-server": accounts };
      expect(connectionToken(fromContext).dataCenter.apiDomain).toBe(api);
      const fromRegion = createConnection({ key: "zohoTemplatedConnection" } as never, { zohoRegion: accounts }, { access_token: "t" });
      expect(connectionToken(fromRegion).dataCenter.apiDomain).toBe(api);
    });

    it("deprecated connection falls back to its Token URL", () => {
      const connection = createConnection({ key: "oauth2" } as never, { tokenUrl: `${accounts}/oauth/v2/token` }, { access_token: "t" });
      expect(connectionToken(connection).dataCenter.apiDomain).toBe(api);
    });
  });

  it("never builds the broken Canada host the old component built", () => {
    const ca = dataCenterForAccounts("https://accounts.zohocloud.ca");
    expect(ca.apiDomain).toBe("https://www.zohoapis.ca");
    expect(ca.contentDomain).toBe("https://content.zohoapis.ca");
  });

  it("accepts a host without scheme and ignores case", () => {
    expect(dataCenterForAccounts("ACCOUNTS.ZOHO.EU").key).toBe("eu");
  });

  it.each([
    ["https://accounts.example.com", /Region URL "https:\/\/accounts.example.com" is not a Zoho accounts server/],
    ["http://accounts.zoho.eu", /must use https/],
    ["not a url at all", /is not/],
  ])("rejects %s with an error naming the input", (value, message) => {
    expect(() => dataCenterForAccounts(value)).toThrow(message);
  });

  it("refuses to send the token to a host outside Zoho's API domains", () => {
    expect(() => dataCenterForApiDomain("https://evil.example.com")).toThrow(/not a Zoho API domain; the token will not be sent there/);
    expect(() => dataCenterForApiDomain("https://www.zohoapis.com.evil.io")).toThrow(RegionError);
  });

  it("explains a connection with no region at all", () => {
    expect(() => resolveDataCenter({ configuredInputName: "Region URL" })).toThrow(/has no region: set Region URL/);
  });

  it("explains a connection that never finished OAuth", () => {
    const connection = createConnection({ key: "zohoTemplatedConnection" } as never, { zohoRegion: "https://accounts.zoho.eu" }, {});
    expect(() => connectionToken(connection)).toThrow(/no access token/);
  });
});

describe("CRM environments: 10 data centers x 3 environments", () => {
  const sandbox = useSandbox();
  const tld = (api: string) => api.replace("https://www.zohoapis.", "");
  const hosts = expected.flatMap(([key, , api]) =>
    CRM_ENVIRONMENTS.map((e) => [key, e.key, `https://${e.subdomain}.zohoapis.${tld(api)}`, e.label] as [DataCenterKey, CrmEnvironment, string, string]),
  );

  /** A templated connection set to `environment`, holding a token the sandbox issued for the org `tokenFor`. */
  const environmentConnection = (
    s: TestSandbox,
    dc: DataCenterKey,
    environment: string,
    tokenFor: CrmEnvironment = environment as CrmEnvironment,
    scopes?: string[],
  ) => {
    const token = s.issueToken({ dc, environment: tokenFor, clientId: "test-client", scopes });
    return createConnection(
      { key: "zohoTemplatedConnection" } as never,
      { zohoRegion: s.accountsServer(dc), crmEnvironment: environment, clientId: "test-client", clientSecret: "s", scopes: token.scopes.join(" ") },
      // Zoho's api_domain names production whatever org the token is for.
      { access_token: token.accessToken, api_domain: s.apiDomain(dc), expires_in: 3600 },
    );
  };

  it("has 30 CRM hosts, each mapped back to its data center and environment", () => {
    expect(CRM_HOSTS).toHaveLength(30);
    expect(CRM_HOSTS.map((h) => [h.dataCenter, h.environment, h.crmDomain])).toEqual(hosts.map(([dc, env, host]) => [dc, env, host]));
    for (const [dc, environment, host] of hosts) {
      expect(environmentOfHost(new URL(host).host)).toMatchObject({ dataCenter: { key: dc }, environment });
    }
  });

  it.each(hosts)("%s %s: CRM calls reach %s and its own org; Books and content hosts stay the data center's", async (dc, environment, host, label) => {
    const s = sandbox();
    const connection = environmentConnection(s, dc, environment);
    const client = clientOfConnection(connection, { transport: stepTransport() });
    expect(client.baseUrl("crm")).toBe(`${host}/crm/v8`);
    expect(client.baseUrl("bulk")).toBe(`${host}/crm/bulk/v8`);
    // Bulk read results are paths on the CRM host of the environment.
    expect(client.baseUrl("download")).toBe(host);
    expect(client.baseUrl("books")).toBe(`${s.apiDomain(dc)}/books/v3`);
    expect(client.baseUrl("content")).toBe(`${s.apiDomain(dc).replace("//www.", "//content.")}/crm/v8`);

    const before = s.log.length;
    const { result } = await invoke(crmGetOrganization as never, { connection } as never);
    expect((result as { data: { type: string } }).data.type).toBe(label);
    expect(s.log.slice(before).map((e) => [e.dc, e.headers.host, e.status])).toEqual([[dc, new URL(host).host, 200]]);
  });

  it("keeps the sandbox org's records out of production and the developer org", async () => {
    const s = sandbox();
    const write = (environment: CrmEnvironment, lastName: string) =>
      invoke(
        crmRawRequest as never,
        {
          connection: environmentConnection(s, "eu", environment),
          url: "/Leads",
          method: "POST",
          data: JSON.stringify({ data: [{ Last_Name: lastName }] }),
        } as never,
      );
    const names = async (environment: CrmEnvironment) => {
      const { result } = await invoke(
        crmRawRequest as never,
        {
          connection: environmentConnection(s, "eu", environment),
          url: "/coql",
          method: "POST",
          data: JSON.stringify({ select_query: "select Last_Name from Leads where Last_Name like 'Env%'" }),
        } as never,
      );
      return ((result as { data?: { data?: Array<{ Last_Name: string }> } }).data?.data ?? []).map((r) => r.Last_Name);
    };
    await write("sandbox", "Env Sandbox");
    await write("developer", "Env Developer");
    await write("production", "Env Production");
    expect(await names("sandbox")).toEqual(["Env Sandbox"]);
    expect(await names("developer")).toEqual(["Env Developer"]);
    expect(await names("production")).toEqual(["Env Production"]);
  });

  it("runs a bulk write in the sandbox org: the upload and result hosts every org shares find the org by its zgid", async () => {
    const s = sandbox();
    configureBulkPolling({ firstDelayMs: 5, maxDelayMs: 20 });
    const scopes = ["ZohoCRM.modules.ALL", "ZohoCRM.bulk.ALL", "ZohoCRM.org.ALL", "ZohoFiles.files.ALL", "ZohoCRM.settings.ALL"];
    const production = s.state.crm.records.get("Contacts")!.size;
    const before = s.log.length;
    const { result } = await invoke(
      crmBulkWriteRecords as never,
      {
        connection: environmentConnection(s, "au", "sandbox", "sandbox", scopes),
        recordType: "Contacts",
        records: JSON.stringify([{ Last_Name: "Bulk Sandbox 1" }, { Last_Name: "Bulk Sandbox 2" }]),
        operation: "insert",
      } as never,
    );
    expect((result as { data: { counts: unknown } }).data.counts).toEqual({ total: 2, succeeded: 2, failed: 0 });
    const hosts = new Set(s.log.slice(before).map((e) => e.headers.host));
    expect(hosts).toEqual(new Set(["sandbox.zohoapis.com.au", "content.zohoapis.com.au", "download-accl.zoho.com.au"]));
    const sandboxOrg = environmentState(s.state, "sandbox");
    expect([...sandboxOrg.crm.records.get("Contacts")!.values()].map((r) => r.Last_Name)).toEqual(["Bulk Sandbox 1", "Bulk Sandbox 2"]);
    expect(sandboxOrg.org.zgid).not.toBe(s.state.org.zgid);
    expect(s.state.crm.records.get("Contacts")!.size).toBe(production);
  });

  it("says which environment the connection is set to when the token belongs to another org", async () => {
    const s = sandbox();
    const intoSandbox = environmentConnection(s, "eu", "sandbox", "production");
    await expect(invoke(crmGetOrganization as never, { connection: intoSandbox } as never)).rejects.toThrow(
      /INVALID_TOKEN.*CRM Environment is Sandbox \(sandbox\.zohoapis\.eu\).*pick the Sandbox org/,
    );
    const intoProduction = environmentConnection(s, "jp", "production", "developer");
    await expect(invoke(crmGetOrganization as never, { connection: intoProduction } as never)).rejects.toThrow(
      /INVALID_TOKEN.*CRM Environment is Production \(www\.zohoapis\.jp\)/,
    );
  });

  it("sends Books calls of a sandbox-org connection to the production host (Books has no environments)", async () => {
    const s = sandbox();
    const before = s.log.length;
    const { result } = await invoke(booksListOrganizations as never, { connection: environmentConnection(s, "in", "sandbox") } as never);
    expect((result as { data: unknown[] }).data.length).toBeGreaterThan(0);
    expect(s.log.slice(before).map((e) => e.headers.host)).toEqual(["www.zohoapis.in"]);
  });

  it("treats a connection made before the CRM Environment input existed as production, and names the input when its value is wrong", () => {
    const old = createConnection(
      { key: "zohoTemplatedConnection" } as never,
      { zohoRegion: "https://accounts.zoho.eu" },
      { access_token: "t", api_domain: "https://www.zohoapis.eu" },
    );
    expect(connectionToken(old).dataCenter).toMatchObject({ environment: "production", crmDomain: "https://www.zohoapis.eu" });
    const deprecated = createConnection(
      { key: "oauth2" } as never,
      { tokenUrl: "https://accounts.zoho.com/oauth/v2/token", crmEnvironment: "Developer" },
      { access_token: "t" },
    );
    expect(connectionToken(deprecated).dataCenter.crmDomain).toBe("https://developer.zohoapis.com");
    const wrong = createConnection(
      { key: "zohoTemplatedConnection" } as never,
      { zohoRegion: "https://accounts.zoho.eu", crmEnvironment: "staging" },
      { access_token: "t" },
    );
    expect(() => connectionToken(wrong)).toThrow(/CRM Environment "staging" is not a Zoho CRM environment: pick Production, Sandbox, Developer/);
  });

  it("offers the environment on both connections, production by default", () => {
    for (const connection of connections) {
      const input = (connection.inputs as Record<string, { label: string; default?: string; model?: Array<{ value: string }> }>).crmEnvironment;
      expect(input).toMatchObject({ label: "CRM Environment", default: "production" });
      expect(input.model?.map((m) => m.value)).toEqual(["production", "sandbox", "developer"]);
    }
  });
});
