/**
 * One error type for everything Zoho answers with a failure. Messages say what went wrong
 * and what to do about it, because a low-code builder sees only the message.
 */
import { isAxiosError, type AxiosError } from "axios";
import { CRM_ENVIRONMENTS, environmentOfHost } from "./regions";

export type ZohoApi = "crm" | "books" | "bulk" | "content" | "download" | "accounts";

export class ZohoError extends Error {
  constructor(
    message: string,
    readonly details: {
      status?: number;
      code?: string | number;
      api?: ZohoApi;
      method?: string;
      path?: string;
      zohoMessage?: string;
      zohoDetails?: unknown;
      /** For OUTCOME_UNKNOWN: the code of the failure after which the write's outcome is unknown. */
      causeCode?: string | number;
    } = {},
  ) {
    super(message);
    this.name = "ZohoError";
  }
}

/** Bad input found before any request is sent. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

/** The scope a call needs, from its API and path (used to name it in OAUTH_SCOPE_MISMATCH messages). */
export const scopeFor = (api: ZohoApi, path: string, method = "GET"): string => {
  if (api === "books") return "ZohoBooks.fullaccess.all";
  if (api === "content" || path.replace(/^\/+/, "").startsWith("upload")) return "ZohoFiles.files.ALL (bulk write uploads)";
  if (api === "bulk") return "ZohoCRM.bulk.ALL";
  const first = path.replace(/^\/+/, "").split(/[/?]/)[0];
  const second = path.replace(/^\/+/, "").split(/[/?]/)[1];
  const action = /\/actions\/(send_mail|mass_update|execute)(?=$|[/?])/.exec(path)?.[1];
  if (action === "send_mail") return "ZohoCRM.send_mail.all.CREATE";
  if (action === "mass_update") return "ZohoCRM.mass_update.ALL";
  if (action === "execute" && path.includes("/functions/")) return "ZohoCRM.functions.execute.CREATE";
  if (first === "coql") return "ZohoCRM.coql.READ";
  if (first === "files") return method === "POST" ? "ZohoCRM.Files.CREATE" : "ZohoCRM.Files.READ";
  if (first === "__composite_requests") return "ZohoCRM.composite_requests.CUSTOM (plus the scopes of each sub-request)";
  if (first === "settings" && second === "email_templates") return "ZohoCRM.templates.email.READ";
  if (first === "settings") return "ZohoCRM.settings.ALL";
  if (first === "users") return "ZohoCRM.users.ALL";
  if (first === "org") return "ZohoCRM.org.ALL";
  if (first === "actions" && second === "watch") return "ZohoCRM.notifications.ALL";
  if (second === "search") return "ZohoSearch.securesearch.READ (or ZohoCRM.modules.ALL)";
  if (second === "Attachments" || path.includes("/Attachments"))
    return method === "POST" ? "ZohoCRM.Files.CREATE and ZohoCRM.modules.ALL" : "ZohoCRM.modules.ALL";
  return "ZohoCRM.modules.ALL";
};

/**
 * A token works only in the CRM org (production, sandbox or developer) it was authorized for, so a
 * rejected CRM token names the environment the connection is set to.
 */
const environmentHint = (api: ZohoApi, host: string): string => {
  const found = api === "books" ? undefined : environmentOfHost(host);
  if (!found) return "";
  const label = CRM_ENVIRONMENTS.find((e) => e.key === found.environment)!.label;
  return ` The connection's CRM Environment is ${label} (${host}): a token works only in the CRM org it was authorized for, so set CRM Environment to the org you picked on Zoho's consent page, or reconnect and pick the ${label} org.`;
};

