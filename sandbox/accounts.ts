/**
 * Zoho's accounts server, one per data center: the authorization-code flow, refresh, revoke and
 * serverinfo, plus the token check every API route goes through. Zoho answers most OAuth errors
 * with HTTP 200 and {"error": "..."}; a code or token is known only at the DC that issued it.
 */
import { randomBytes } from "node:crypto";
import { DATA_CENTERS, dataCenter } from "./dataCenters";
import { ok } from "./respond";
import { ALL_SCOPES } from "./scopes";
import type { SandboxState } from "./state";
import type { DataCenterKey, Handler, Route, SandboxOptions, SandboxRequest, SandboxResponse, TokenInfo } from "./types";

const CODE_LIFETIME_MS = 2 * 60 * 1000;
const ACCESS_TOKEN_LIFETIME_SEC = 3600;
/** Zoho lets one refresh token mint about ten access tokens in ten minutes. */
const REFRESH_LIMIT = { count: 10, windowMs: 10 * 60 * 1000 };

const secret = () => `1000.${randomBytes(16).toString("hex")}.${randomBytes(16).toString("hex")}`;

const oauthError = (error: string, status = 200, description?: string): SandboxResponse => ({
  status,
  body: description ? { error, error_description: description } : { error },
});

export interface IssueTokenOptions {
  scopes?: string[];
  dc?: DataCenterKey;
  clientId?: string;
  expiresInSec?: number;
  userId?: string;
  /** The CRM org the token is for (production by default); its api_domain still names production. */
  environment?: TokenInfo["environment"];
}

/**
 * Stores a new access token and returns it. `refreshToken`: by default a new one is issued with it;
 * a refresh grant passes its own (so revoking it reaches this token); false issues none.
 */
export const issueToken = (
  state: SandboxState,
  { scopes = ALL_SCOPES, dc = "us", clientId = "sandbox-client", expiresInSec = ACCESS_TOKEN_LIFETIME_SEC, userId, environment }: IssueTokenOptions,
  refreshToken: string | false | undefined = undefined,
): TokenInfo => {
  const token: TokenInfo = {
    accessToken: secret(),
    refreshToken: refreshToken === undefined ? secret() : refreshToken || undefined,
    clientId,
    scopes: [...scopes],
    dc,
    expiresAt: state.clock.now() + expiresInSec * 1000,
    userId: userId ?? state.users[0]?.id,
    ...(environment && environment !== "production" ? { environment } : {}),
  };
  state.tokens.set(token.accessToken, token);
  if (token.refreshToken && !state.refreshTokens.has(token.refreshToken)) state.refreshTokens.set(token.refreshToken, token);
  return token;
};

/** The token behind `Authorization: Zoho-oauthtoken <token>`, if Zoho at `dc` would accept it now. */
export const tokenOf = (state: SandboxState, authorization: string | undefined, dc: DataCenterKey): TokenInfo | undefined => {
  const match = /^Zoho-oauthtoken\s+(\S+)$/.exec(authorization?.trim() ?? "");
  const token = match ? state.tokens.get(match[1]) : undefined;
  return token && token.dc === dc && token.expiresAt > state.clock.now() ? token : undefined;
};

const tokenAnswer = (token: TokenInfo, withRefresh: boolean) => ({
  access_token: token.accessToken,
  ...(withRefresh && token.refreshToken ? { refresh_token: token.refreshToken } : {}),
  scope: token.scopes.join(" "),
  api_domain: dataCenter(token.dc).apiDomain,
  token_type: "Bearer",
  expires_in: ACCESS_TOKEN_LIFETIME_SEC,
});

/** Zoho reads OAuth parameters from the form body and from the query string alike. */
const paramsOf = (req: SandboxRequest) => {
  const params = new URLSearchParams(req.query);
  req.form?.forEach((value, key) => params.set(key, value));
  return params;
};

const clientError = (options: Readonly<SandboxOptions>, clientId: string | null, clientSecret: string | null) => {
  if (!clientId) return oauthError("invalid_client");
  if (!options.clients) return clientSecret ? undefined : oauthError("invalid_client_secret");
  if (!(clientId in options.clients)) return oauthError("invalid_client");
  return options.clients[clientId] === clientSecret ? undefined : oauthError("invalid_client_secret");
};

const mintsByRefreshToken = new WeakMap<SandboxState, Map<string, number[]>>();

/** Whether the refresh token may mint another access token now; counts the mint when it may. */
const withinRefreshLimit = (state: SandboxState, refreshToken: string): boolean => {
  const byToken = mintsByRefreshToken.get(state) ?? new Map<string, number[]>();
  mintsByRefreshToken.set(state, byToken);
  const now = state.clock.now();
  const recent = (byToken.get(refreshToken) ?? []).filter((at) => now - at < REFRESH_LIMIT.windowMs);
  const allowed = recent.length < REFRESH_LIMIT.count;
  if (allowed) recent.push(now);
  byToken.set(refreshToken, recent);
  return allowed;
};

