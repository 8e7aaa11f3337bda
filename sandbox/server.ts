/**
 * The sandbox's HTTP side. Each call: data center from the path prefix or Host, route by the most
 * specific pattern, then for API routes the token and scope check and Zoho's limits, latency, the
 * injected faults, and the handler. Every call is logged (secrets masked) and every answer sent
 * on purpose goes to onExchange; injected resets and timeouts send nothing, so they are not exchanges.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { tokenOf } from "./accounts";
import { apiError, apiOfPath, serverError, tooManyRequests, type Api } from "./apiErrors";
import { dataCenterOfRequest } from "./dataCenters";
import type { Fault, Limits } from "./limits";
import { flatHeaders, redactBody, redactFields, redactHeaders } from "./requestLog";
import { createRouter, type RouteMatch } from "./router";
import { allRoutes } from "./routes";
import { hasScope, requiredScopes } from "./scopes";
import { environmentOfOrg, environmentState } from "./state";
import type { Exchange, RequestLogEntry, Route, SandboxContext, SandboxOptions, SandboxRequest, SandboxResponse } from "./types";

const JSON_TYPE = "application/json;charset=UTF-8";

let router: ((method: string, path: string) => RouteMatch) | undefined;
// Composite calls run their sub-requests through `dispatch` (below; read on the first call, not at load).
const routeFor = (method: string, path: string) => (router ??= createRouter(allRoutes({ dispatch })))(method, path);

const apiOf = (route: Route | undefined, path: string): Api => route?.api ?? apiOfPath(path);

/** The route for the call, with its path parameters set on `req`, or the answer for a call no route takes. */
const resolve = (req: SandboxRequest): Route | SandboxResponse => {
  const match = routeFor(req.method, req.path);
  if (match.kind === "found") {
    req.params = match.params;
    return match.route;
  }
  return apiError(apiOfPath(req.path), match.kind === "wrong-method" ? "wrongMethod" : "unknownUrl");
};

/** Token and scope check for routes that need them; sets req.token. Undefined when the call may go on. */
const authorize = (route: Route, req: SandboxRequest, ctx: SandboxContext): SandboxResponse | undefined => {
  if (!route.scopes) return undefined;
  const api = apiOf(route, req.path);
  const token = tokenOf(ctx.state, req.headers.authorization, req.dc);
  if (!token) return apiError(api, "invalidToken");
  // A token reaches only the CRM org it was authorized for; Books has no environments.
  if (api === "crm" && (token.environment ?? "production") !== (req.environment ?? "production")) return apiError(api, "invalidToken");
  req.token = token;
  return hasScope(token.scopes, requiredScopes(route.scopes, req.params)) ? undefined : apiError(api, "scopeMismatch");
};

/** A handler that throws is a sandbox bug: the caller gets Zoho's 500 and the log gets the error. */
const invoke = async (route: Route, req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse & { error?: string }> => {
  try {
    return await route.handler(req, ctx);
  } catch (e) {
    return { ...serverError(apiOf(route, req.path), 500), error: (e as Error).stack ?? String(e) };
  }
};

/**
 * Routing, auth and the handler without limits, faults or logging: how composite sub-requests
 * run (Zoho counts the composite call once).
 */
export const dispatch = async (req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse> => {
  const route = resolve(req);
  if (!("handler" in route)) return route;
  return authorize(route, req, ctx) ?? invoke(route, req, ctx);
};

const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolveBody(Buffer.concat(chunks)));
    req.on("error", reject);
  });

/** Parses JSON and form bodies as the handlers expect (anything else stays raw); false when declared JSON does not parse. */
const parseBody = (req: SandboxRequest): boolean => {
  const type = String(req.headers["content-type"] ?? "").toLowerCase();
  if (req.rawBody.length === 0) return true;
  if (type.includes("application/x-www-form-urlencoded")) {
    req.form = new URLSearchParams(req.rawBody.toString("utf8"));
  } else if (type.includes("json") || type === "") {
    try {
      req.json = JSON.parse(req.rawBody.toString("utf8"));
    } catch {
      return type === "";
    }
  }
  return true;
};

interface Outgoing {
  status: number;
  headers: Record<string, string>;
  payload?: Buffer;
}

const outgoing = (response: SandboxResponse): Outgoing => {
  const headers = { ...response.headers };
  const hasType = Object.keys(headers).some((h) => h.toLowerCase() === "content-type");
  if (response.status === 204 || response.status === 304 || response.body === undefined) return { status: response.status, headers };
  if (Buffer.isBuffer(response.body)) return { status: response.status, headers, payload: response.body };
  if (!hasType) headers["Content-Type"] = JSON_TYPE;
  return { status: response.status, headers, payload: Buffer.from(JSON.stringify(response.body)) };
};

/** What the answer carried, as a contract check reads it: JSON parsed, anything else as bytes. */
const sentBody = (out: Outgoing): unknown => {
  if (!out.payload) return undefined;
  const type = Object.entries(out.headers).find(([h]) => h.toLowerCase() === "content-type")?.[1] ?? "";
  return type.includes("json") ? JSON.parse(out.payload.toString("utf8")) : out.payload;
};

