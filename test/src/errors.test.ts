import { createConnection } from "@prismatic-io/spectral/dist/testing";
import { configureTestTransport, stepTransport } from "../../src/http/transport";
import { errorHook } from "../../src/errorHook";
import { scopeFor } from "../../src/http/errors";
import { redact, redactText, REDACTED } from "../../src/http/redact";
import { json, loopback } from "../helpers/loopback";
import { clientOfConnection } from "../../src/http/connection";

beforeAll(() => configureTestTransport({ retry: { baseDelayMs: 5 } }));

const failWith = async (status: number, body: unknown, api: "crm" | "books", path: string, method: "GET" | "POST" = "GET") => {
  const server = await loopback((_req, res) => json(res, status, body));
  process.env.ZOHO_SANDBOX_URL = server.url;
  const connection = createConnection({ key: "zohoTemplatedConnection" } as never, {}, { access_token: "tok", api_domain: "https://www.zohoapis.in" });
  try {
    await clientOfConnection(connection, { retry: { retries: 0 }, transport: stepTransport() }).request({ api, path, method });
    throw new Error("expected a failure");
  } catch (error) {
    return error as Error;
  } finally {
    await server.close();
    delete process.env.ZOHO_SANDBOX_URL;
  }
};

describe("error translation", () => {
  it("OAUTH_SCOPE_MISMATCH names the scope the call needs", async () => {
    const error = await failWith(
      403,
      { code: "OAUTH_SCOPE_MISMATCH", message: "invalid oauth scope to access this URL", details: {}, status: "error" },
      "crm",
      "/coql",
      "POST",
    );
    expect(error.message).toMatch(/add ZohoCRM\.coql\.READ to the connection's Scopes and reconnect/);
  });

  it("INVALID_TOKEN explains the data-center mismatch", async () => {
    const error = await failWith(401, { code: "INVALID_TOKEN", message: "invalid oauth token", details: {}, status: "error" }, "crm", "/Leads");
    expect(error.message).toMatch(/region does not match the Zoho account's data center/);
  });

  it("INVALID_MODULE names the module", async () => {
    const error = await failWith(
      400,
      { code: "INVALID_MODULE", message: "the module name given seems to be invalid", details: { resource_path_index: 0 }, status: "error" },
      "crm",
      "/Price Books",
    );
    expect(error.message).toMatch(/"Price Books" is not a module API name/);
  });

  it("Books errors keep the code and say what to check", async () => {
    const error = await failWith(404, { code: 1002, message: "Invoice does not exist." }, "books", "/invoices/1");
    expect(error.message).toBe("Zoho Books error 1002 (HTTP 404): Invoice does not exist. Check the record id.");
  });

  it("scopes are named per endpoint", () => {
    expect(scopeFor("crm", "/settings/fields?module=Leads")).toBe("ZohoCRM.settings.ALL");
    expect(scopeFor("crm", "/actions/watch")).toBe("ZohoCRM.notifications.ALL");
    expect(scopeFor("crm", "/Leads/search")).toMatch(/ZohoSearch\.securesearch\.READ/);
    expect(scopeFor("crm", "/Leads/1/Attachments", "POST")).toMatch(/ZohoCRM\.Files\.CREATE/);
    expect(scopeFor("books", "/invoices")).toBe("ZohoBooks.fullaccess.all");
    expect(scopeFor("crm", "/__composite_requests", "POST")).toMatch(/^ZohoCRM\.composite_requests\.CUSTOM/);
  });

  it("the error hook strips tokens from any message", () => {
    const out = errorHook(new Error("failed with header Zoho-oauthtoken 1000.abc.def and ?refresh_token=1000.xyz")) as Error;
    expect(out.message).not.toMatch(/1000\.abc|1000\.xyz/);
  });
});

describe("redaction", () => {
  it("masks secret keys at any depth and tokens inside text", () => {
    const out = JSON.stringify(
      redact({
        headers: { Authorization: "Zoho-oauthtoken 1000.a", "Content-Type": "application/json" },
        data: { client_secret: "s", nested: [{ refresh_token: "r", token: "verif", keep: "visible" }] },
        url: "https://accounts.zoho.com/oauth/v2/token?refresh_token=1000.r&client_id=x",
      }),
    );
    expect(out).not.toMatch(/1000\.a|"s"|"r"|verif|1000\.r/);
    expect(out).toContain("visible");
    expect(out).toContain("client_id=x");
    expect(out).toContain(REDACTED);
  });
  it("masks bearer and Zoho tokens in free text", () => {
    expect(redactText("Authorization: Bearer abc.def")).toBe(`Authorization: Bearer ${REDACTED}`);
  });
});
