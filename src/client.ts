/**
 * The one Zoho HTTP client: region-correct hosts, Zoho's auth header, retries with backoff that
 * honour Retry-After, redacted debug logging and errors that say what to do.
 */
import type { Connection } from "@prismatic-io/spectral";
import { createClient, type HttpClient } from "@prismatic-io/spectral/dist/clients/http";
import type { AxiosError, AxiosRequestConfig, AxiosResponse, InternalAxiosRequestConfig, ResponseType } from "axios";
import { isNetworkError } from "axios-retry";
import { InputError, toZohoError, type ZohoApi } from "./errors";
import { redact } from "./redact";
import { resolveDataCenter, type DataCenter } from "./regions";

export interface RetryPolicy {
  /** Attempts after the first. */
  retries: number;
  /** First backoff step; doubles each retry, with jitter. */
  baseDelayMs: number;
  /** No single wait is longer; a Retry-After beyond it fails at once instead of stalling the flow. */
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { retries: 5, baseDelayMs: 500, maxDelayMs: 30_000 };

/** Tests and the benchmark shorten the backoff; production keeps the defaults. */
export const configureRetryDefaults = (policy: Partial<RetryPolicy>): void => {
  Object.assign(defaultRetryPolicy, policy);
};

export interface Logger {
  debug: (...args: unknown[]) => void;
  info?: (...args: unknown[]) => void;
  warn?: (...args: unknown[]) => void;
}

export interface ClientOptions {
  debug?: boolean;
  logger?: Logger;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
}

export interface ZohoRequest {
  api: ZohoApi;
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  params?: Record<string, unknown>;
  data?: unknown;
  headers?: Record<string, string>;
  responseType?: ResponseType;
  /**
   * A POST that can safely run twice (COQL, upsert with duplicate check fields). Other POSTs are
   * retried only on 429, which Zoho answers before applying anything.
   */
  idempotent?: boolean;
  timeoutMs?: number;
}

type RetryableConfig = InternalAxiosRequestConfig & { idempotent?: boolean };

const IDEMPOTENT_METHODS = new Set(["get", "head", "options", "put", "delete"]);

/** Whether a failed call may be sent again under the policy. */
export const isRetryable = (error: AxiosError): boolean => {
  const status = error.response?.status;
  if (status === 429) return true;
  const config = error.config as RetryableConfig | undefined;
  const idempotent = config?.idempotent || IDEMPOTENT_METHODS.has((config?.method ?? "get").toLowerCase());
  if (!idempotent) return false;
  if (status !== undefined) return status >= 500 && status !== 501;
  return isNetworkError(error) || error.code === "ECONNABORTED" || error.code === "ETIMEDOUT";
};

/** Seconds or HTTP-date from Retry-After, in ms; undefined when absent or unreadable. */
export const retryAfterMs = (error: AxiosError, now = Date.now()): number | undefined => {
  const header = error.response?.headers?.["retry-after"];
  if (header === undefined || header === null || header === "") return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(String(header));
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
};

/** Exponential backoff with jitter in [50%, 100%] of the step, or Zoho's Retry-After when it gives one. */
export const backoffMs = (retryNumber: number, error: AxiosError, policy: RetryPolicy, random = Math.random): number => {
  const asked = retryAfterMs(error);
  if (asked !== undefined) return asked;
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retryNumber - 1));
  return Math.round(step * (0.5 + random() * 0.5));
};

/**
 * Tests, the demo and the benchmark point the connector at the local Zoho sandbox: the real Zoho URL
 * is kept in the Host header so region resolution is exercised exactly as in production.
 */