const requestBodyOf = (req: SandboxRequest): unknown =>
  req.json ?? (req.form ? Object.fromEntries(req.form) : req.rawBody.length > 0 ? req.rawBody : undefined);

/** How a call is answered, logged and reported: the one place that writes to the socket. */
const responderFor = (req: SandboxRequest, res: ServerResponse, startedAt: number, options: SandboxOptions, log: RequestLogEntry[]) => {
  const headers = flatHeaders(req.headers);
  const query = Object.fromEntries(req.query);
  const entry = (status: number, error?: string): RequestLogEntry => ({
    at: startedAt,
    dc: req.dc,
    method: req.method,
    path: req.path,
    query: redactFields(query) as Record<string, string>,
    headers: redactHeaders(headers),
    body: redactBody(requestBodyOf(req)),
    status,
    ...(error ? { error } : {}),
  });
  return {
    answer(response: SandboxResponse & { error?: string }, api: Api) {
      const out = outgoing(response);
      res.writeHead(out.status, out.headers);
      res.end(out.payload);
      log.push(entry(out.status, response.error));
      const exchange: Exchange = {
        dc: req.dc,
        method: req.method,
        path: req.path,
        query,
        headers,
        requestBody: requestBodyOf(req),
        status: out.status,
        responseHeaders: Object.fromEntries(Object.entries(out.headers).map(([h, v]) => [h.toLowerCase(), v])),
        responseBody: sentBody(out),
        api,
      };
      try {
        options.onExchange?.(exchange);
      } catch (e) {
        process.stderr.write(`sandbox: onExchange threw on ${req.method} ${req.path}: ${(e as Error).message}\n`);
      }
    },
    /** An injected reset or timeout: nothing is sent, so there is no exchange; the log notes status 0. */
    noAnswer(kind: "reset" | "timeout") {
      log.push(entry(0, `injected ${kind}`));
      if (kind === "reset") res.socket?.destroy();
    },
  };
};

export interface ServerDeps {
  ctx: () => SandboxContext;
  limits: Limits;
  log: RequestLogEntry[];
  /** Waits `ms` with a timer the sandbox clears on stop. */
  delay: (ms: number) => Promise<void>;
}

export const createSandboxServer = ({ ctx: contextNow, limits, log, delay }: ServerDeps): Server => {
  const handle = async (incoming: IncomingMessage, res: ServerResponse) => {
    const url = new URL(incoming.url ?? "/", "http://sandbox.invalid");
    const { dc, environment: hostEnvironment, path } = dataCenterOfRequest(incoming.headers.host, url.pathname);
    // Handlers see the state of the CRM org the call reaches (sandbox and developer orgs are separate):
    // the host says which, or on the hosts every org shares, the org's zgid in X-CRM-ORG or the path.
    const shared = contextNow();
    const orgNamed = incoming.headers["x-crm-org"] ?? /^\/v2\/crm\/([^/]+)\//.exec(path)?.[1];
    const environment = hostEnvironment ?? environmentOfOrg(shared.state, orgNamed) ?? "production";
    const ctx = { ...shared, state: environmentState(shared.state, environment) };
    const { state, options } = ctx;
    const startedAt = state.clock.now();
    const req: SandboxRequest = {
      method: (incoming.method ?? "GET").toUpperCase(),
      path,
      params: {},
      query: url.searchParams,
      headers: incoming.headers,
      rawBody: await readBody(incoming),
      dc,
      environment,
    };
    const { answer, noAnswer } = responderFor(req, res, startedAt, options, log);
    const slow = () => (options.latencyMs ? delay(options.latencyMs) : undefined);

    const route = resolve(req);
    if (!("handler" in route)) return answer(route, apiOfPath(path));
    const api = apiOf(route, path);
    // Books lives on the production host only; sandbox.zohoapis.* serves CRM alone.
    if (api === "books" && environment !== "production") return answer(apiError(api, "unknownUrl"), api);
    if (!parseBody(req)) return answer(apiError(api, "malformedJson"), api);
    if (!route.scopes) {
      await slow();
      return answer(await invoke(route, req, ctx), api);
    }

    const refused = authorize(route, req, ctx);
    if (refused) return answer(refused, api);
    const admitted = limits.admit(options, dc);
    if ("refusal" in admitted) return answer(tooManyRequests(api, admitted.refusal.message, admitted.refusal.retryAfterSec), api);
    res.on("close", admitted.release);
    // A slow call holds its concurrency slot while it waits.
    await slow();

    const fault = limits.drawFault(options.faults, route.write ?? false);
    const fail = (f: Fault) => (typeof f.kind === "number" ? answer(serverError(api, f.kind), api) : noAnswer(f.kind));
    if (fault?.when === "before") return fail(fault);
    const response = await invoke(route, req, ctx);
    if (fault) return fail(fault);
    answer(response, api);
  };

  return createServer((incoming, res) => {
    handle(incoming, res).catch((e: Error) => {
      if (!res.headersSent) res.writeHead(500, { "Content-Type": JSON_TYPE }).end(JSON.stringify(serverError("crm", 500).body));
      process.stderr.write(`sandbox: ${e.stack ?? e.message}\n`);
    });
  });
};
