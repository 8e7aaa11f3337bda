/** Books API calls to the sandbox as a client sends them, for the books*.test.ts files. */
import type { TestSandbox } from "../helpers/sandbox";
import { httpCall, type HttpAnswer } from "./httpCall";

export interface BooksCallOptions {
  query?: Record<string, string>;
  json?: unknown;
  /** Sent as application/x-www-form-urlencoded, e.g. Books' JSONString parameter. */
  form?: Record<string, string>;
  /** Scopes of the token for this call; default ZohoBooks.fullaccess.all. */
  scopes?: string[];
}

export const booksCall = (sandbox: TestSandbox, method: string, path: string, options: BooksCallOptions = {}): Promise<HttpAnswer> => {
  const token = sandbox.issueToken({ scopes: options.scopes ?? ["ZohoBooks.fullaccess.all"] });
  const query = options.query ? `?${new URLSearchParams(options.query)}` : "";
  return httpCall(`${sandbox.url}/books/v3${path}${query}`, { method, token: token.accessToken, json: options.json, form: options.form });
};

/** A caller bound to one organization: every call carries its organization_id. */
export const booksIn = (sandbox: () => TestSandbox, organizationId: string) => {
  const call = (method: string, path: string, options: BooksCallOptions = {}) =>
    booksCall(sandbox(), method, path, { ...options, query: { organization_id: organizationId, ...options.query } });
  return {
    get: (path: string, query?: Record<string, string>, scopes?: string[]) => call("GET", path, { query, scopes }),
    post: (path: string, json?: unknown, options: BooksCallOptions = {}) => call("POST", path, { json, ...options }),
    put: (path: string, json: unknown) => call("PUT", path, { json }),
    delete: (path: string) => call("DELETE", path),
  };
};
