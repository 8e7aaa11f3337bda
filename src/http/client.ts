/**
 * The one Zoho HTTP client: region-correct hosts, Zoho's auth header, retries with backoff that
 * honour Retry-After, a wall-clock deadline per attempt and a time budget per step, redacted debug
 * logging, the connection's secrets masked by value, and errors that say what to do, including that
 * a write which failed after it was sent may have been applied (OUTCOME_UNKNOWN).
 */
import axios, { AxiosError, type AxiosInstance, type AxiosResponse, type InternalAxiosRequestConfig, type ResponseType } from "axios";
import { InputError, toZohoError, ZohoError, type ZohoApi } from "./errors";
import { maskSecrets, maskSecretsDeep, REDACTED, redact, rememberSecrets } from "./redact";
import type { DataCenter } from "./regions";
import type { Transport } from "./transport";

export interface RetryPolicy {
  /** Attempts after the first. */
  retries: number;
  /** First backoff step; doubles each retry, with jitter. */
  baseDelayMs: number;
  /** No single wait is longer; a Retry-After beyond it fails at once instead of stalling the flow. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({ retries: 5, baseDelayMs: 500, maxDelayMs: 30_000 });
/** The longest one attempt may take, answer body included (a 20 MB upload fits on a slow link). */
export const DEFAULT_ATTEMPT_MS = 120_000;
/**
 * The longest a step's calls may take in all, retries and their waits included: under the platform's
 * 15-minute execution limit, so the step ends with a message saying so rather than being cut off.
 */
export const DEFAULT_BUDGET_MS = 14 * 60_000;
/** The longest one call may take with its retries and their waits: a black-holed call ends after 5 minutes, not 6 tries of 2. */
export const DEFAULT_CALL_BUDGET_MS = 5 * 60_000;

export interface Logger {
  debug: (...args: unknown[]) => void;
  info?: (...args: unknown[]) => void;
  warn?: (...args: unknown[]) => void;
}

export interface ClientOptions {
  debug?: boolean;
  logger?: Logger;
  retry?: Partial<RetryPolicy>;
  /** Wall-clock deadline of one attempt (default 2 minutes). */
  timeoutMs?: number;
  /** Total time of the client's calls from its creation, retries and waits included (default 14 minutes). */
  budgetMs?: number;
  /** Total time of one call, retries and waits included (default 5 minutes). */
  callBudgetMs?: number;
  /** Where the calls really go (tests: the sandbox); default Zoho's hosts. */
  transport?: Transport;
  /** Values masked wherever they appear: the connection's tokens and client secret. */
  secrets?: unknown[];
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
   * A POST or PATCH that can safely run twice (COQL, upsert with duplicate check fields). Other
   * POSTs and PATCHes are resent only when Zoho cannot have applied them (429, connection refused);
   * after a 5xx, reset or timeout they fail with OUTCOME_UNKNOWN.
   */
  idempotent?: boolean;
  /** Statuses that are answers, not errors (Zoho answers 400 with per-item outcomes when every item failed). */
  accept?: number[];
  /** This call's attempt deadline (ms): the longest one try may take, answer included. */
  timeoutMs?: number;
  /** This call's total time (ms), retries and their waits included (default 5 minutes); the step's budget still applies. */
  budgetMs?: number;
  /** This call's own retry settings (raw requests): tries, wait before each, whether every failure is retried. */
  retry?: { retries?: number; delayMs?: (retryNumber: number) => number; retryAllErrors?: boolean };
  /** Told before a resend that follows a failure after which Zoho may have applied the call. */
  onResend?: () => void;
  /** How to check whether this write took effect, for its OUTCOME_UNKNOWN message. */
  check?: string;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
/** The time a call must end by: its own total timeout or the step's budget, whichever ends first. */
interface Budget {
  endsAt: number;
  name: string;
  code: "STEP_BUDGET_EXCEEDED" | "TOTAL_TIMEOUT_EXCEEDED";
}

/** Failures that happen before a byte of the request reaches Zoho. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);

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

/** What a failed attempt means: whether Zoho may have applied it, and whether sending it again is safe. */
interface Failure {
  error: Error;
  status?: number;
  /** Zoho may have received and applied the call (5xx, reset, timeout after sending). */
  mayHaveApplied: boolean;
  /** Zoho refused before applying anything (429) or the request never left (connection refused). */
  neverApplied: boolean;
  /** Never retried (a redirect). */
  final?: boolean;
  /** The network error's code (ECONNRESET, ...), when there was no answer. */
  networkCode?: string;
}

/** Axios joins baseURL and url by concatenation (a leading "/" in url does not drop the base path). */
const fullUrl = (config: InternalAxiosRequestConfig): URL => {
  const url = config.url ?? "";
  if (/^https?:\/\//i.test(url) || !config.baseURL) return new URL(url);
  return new URL(`${config.baseURL.replace(/\/+$/, "")}/${url.replace(/^\/+/, "")}`);
};

const capitalized = (text: string) => `${text[0].toUpperCase()}${text.slice(1)}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);

export interface Token {
  accessToken: string;
  dataCenter: DataCenter;
}

export class ZohoClient {
  readonly dataCenter: DataCenter;
  private readonly http: Record<ZohoApi, AxiosInstance>;
  private readonly policy: RetryPolicy;
  private readonly logger?: Logger;
  private readonly budgetMs: number;
  private readonly budgetEndsAt: number;
  /** This connection's values, masked in every answer's text before it is parsed. */
  private readonly secrets: string[];

  constructor(
    token: Token,
    private readonly options: ClientOptions = {},
  ) {
    this.dataCenter = token.dataCenter;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.transport?.retry, ...options.retry };
    this.budgetMs = options.budgetMs ?? options.transport?.budgetMs ?? DEFAULT_BUDGET_MS;
    this.budgetEndsAt = Date.now() + this.budgetMs;
    this.logger = options.debug ? (options.logger ?? { debug: console.log }) : undefined;
    const secrets = [token.accessToken, ...(options.secrets ?? [])];
    rememberSecrets(secrets);
    this.secrets = secrets.filter((v): v is string => typeof v === "string" && v.length >= 8);
    // CRM calls go to the connection's CRM environment; Books has only production.
    const { apiDomain, crmDomain, contentDomain, downloadDomain, accountsServer } = token.dataCenter;
    const headers = { Authorization: `Zoho-oauthtoken ${token.accessToken}` };
    this.http = {
      crm: this.build(`${crmDomain}/crm/v8`, headers),
      books: this.build(`${apiDomain}/books/v3`, headers),
      bulk: this.build(`${crmDomain}/crm/bulk/v8`, headers),
      content: this.build(`${contentDomain}/crm/v8`, headers),
      // Bulk results: read results are paths on the API domain, write results URLs on the download host.
      download: this.build(crmDomain, headers, [new URL(downloadDomain).host]),
      accounts: this.build(accountsServer, {}),
    };
  }

  /** Base URL of an API, e.g. https://www.zohoapis.eu/crm/v8 (what the platform sees, before any sandbox routing). */
  baseUrl(api: ZohoApi): string {
    return this.http[api].defaults.baseURL ?? "";
  }

  /** The deadline of one attempt, of one call with its retries, and the step's budget this client works within (ms). */
  get limits(): { attemptMs: number; callMs: number; budgetMs: number } {
    return { attemptMs: this.options.timeoutMs ?? DEFAULT_ATTEMPT_MS, callMs: this.options.callBudgetMs ?? DEFAULT_CALL_BUDGET_MS, budgetMs: this.budgetMs };
  }

  /** The underlying axios instance (host guard, routing and logging, no retries), for the terminal runner's OAuth calls. */
  axios(api: ZohoApi): AxiosInstance {
    return this.http[api];
  }

  /**
   * One call: retried under the policy within the step's budget, each attempt within its deadline.
   * A write that fails after Zoho may have applied it and that is unsafe to resend throws OUTCOME_UNKNOWN.
   */
  async request<T = any>(req: ZohoRequest): Promise<AxiosResponse<T>> {
    const method = req.method ?? "GET";
    const idempotent = req.idempotent ?? SAFE_METHODS.has(method);
    const retries = req.retry?.retries ?? this.policy.retries;
    const attemptMs = req.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_ATTEMPT_MS;
    // The call's own total time (retries included) counts within the step's budget, whichever ends first.
    const callMs = req.budgetMs ?? this.options.callBudgetMs ?? DEFAULT_CALL_BUDGET_MS;
    const callEnd = Date.now() + callMs;
    const budget: Budget =
      callEnd < this.budgetEndsAt
        ? { endsAt: callEnd, name: `the call's total time limit of ${seconds(callMs)}`, code: "TOTAL_TIMEOUT_EXCEEDED" }
        : { endsAt: this.budgetEndsAt, name: `the step's time budget of ${seconds(this.budgetMs)}`, code: "STEP_BUDGET_EXCEEDED" };
    for (let attempt = 1; ; attempt += 1) {
      const remaining = budget.endsAt - Date.now();
      if (remaining <= 0) {
        throw new ZohoError(
          `${capitalized(budget.name)} was used up before ${method} ${req.path} could be sent: split the work into smaller steps, or check Zoho's status if its calls are slow.`,
          { code: budget.code, api: req.api, method, path: req.path },
        );
      }
      const byBudget = remaining < attemptMs;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), byBudget ? remaining : attemptMs);
      let failure: Failure;
      try {
        return await this.http[req.api].request<T>({
          method,
          url: req.path,
          params: req.params,
          data: req.data,
          headers: req.headers,
          responseType: req.responseType,
          signal: controller.signal,
          validateStatus: (status) => (status >= 200 && status < 300) || (req.accept?.includes(status) ?? false),
        });
      } catch (error) {
        failure = controller.signal.aborted ? this.deadlineFailure(req, method, byBudget ? budget : attemptMs) : this.classify(error, req.api);
      } finally {
        clearTimeout(timer);
      }
      const retryable = !failure.final && (failure.neverApplied || (failure.mayHaveApplied && idempotent) || req.retry?.retryAllErrors === true);
      let note = "";
      if (retryable && attempt <= retries) {
        const axiosError = (failure.error as ZohoError & { axiosError?: AxiosError }).axiosError;
        const asked = axiosError ? retryAfterMs(axiosError) : undefined;
        const chosen = req.retry?.delayMs?.(attempt);
        const wait =
          asked ??
          (chosen !== undefined ? Math.min(chosen, this.policy.maxDelayMs) : undefined) ??
          (axiosError ? backoffMs(attempt, axiosError, this.policy) : this.policy.baseDelayMs);
        if (asked !== undefined && asked > this.policy.maxDelayMs) {
          // A Retry-After longer than we are willing to wait ends the retries so the error surfaces now.
        } else if (Date.now() + wait >= budget.endsAt) {
          note = ` ${capitalized(budget.name)} left no room for another try.`;
        } else {
          this.logger?.debug(`Zoho ${failure.status ?? "failure"} on ${method} ${req.path}: retry ${attempt} in ${wait} ms`);
          if (failure.mayHaveApplied) req.onResend?.();
          await sleep(wait);
          continue;
        }
      }
      throw this.finalError(failure, req, method, idempotent, note, attempt);
    }
  }

  private maskText(text: string): string {
    let masked = text;
    for (const secret of this.secrets) if (masked.includes(secret)) masked = masked.split(secret).join(REDACTED);
    return masked;
  }

  /** The error an accepted answer (e.g. a 400 without per-item outcomes) stands for, as `request` would have thrown it. */
  errorOf(req: ZohoRequest, response: AxiosResponse): Error {
    const error = new AxiosError(`Request failed with status code ${response.status}`, AxiosError.ERR_BAD_REQUEST, response.config, response.request, response);
    return maskError(toZohoError(error, req.api));
  }

  /** What a thrown axios (or other) error means for resending. */
  private classify(error: unknown, api: ZohoApi): Failure {
    const zohoError = toZohoError(error, api);
    if (!axios.isAxiosError(error)) return { error: zohoError, mayHaveApplied: false, neverApplied: false };
    Object.defineProperty(zohoError, "axiosError", { value: error, enumerable: false });
    const status = error.response?.status;
    if (status !== undefined && status >= 300 && status < 400) {
      // The token must not follow a redirect, and a foreign answer must not pass for Zoho's.
      const location = String(error.response?.headers?.location ?? "");
      let where = "another address";
      try {
        where = location ? new URL(location, fullUrl(error.config as InternalAxiosRequestConfig)).origin : where;
      } catch {
        // keep "another address"
      }
      const redirected = new ZohoError(
        `Zoho answered ${(error.config?.method ?? "GET").toUpperCase()} ${(zohoError as ZohoError).details?.path ?? ""} with a redirect (HTTP ${status}) to ${where}. Calls carrying the connection's token never follow redirects: check the path and the connection's region.`,
        { status, code: "REDIRECT_REFUSED", api },
      );
      return { error: redirected, status, mayHaveApplied: false, neverApplied: false, final: true };
    }
    if (status === 429) return { error: zohoError, status, mayHaveApplied: false, neverApplied: true };
    if (status !== undefined) return { error: zohoError, status, mayHaveApplied: status >= 500 && status !== 501, neverApplied: false };
    const networkCode = error.code ?? error.message;
    if (error.code && NOT_SENT_CODES.has(error.code)) return { error: zohoError, mayHaveApplied: false, neverApplied: true, networkCode };
    // Reset, hang-up, timeout: the request may have reached Zoho before the connection failed.
    return { error: zohoError, mayHaveApplied: true, neverApplied: false, networkCode };
  }

  private deadlineFailure(req: ZohoRequest, method: string, limit: Budget | number): Failure {
    const message =
      typeof limit === "number"
        ? `No complete answer from Zoho to ${method} ${req.path} within the attempt deadline of ${seconds(limit)} (the longest one try may take, answer included): raise the timeout if the call is large, or check the network and Zoho's status.`
        : `No complete answer from Zoho to ${method} ${req.path} before ${limit.name} ran out (retries and their waits included): split the work into smaller steps, or check Zoho's status if its calls are slow.`;
    const error = new ZohoError(message, { code: typeof limit === "number" ? "ATTEMPT_DEADLINE_EXCEEDED" : limit.code, api: req.api, method, path: req.path });
    return { error, mayHaveApplied: true, neverApplied: false };
  }

  /** The error the call ends with: masked, and OUTCOME_UNKNOWN for a write Zoho may have applied. */
  private finalError(failure: Failure, req: ZohoRequest, method: string, idempotent: boolean, note: string, tries: number): Error {
    let error = failure.error;
    if (failure.mayHaveApplied && !idempotent && error instanceof ZohoError) {
      const cause = error.details;
      const base = this.baseUrl(req.api);
      const path = /^https?:\/\//i.test(req.path)
        ? new URL(req.path).pathname
        : `${new URL(base).pathname.replace(/\/+$/, "")}${req.path.startsWith("/") ? "" : "/"}${req.path}`;
      // Zoho's own words are kept, but not its "try again" hints: trying again is what must not happen blindly.
      const said = [cause.code, cause.zohoMessage].filter(Boolean).join(": ");
      const answer = ["ATTEMPT_DEADLINE_EXCEEDED", "STEP_BUDGET_EXCEEDED", "TOTAL_TIMEOUT_EXCEEDED"].includes(String(cause.code))
        ? `no complete answer from Zoho to ${method} ${path} came in time (${cause.code})`
        : cause.status
          ? req.api === "books"
            ? `Zoho Books error ${cause.code ?? "unknown"} (HTTP ${cause.status}) on ${method} ${path}${cause.zohoMessage ? `: ${cause.zohoMessage}` : ""}`
            : `Zoho ${req.api.toUpperCase()} ${method} ${path} failed (HTTP ${cause.status})${said ? ` ${said}` : ""}`
          : `the connection to Zoho failed (${failure.networkCode ?? "network error"}) during ${method} ${path}`;
      const check =
        req.check ??
        `check in Zoho ${req.api === "books" ? "Books" : "CRM"} whether it took effect (e.g. look for the record it creates, or the record's history) before running the step again`;
      error = new ZohoError(
        `OUTCOME_UNKNOWN: ${answer.replace(/\.$/, "")}, after the call${summary(req.data)} was sent, so Zoho may have applied it. ${req.retry?.retryAllErrors && tries > 1 ? `It was sent ${tries} times (Retry On All Errors), so it may have been applied more than once` : "It was not sent again, as that could apply it twice"}: ${check}.`,
        { ...cause, code: "OUTCOME_UNKNOWN", causeCode: cause.code ?? (cause.status ? `HTTP_${cause.status}` : undefined), path },
      );
    }
    if (note) error.message += note;
    return maskError(error);
  }

  private build(baseUrl: string, headers: Record<string, string>, otherHosts: string[] = []): AxiosInstance {
    const allowedHosts = new Set([new URL(baseUrl).host, ...otherHosts]);
    const routeTo = this.options.transport?.routeTo;
    const carriesToken = Object.keys(headers).length > 0;
    const client = axios.create({
      baseURL: baseUrl,
      headers,
      maxContentLength: Number.POSITIVE_INFINITY,
      maxBodyLength: Number.POSITIVE_INFINITY,
      // A redirect would take the token (or a foreign answer) where the host guard does not look.
      ...(carriesToken ? { maxRedirects: 0 } : {}),
      // Zoho's answer may echo the token (an error message, a field): masked once, in the raw text, so
      // no result, error or log built from it carries it. Binary answers (files, ZIPs) are left alone.
      transformResponse: [
        (data: unknown) => (typeof data === "string" ? this.maskText(data) : data),
        ...([] as unknown[]).concat(axios.defaults.transformResponse ?? []),
      ] as never,
    });
    client.interceptors.request.use((config) => {
      const url = fullUrl(config);
      // Host guard: an absolute URL (raw requests) may not carry the token off this client's Zoho host, nor over plain http.
      if (!allowedHosts.has(url.host) || url.protocol !== new URL(baseUrl).protocol) {
        throw new InputError(`Refusing to send the Zoho token to ${url.protocol}//${url.host}: use a path on ${new URL(baseUrl).origin}.`);
      }
      this.logger?.debug("Zoho request", redact({ method: config.method, url: url.href, params: config.params, headers: config.headers, data: config.data }));
      if (routeTo) {
        // The sandbox answers for every Zoho host; the Host header tells it which one was meant.
        config.headers.set("Host", url.host);
        config.baseURL = undefined;
        config.url = `${new URL(routeTo).origin}${url.pathname}${url.search}`;
      }
      return config;
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

/** A short account of a JSON body for an OUTCOME_UNKNOWN message (what was sent), secrets masked. */
const summary = (data: unknown): string => {
  if (data === undefined || data === null || typeof data !== "object" || Buffer.isBuffer(data) || data instanceof FormData) {
    return data instanceof FormData ? " (a file upload)" : "";
  }
  let text: string;
  try {
    text = JSON.stringify(redact(data));
  } catch {
    return "";
  }
  return ` with ${text.length > 300 ? `${text.slice(0, 300)}…` : text}`;
};

/** The error with the connection's secrets masked in its message and details. */
export const maskError = <E extends Error>(error: E): E => {
  error.message = maskSecrets(error.message);
  if (error instanceof ZohoError) Object.assign(error.details, maskSecretsDeep({ ...error.details }));
  return error;
};