const hints: Record<string, (ctx: { api: ZohoApi; path: string; method: string; body: any; host: string }) => string> = {
  OAUTH_SCOPE_MISMATCH: ({ api, path, method }) =>
    `The connection was authorized without the scope this call needs: add ${scopeFor(api, path, method)} to the connection's Scopes and reconnect.`,
  INVALID_TOKEN: ({ api, host }) =>
    `Zoho rejected the access token.${environmentHint(api, host)} If the connection's region does not match the Zoho account's data center (for example an EU account connected through accounts.zoho.com), pick the right region and reconnect; otherwise reconnect to refresh the token.`,
  AUTHENTICATION_FAILURE: () => "Zoho could not authenticate the connection: reconnect it.",
  NO_PERMISSION: () => "The Zoho user behind the connection lacks the CRM permission for this operation: ask a Zoho admin to grant it to the user's profile.",
  INVALID_MODULE: ({ path, body }) => {
    const module = body?.details?.module_name ?? body?.details?.api_name ?? path.replace(/^\/+/, "").split(/[/?]/)[0];
    return `"${module}" is not a module API name in this Zoho CRM org: pick the module from the list (API names are case-sensitive, e.g. "Leads", "Price_Books").`;
  },
  INVALID_URL_PATTERN: () => "Zoho does not recognise this URL: check the path and the module API name.",
  MANDATORY_NOT_FOUND: ({ body }) => `A required field is missing${body?.details?.api_name ? `: ${body.details.api_name}` : ""}.`,
  REQUIRED_PARAM_MISSING: ({ body }) => `A required parameter is missing${body?.details?.param_name ? `: ${body.details.param_name}` : ""}.`,
  DISCRETE_PAGINATION_LIMIT_EXCEEDED: () =>
    "Page and per_page cannot reach past record 2,000: use the page token from the previous page (info.next_page_token) or turn on Fetch All.",
  LIMIT_EXCEEDED: () => "A Zoho limit was exceeded: send fewer items per call.",
  TOO_MANY_REQUESTS: () => "Zoho's API rate or concurrency limit was reached and retries ran out: run fewer calls at once or try again later.",
  SYNTAX_ERROR: () => "The COQL query is not valid: check it against Zoho's COQL syntax (select ... from ... where ...).",
  INVALID_QUERY: () => "The query refers to something Zoho does not know: check field and module API names.",
  INTERNAL_ERROR: () => "Zoho had an internal error and retries ran out: try again later.",
};

/** The request's decoded path on Zoho, e.g. "/crm/v8/Leads" (the URL may be absolute or relative to the base). */
const requestPath = (url: string, baseURL?: string): string => {
  const joined = /^https?:\/\//i.test(url) || !baseURL ? url : `${baseURL.replace(/\/+$/, "")}/${url.replace(/^\/+/, "")}`;
  try {
    return decodeURIComponent(new URL(joined, "https://x").pathname);
  } catch {
    return joined;
  }
};

/** The Zoho host a request went to (the sandbox routing keeps it in the Host header). */
const zohoHostOf = (error: AxiosError): string => {
  const headers = error.config?.headers as Record<string, unknown> | undefined;
  const routed = headers?.Host ?? headers?.host;
  if (typeof routed === "string" && routed) return routed;
  try {
    return new URL(error.config?.url ?? "", error.config?.baseURL).host;
  } catch {
    return "";
  }
};

/** Turn an axios error (or Zoho error body) into a ZohoError with a message that says what to do. */
export const toZohoError = (error: unknown, api: ZohoApi): Error => {
  if (error instanceof ZohoError || error instanceof InputError) return error;
  if (!isAxiosError(error)) return error instanceof Error ? error : new Error(String(error));
  const method = (error.config?.method ?? "get").toUpperCase();
  const path = requestPath(error.config?.url ?? "", error.config?.baseURL);
  const status = error.response?.status;
  let body: any = error.response?.data;
  if (Buffer.isBuffer(body) || body instanceof ArrayBuffer) {
    try {
      body = JSON.parse(Buffer.from(body as ArrayBuffer).toString("utf8"));
    } catch {
      body = undefined;
    }
  }
  const apiPath = path.replace(/^\/(crm\/bulk\/v8|crm\/v8|books\/v3)(?=\/|$)/, "");
  if (!error.response) {
    return new ZohoError(`Could not reach Zoho (${method} ${path}): ${error.code ?? error.message}. Check the network and try again.`, {
      api,
      method,
      path,
    });
  }
  const code: string | number | undefined = body?.code ?? body?.error;
  const zohoMessage: string | undefined = body?.message ?? body?.error_description;
  if (api === "books" && typeof code === "number") {
    const todo =
      code === 1002
        ? " Check the record id."
        : code === 57
          ? " The connection's user cannot perform this operation in this organization, or the connection lacks the ZohoBooks.fullaccess.all scope: check the user's role in Zoho Books, add the scope and reconnect."
          : /organi[sz]ation|CompanyID/i.test(zohoMessage ?? "")
            ? " Pick the organization in the Organization ID input."
            : "";
    return new ZohoError(`Zoho Books error ${code} (HTTP ${status}): ${zohoMessage ?? "no message"}.${todo}`.replace("..", "."), {
      status,
      code,
      api,
      method,
      path,
      zohoMessage,
    });
  }
  const hint = typeof code === "string" && hints[code] ? hints[code]({ api, path: apiPath, method, body, host: zohoHostOf(error) }) : "";
  const what = [code, zohoMessage].filter(Boolean).join(": ") || error.message;
  const details = body?.details && Object.keys(body.details).length ? ` Details: ${JSON.stringify(body.details)}.` : "";
  return new ZohoError(`Zoho ${api.toUpperCase()} ${method} ${path.split("?")[0]} failed (HTTP ${status}) ${what}.${details}${hint ? ` ${hint}` : ""}`, {
    status,
    code,
    api,
    method,
    path,
    zohoMessage,
    zohoDetails: body?.details,
  });
};
