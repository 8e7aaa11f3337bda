/**
 * What the request log keeps of a call: secrets masked (the token after "Zoho-oauthtoken", and
 * client secrets, refresh tokens, codes and access tokens in queries and bodies), so a test can
 * print the log without leaking what it used.
 */
import type { IncomingHttpHeaders } from "node:http";

const MASK = "***";
const SECRET_KEYS = new Set(["client_secret", "refresh_token", "code", "access_token", "token"]);

/** Node's headers as plain strings, repeated headers joined. */
export const flatHeaders = (headers: IncomingHttpHeaders): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers)
      .filter((entry): entry is [string, string | string[]] => entry[1] !== undefined)
      .map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : value]),
  );

export const redactHeaders = (headers: Record<string, string>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers).map(([name, value]) =>
      name.toLowerCase() === "authorization" ? [name, `${value.trim().split(/\s+/)[0]} ${MASK}`] : [name, value],
    ),
  );

export const redactFields = (fields: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, SECRET_KEYS.has(key) ? MASK : value]));

/** A request body as logged: JSON and forms with secrets masked, anything else by its size. */
export const redactBody = (body: unknown): unknown => {
  if (Buffer.isBuffer(body)) return `<${body.length} bytes>`;
  if (body && typeof body === "object" && !Array.isArray(body)) return redactFields(body as Record<string, unknown>);
  return body;
};
