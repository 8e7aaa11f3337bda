/**
 * The answers the server gives on any route, in the shape of the API the call was for: CRM's
 * {code, details, message, status} or Books' {code: <number>, message}.
 */
import { booksError, crmError } from "./respond";
import type { Route, SandboxResponse } from "./types";

export type Api = NonNullable<Route["api"]>;

interface Shapes {
  crm: [status: number, code: string, message: string];
  books: [status: number, code: number, message: string];
}

const answerAs = (api: Api, shapes: Shapes): SandboxResponse => (api === "books" ? booksError(...shapes.books) : crmError(...shapes.crm));

const ANSWERS = {
  /** Missing, unknown, revoked or expired token, or one from another data center (Zoho cannot see it). */
  invalidToken: { crm: [401, "INVALID_TOKEN", "invalid oauth token"], books: [401, 14, "Invalid value passed for authtoken."] },
  scopeMismatch: {
    crm: [403, "OAUTH_SCOPE_MISMATCH", "invalid oauth scope to access this URL"],
    books: [401, 57, "You are not authorized to perform this operation"],
  },
  unknownUrl: { crm: [404, "INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one"], books: [404, 5, "Invalid URL Passed"] },
  wrongMethod: {
    crm: [400, "INVALID_REQUEST_METHOD", "The http request method type is not a valid one"],
    books: [405, 37, "The HTTP method is not allowed for the requested resource"],
  },
  malformedJson: { crm: [400, "INVALID_DATA", "the request body is not valid JSON"], books: [400, 2, "Invalid value passed for JSONString"] },
} satisfies Record<string, Shapes>;

export const apiError = (api: Api, kind: keyof typeof ANSWERS): SandboxResponse => answerAs(api, ANSWERS[kind]);

/** For handlers whose scope depends on the body (COQL's module, bulk jobs), not only on the route. */
export const scopeMismatch = (api: Api): SandboxResponse => apiError(api, "scopeMismatch");

/** 429 with Retry-After in seconds, as Zoho sends it. */
export const tooManyRequests = (api: Api, message: string, retryAfterSec: number): SandboxResponse => ({
  ...answerAs(api, { crm: [429, "TOO_MANY_REQUESTS", message], books: [429, 44, message] }),
  headers: { "Retry-After": String(Math.max(1, Math.ceil(retryAfterSec))) },
});

export const serverError = (api: Api, status: number): SandboxResponse =>
  answerAs(api, { crm: [status, "INTERNAL_ERROR", "Internal Server Error"], books: [status, 1000, "Internal error"] });

/** Which API an unmatched path belongs to, so even a 404 has the right shape. */
export const apiOfPath = (path: string): Api => (path.startsWith("/books/") ? "books" : path.startsWith("/oauth/") ? "accounts" : "crm");
