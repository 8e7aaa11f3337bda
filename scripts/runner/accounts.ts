/**
 * The OAuth 2.0 calls the platform makes on the connection's behalf: the authorization-code
 * exchange (sandbox demo) and the refresh grant (live mode). They go through the component's own
 * client, so the data center table, the host guard and ZOHO_SANDBOX_URL routing are the ones the
 * actions use. Nothing here prints or returns a secret except inside the token it hands back.
 */
import { ZohoClient } from "../../src/http/client";
import { stepTransport } from "../../src/http/transport";
import type { DataCenter } from "../../src/http/regions";

export interface ZohoTokens {
  access_token: string;
  refresh_token?: string;
  api_domain: string;
  expires_in?: number;
  token_type?: string;
  scope?: string;
}

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

/** Where the platform sends the user back; Zoho only echoes it in the redirect, nothing is served there. */
export const REDIRECT_URI = "https://oauth2.prismatic.io/callback";

const accountsHttp = (dataCenter: DataCenter) => new ZohoClient({ accessToken: "", dataCenter }, { transport: stepTransport() }).axios("accounts");

const hostOf = (dataCenter: DataCenter) => new URL(dataCenter.accountsServer).host;

/** Zoho answers most OAuth failures with HTTP 200 and {"error": "..."}: only the error code is kept. */
const tokensFrom = (dataCenter: DataCenter, grant: string, body: any): ZohoTokens => {
  if (!body || typeof body !== "object" || body.error || typeof body.access_token !== "string") {
    const reason = body?.error ? String(body.error) : "no access_token in the answer";
    throw new Error(`${hostOf(dataCenter)} refused the ${grant} grant: ${reason}`);
  }
  return body as ZohoTokens;
};

const postToken = async (dataCenter: DataCenter, grant: string, form: Record<string, string>): Promise<ZohoTokens> => {
  const response = await accountsHttp(dataCenter).post("/oauth/v2/token", new URLSearchParams(form).toString(), {
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    validateStatus: () => true,
  });
  return tokensFrom(dataCenter, grant, response.data);
};

export interface Consent {
  code: string;
  /** The redirect's extra parameters (location, accounts-server), which the platform keeps as the connection's context. */
  context: Record<string, string>;
}

/** The user's consent: GET /oauth/v2/auth answers with a redirect carrying the code. */
export const authorize = async (dataCenter: DataCenter, client: OAuthClient, scopes: string): Promise<Consent> => {
  const query = new URLSearchParams({
    client_id: client.clientId,
    response_type: "code",
    redirect_uri: REDIRECT_URI,
    scope: scopes,
    access_type: "offline",
    prompt: "consent",
    state: "demo",
  });
  const response = await accountsHttp(dataCenter).get(`/oauth/v2/auth?${query}`, { maxRedirects: 0, validateStatus: () => true });
  const location = response.headers?.location;
  if (response.status !== 302 || typeof location !== "string") {
    throw new Error(
      `${hostOf(dataCenter)} did not redirect back with a code (HTTP ${response.status}${response.data?.error ? `, ${response.data.error}` : ""})`,
    );
  }
  const redirect = new URL(location);
  const code = redirect.searchParams.get("code");
  if (!code) throw new Error(`${hostOf(dataCenter)} redirected without a code: ${redirect.searchParams.get("error") ?? "no reason given"}`);
  const context = Object.fromEntries([...redirect.searchParams].filter(([key]) => key !== "code" && key !== "state"));
  return { code, context };
};

export const exchangeCode = (dataCenter: DataCenter, client: OAuthClient, code: string): Promise<ZohoTokens> =>
  postToken(dataCenter, "authorization_code", {
    grant_type: "authorization_code",
    client_id: client.clientId,
    client_secret: client.clientSecret,
    redirect_uri: REDIRECT_URI,
    code,
  });

export const refreshAccessToken = (dataCenter: DataCenter, client: OAuthClient, refreshToken: string): Promise<ZohoTokens> =>
  postToken(dataCenter, "refresh_token", {
    grant_type: "refresh_token",
    client_id: client.clientId,
    client_secret: client.clientSecret,
    refresh_token: refreshToken,
  });