const authorize: Handler = (req, { state, options }) => {
  const q = req.query;
  const clientId = q.get("client_id");
  const redirectUri = q.get("redirect_uri");
  if (!clientId || (options.clients && !(clientId in options.clients))) return oauthError("invalid_client", 400);
  if (q.get("response_type") !== "code") return oauthError("unsupported_response_type", 400);
  if (!redirectUri) return oauthError("invalid_redirect_uri", 400);
  const code = secret();
  state.authCodes.set(code, {
    clientId,
    scopes: (q.get("scope") ?? "").split(/[\s,]+/).filter(Boolean),
    dc: req.dc,
    redirectUri,
    expiresAt: state.clock.now() + CODE_LIFETIME_MS,
    offline: q.get("access_type") === "offline",
  });
  const target = new URL(redirectUri);
  target.searchParams.set("code", code);
  target.searchParams.set("location", dataCenter(req.dc).location);
  target.searchParams.set("accounts-server", dataCenter(req.dc).accountsServer);
  const stateParam = q.get("state");
  if (stateParam !== null) target.searchParams.set("state", stateParam);
  return { status: 302, headers: { Location: target.toString() } };
};

const exchangeCode = (req: SandboxRequest, state: SandboxState, params: URLSearchParams): SandboxResponse => {
  const code = params.get("code") ?? "";
  const grant = state.authCodes.get(code);
  // A code from another DC is unknown here, and stays usable where it was issued.
  if (!grant || grant.dc !== req.dc || grant.clientId !== params.get("client_id")) return oauthError("invalid_code");
  state.authCodes.delete(code);
  if (grant.expiresAt <= state.clock.now()) return oauthError("invalid_code");
  if (grant.redirectUri && grant.redirectUri !== params.get("redirect_uri")) return oauthError("invalid_redirect_uri");
  const token = issueToken(state, { scopes: grant.scopes, dc: req.dc, clientId: grant.clientId }, grant.offline ? undefined : false);
  return ok(tokenAnswer(token, true));
};

const refresh = (req: SandboxRequest, state: SandboxState, params: URLSearchParams): SandboxResponse => {
  const parent = state.refreshTokens.get(params.get("refresh_token") ?? "");
  if (!parent || parent.dc !== req.dc) return oauthError("invalid_code");
  if (parent.clientId !== params.get("client_id")) return oauthError("invalid_client");
  if (!withinRefreshLimit(state, parent.refreshToken!)) {
    return oauthError("Access Denied", 400, "You have made too many requests continuously. Please try again after some time.");
  }
  const { scopes, dc, clientId, userId, environment } = parent;
  const token = issueToken(state, { scopes, dc, clientId, userId, environment }, parent.refreshToken);
  return ok(tokenAnswer(token, false));
};

const token: Handler = (req, { state, options }) => {
  const params = paramsOf(req);
  const failed = clientError(options, params.get("client_id"), params.get("client_secret"));
  if (failed) return failed;
  switch (params.get("grant_type")) {
    case "authorization_code":
      return exchangeCode(req, state, params);
    case "refresh_token":
      return refresh(req, state, params);
    default:
      return oauthError("unsupported_grant_type");
  }
};

/** Revoking a refresh token revokes every access token it minted; an access token goes alone. */
const revoke: Handler = (req, { state }) => {
  const value = paramsOf(req).get("token") ?? "";
  const refreshed = state.refreshTokens.get(value);
  if (refreshed && refreshed.dc === req.dc) {
    state.refreshTokens.delete(value);
    for (const [access, info] of state.tokens) if (info.refreshToken === value) state.tokens.delete(access);
    return ok({ status: "success" });
  }
  const access = state.tokens.get(value);
  if (access && access.dc === req.dc) {
    state.tokens.delete(value);
    return ok({ status: "success" });
  }
  return oauthError("invalid_token");
};

const serverInfo: Handler = () => ok({ result: "success", locations: Object.fromEntries(DATA_CENTERS.map((d) => [d.location, d.accountsServer])) });

export const routes: Route[] = [
  { method: "GET", pattern: "/oauth/v2/auth", api: "accounts", handler: authorize },
  { method: "POST", pattern: "/oauth/v2/token", api: "accounts", handler: token },
  { method: "POST", pattern: "/oauth/v2/token/revoke", api: "accounts", handler: revoke },
  { method: "GET", pattern: "/oauth/serverinfo", api: "accounts", handler: serverInfo },
];
