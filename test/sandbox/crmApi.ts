/** Plain HTTP calls to the sandbox's CRM API, as a client would send them, for the CRM sandbox tests. */
import type { DataCenterKey } from "../../sandbox/types";
import type { TestSandbox } from "../helpers/sandbox";

export interface CrmAnswer {
  status: number;
  contentType: string;
  /** Parsed JSON, or undefined for an empty or non-JSON answer. */
  body: any;
  bytes: Buffer;
}

export interface CrmCallOptions {
  json?: unknown;
  /** Sent as the raw body with its own content type (multipart uploads). */
  raw?: { body: Buffer; contentType: string };
  headers?: Record<string, string>;
  /** Data center the call is for, as a `/{dc}` path prefix; default us. */
  dc?: DataCenterKey;
  /** Scopes of the token for this call; default every scope the sandbox knows. */
  scopes?: string[];
}

export const crmCall = async (sandbox: TestSandbox, method: string, path: string, options: CrmCallOptions = {}): Promise<CrmAnswer> => {
  const token = sandbox.issueToken({ dc: options.dc ?? "us", ...(options.scopes ? { scopes: options.scopes } : {}) });
  const headers: Record<string, string> = { Authorization: `Zoho-oauthtoken ${token.accessToken}`, ...options.headers };
  let body: string | Buffer | undefined;
  if (options.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.json);
  } else if (options.raw) {
    headers["Content-Type"] = options.raw.contentType;
    body = options.raw.body;
  }
  const response = await fetch(`${sandbox.url}/${options.dc ?? "us"}${path}`, { method, headers, body });
  const bytes = Buffer.from(await response.arrayBuffer());
  const contentType = response.headers.get("content-type") ?? "";
  const parsed = contentType.includes("json") && bytes.length > 0 ? JSON.parse(bytes.toString("utf8")) : undefined;
  return { status: response.status, contentType, bytes, body: parsed };
};