/** Axios joins baseURL and url by concatenation (a leading "/" in url does not drop the base path). */
const fullUrl = (config: InternalAxiosRequestConfig): URL => {
  const url = config.url ?? "";
  if (/^https?:\/\//i.test(url) || !config.baseURL) return new URL(url);
  return new URL(`${config.baseURL.replace(/\/+$/, "")}/${url.replace(/^\/+/, "")}`);
};

const routeToSandbox = (config: InternalAxiosRequestConfig & { sandboxRouted?: boolean }): InternalAxiosRequestConfig => {
  const sandbox = process.env.ZOHO_SANDBOX_URL;
  if (!sandbox || config.sandboxRouted) return config; // retries reuse the routed config
  const target = fullUrl(config);
  config.headers.set("Host", target.host);
  config.baseURL = undefined;
  config.url = `${new URL(sandbox).origin}${target.pathname}${target.search}`;
  config.sandboxRouted = true;
  return config;
};

export interface Token {
  accessToken: string;
  dataCenter: DataCenter;
}

/** The access token and data center of a connection (both connection kinds). */
export const connectionToken = (connection: Connection): Token => {
  const accessToken = connection.token?.access_token;
  if (typeof accessToken !== "string" || accessToken === "") {
    throw new InputError("The Zoho connection has no access token: finish the OAuth 2.0 sign-in of the connection, then try again.");
  }
  const templated = connection.key === "zohoTemplatedConnection";
  const dataCenter = resolveDataCenter({
    apiDomain: connection.token?.api_domain,
    accountsServer: connection.context?.["accounts-server"] ?? connection.token?.["accounts-server"],
    configuredUrl: templated ? connection.fields?.zohoRegion : connection.fields?.tokenUrl,
    configuredInputName: templated ? "Region URL" : "Token URL",
  });
  return { accessToken, dataCenter };
};

export class ZohoClient {
  readonly dataCenter: DataCenter;
  private readonly http: Record<ZohoApi, HttpClient>;
  private readonly policy: RetryPolicy;
  private readonly logger?: Logger;

  constructor(token: Token, private readonly options: ClientOptions = {}) {
    this.dataCenter = token.dataCenter;
    this.policy = { ...defaultRetryPolicy, ...options.retry };
    this.logger = options.debug ? (options.logger ?? { debug: console.log }) : undefined;
    const { apiDomain, contentDomain, downloadDomain, accountsServer } = token.dataCenter;
    const headers = { Authorization: `Zoho-oauthtoken ${token.accessToken}` };
    this.http = {
      crm: this.build(`${apiDomain}/crm/v8`, headers),
      books: this.build(`${apiDomain}/books/v3`, headers),
      bulk: this.build(`${apiDomain}/crm/bulk/v8`, headers),
      content: this.build(`${contentDomain}/crm/v8`, headers),
      // Bulk results: read results are paths on the API domain, write results URLs on the download host.
      download: this.build(apiDomain, headers, [new URL(downloadDomain).host]),
      accounts: this.build(accountsServer, {}),
    };
  }

  static fromConnection(connection: Connection, options: ClientOptions = {}): ZohoClient {
    return new ZohoClient(connectionToken(connection), options);
  }

  /** Base URL of an API, e.g. https://www.zohoapis.eu/crm/v8 (what the platform sees, before any sandbox routing). */
  baseUrl(api: ZohoApi): string {
    return this.http[api].defaults.baseURL ?? "";
  }

  /** The underlying axios instance, for spectral's raw-request helpers. */
  axios(api: ZohoApi): HttpClient {
    return this.http[api];
  }

  async request<T = any>(req: ZohoRequest): Promise<AxiosResponse<T>> {
    const config: AxiosRequestConfig & { idempotent?: boolean } = {
      method: req.method ?? "GET",
      url: req.path,
      params: req.params,
      data: req.data,
      headers: req.headers,
      responseType: req.responseType,
      timeout: req.timeoutMs ?? this.options.timeoutMs ?? 120_000,
      idempotent: req.idempotent,
    };
    try {
      return await this.http[req.api].request<T>(config);
    } catch (error) {
      throw toZohoError(error, req.api);
    }
  }

  private build(baseUrl: string, headers: Record<string, string>, otherHosts: string[] = []): HttpClient {
    const allowedHosts = new Set([new URL(baseUrl).host, ...otherHosts]);
    const client = createClient({
      baseUrl,
      headers,
      retryConfig: {
        retries: this.policy.retries,
        // A Retry-After longer than we are willing to wait ends the retries so the error surfaces now.
        retryCondition: (error: AxiosError) => isRetryable(error) && (retryAfterMs(error) ?? 0) <= this.policy.maxDelayMs,
        retryDelay: (retryNumber: number, error: AxiosError) => {
          const wait = backoffMs(retryNumber, error, this.policy);
          this.logger?.debug(`Zoho ${error.response?.status ?? error.code} on ${error.config?.method?.toUpperCase()} ${error.config?.url}: retry ${retryNumber} in ${wait} ms`);
          return wait;
        },
        shouldResetTimeout: true,
      },
    });
    client.interceptors.request.use((config) => {
      if (!(config as { sandboxRouted?: boolean }).sandboxRouted) {
        const url = fullUrl(config);
        // Host guard: an absolute URL (raw requests) may not carry the token off this client's Zoho host, nor over plain http.
        if (!allowedHosts.has(url.host) || url.protocol !== new URL(baseUrl).protocol) {
          throw new InputError(`Refusing to send the Zoho token to ${url.protocol}//${url.host}: use a path on ${new URL(baseUrl).origin}.`);
        }
        this.logger?.debug("Zoho request", redact({ method: config.method, url: url.href, params: config.params, headers: config.headers, data: config.data }));
      }
      return routeToSandbox(config);
    });
    if (this.logger) {
      client.interceptors.response.use((response) => {
        this.logger?.debug("Zoho response", redact({ status: response.status, headers: response.headers, data: response.data }));
        return response;
      });
    }
    return client;
  }
}
