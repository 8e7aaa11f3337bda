import { createConnection } from "@prismatic-io/spectral/dist/testing";
import { connectionToken, ZohoClient } from "../../src/client";
import { DATA_CENTERS, dataCenterForAccounts, dataCenterForApiDomain, resolveDataCenter, RegionError } from "../../src/regions";

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
      const client = ZohoClient.fromConnection(connection);
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
