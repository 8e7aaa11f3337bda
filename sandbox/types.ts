/**
 * The sandbox's internal contract. Every endpoint group (accounts, crm/*, books/*)
 * exports `routes: Route[]`; `sandbox/server.ts` owns the HTTP server, data-center
 * selection, auth, limits, faults, latency, the clock and the request log, and
 * dispatches to the first route whose method and pattern match.
 */
import type { IncomingHttpHeaders } from "node:http";

/** Zoho data-center keys; `us` is the default when neither Host nor path prefix says otherwise. */
export type DataCenterKey = "us" | "eu" | "in" | "au" | "jp" | "ca" | "cn" | "sa" | "uk" | "ae";

/** Each DC has three CRM orgs on their own hosts: www (production), sandbox and developer. */
export type CrmEnvironmentKey = "production" | "sandbox" | "developer";

export interface TokenInfo {
  accessToken: string;
  refreshToken?: string;
  clientId: string;
  scopes: string[];
  dc: DataCenterKey;
  /** Sandbox-clock epoch ms. */
  expiresAt: number;
  /** The CRM user the token acts as (owner of what it creates); default the org's first user. */
  userId?: string;
  /** The CRM org the token was authorized for (Zoho's consent page asks); CRM calls elsewhere fail. Default production. */
  environment?: CrmEnvironmentKey;
}

export interface SandboxRequest {
  method: string;
  /** Path without the optional data-center prefix, e.g. "/crm/v8/Leads/123". */
  path: string;
  /** Named parameters captured from the route pattern (":module" -> params.module). */
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  /** Parsed JSON body when content-type is JSON (undefined otherwise or on empty body). */
  json?: any;
  /** Parsed urlencoded form (accounts endpoints) when content-type is x-www-form-urlencoded. */
  form?: URLSearchParams;
  dc: DataCenterKey;
  /** The CRM org the host reaches (sandbox.zohoapis.* is the sandbox org); accounts and Books hosts say production. */
  environment?: CrmEnvironmentKey;
  /** Set by the server for routes that need auth. */
  token?: TokenInfo;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  /** A Buffer is sent as-is; anything else (not undefined) is sent as JSON. */
  body?: unknown;
}

export type Handler = (req: SandboxRequest, ctx: SandboxContext) => SandboxResponse | Promise<SandboxResponse>;

export interface Route {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** e.g. "/crm/v8/:module/:id/Attachments"; literal segments win over params when two routes match. */
  pattern: string;
  /**
   * OAuth scopes of which the token must hold one (a `.ALL` scope covers READ/CREATE/...); omitted = no auth (accounts).
   * `{param}` is replaced by that path parameter, e.g. "ZohoCRM.modules.{module}.READ".
   */
  scopes?: string[];
  /** "crm" errors look like CRM's {code,message,details,status}; "books" like {code:<number>,message}. */
  api?: "crm" | "books" | "accounts";
  /** Marks record writes so fault injection can hit before or after the write is stored. */
  write?: boolean;
  handler: Handler;
}

export interface FaultOptions {
  /** 0..1 probability a call fails with a 5xx/reset/timeout. */
  rate: number;
  /** Which failures to choose from. Default all. */
  kinds?: Array<500 | 502 | 503 | "reset" | "timeout">;
  /** For `write` routes: inject before the write is stored, after it, or either at random (default). */
  when?: "before" | "after" | "random";
  /** Deterministic PRNG seed. */
  seed?: number;
}

export interface SandboxOptions {
  port?: number;
  /** Fixed latency added to every call (ms). */
  latencyMs?: number;
  /** Max concurrent in-flight API calls per org before 429 (Zoho: 10-20). Default unlimited. */
  concurrencyLimit?: number;
  /** API credits per sandbox-day before 429. Default unlimited. */
  creditBudget?: number;
  /** Probability of a 429 with Retry-After on any API call. */
  rateLimit429?: number;
  faults?: FaultOptions;
  /** Start time of the movable clock (epoch ms). Default Date.now(). */
  now?: number;
  /** Validation hook used by contract tests: called once per exchange. */
  onExchange?: (exchange: Exchange) => void;
  /** Seed a default org, users, Books organizations. Default true. */
  seedDefaults?: boolean;
  /** OAuth clients (client id -> secret) the accounts server accepts; default any non-empty pair. */
  clients?: Record<string, string>;
  /** The Books organizations the user belongs to; default one, "Zylker Inc", as the default org. */
  booksOrganizations?: Array<{ organization_id: string; name: string; is_default_org: boolean }>;
}

export interface Exchange {
  dc: DataCenterKey;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  requestBody?: unknown;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody?: unknown;
  api?: "crm" | "books" | "accounts";
}

export interface RequestLogEntry {
  at: number;
  dc: DataCenterKey;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Authorization and other secrets redacted. */
  headers: Record<string, string>;
  body?: unknown;
  status: number;
  /** What a handler threw, when the answer is a 500 the sandbox did not mean to give. */
  error?: string;
}

export interface SandboxContext {
  state: import("./state").SandboxState;
  clock: Clock;
  /** Sandbox base URL, e.g. "http://127.0.0.1:4321". */
  url: string;
  /** The options in force for this call (setOptions may change them between calls). */
  options: Readonly<SandboxOptions>;
}

export interface Clock {
  now(): number;
  set(epochMs: number): void;
  advance(ms: number): void;
}
