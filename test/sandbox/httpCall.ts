/**
 * One HTTP call to the sandbox with any Host header (fetch drops it; the component's axios sends
 * Zoho's real host exactly like this), without keep-alive so no socket outlives the test.
 */
import http from "node:http";

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON when the answer is JSON, else undefined. */
  body: any;
  text: string;
}

export interface HttpCallOptions {
  method?: string;
  /** e.g. "www.zohoapis.eu"; default the sandbox's own address. */
  host?: string;
  token?: string;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  /** Sent as is (set its Content-Type in headers). */
  body?: string;
  /** Abort after this many ms (for calls the sandbox never answers). */
  timeoutMs?: number;
}

export const httpCall = (url: string, options: HttpCallOptions = {}): Promise<HttpAnswer> => {
  const headers: Record<string, string> = { ...options.headers };
  if (options.host) headers.Host = options.host;
  if (options.token) headers.Authorization = `Zoho-oauthtoken ${options.token}`;
  let body = options.body;
  if (options.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.json);
  } else if (options.form) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(options.form).toString();
  }
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? "GET", headers, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => {
        const json = String(res.headers["content-type"] ?? "").includes("json") && text !== "";
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: json ? JSON.parse(text) : undefined, text });
      });
    });
    req.on("error", reject);
    if (options.timeoutMs) req.setTimeout(options.timeoutMs, () => req.destroy(new Error("timed out")));
    req.end(body);
  });
};
