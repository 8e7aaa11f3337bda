/** Redaction for debug output: tokens, secrets and Authorization headers never reach a log. */
const SECRET_KEYS = /^(authorization|access_token|refresh_token|client_secret|clientsecret|token|password|id_token)$/i;
const TOKEN_IN_TEXT = /(Zoho-oauthtoken|Bearer)\s+[^\s",]+/gi;
const TOKEN_PARAM = /((?:access_token|refresh_token|client_secret|token)=)[^&\s"]+/gi;

export const REDACTED = "[REDACTED]";

export const redactText = (text: string): string =>
  text.replace(TOKEN_IN_TEXT, `$1 ${REDACTED}`).replace(TOKEN_PARAM, `$1${REDACTED}`);

/** A deep copy of `value` with secret-named keys replaced and tokens in strings masked. */
export const redact = (value: unknown, depth = 0): unknown => {
  if (depth > 8) return "[…]";
  if (typeof value === "string") return redactText(value);
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === "object") {
    const plain = typeof (value as any).toJSON === "function" ? (value as any).toJSON() : value;
    if (!plain || typeof plain !== "object") return redact(plain, depth + 1);
    return Object.fromEntries(
      Object.entries(plain).map(([k, v]) => [k, SECRET_KEYS.test(k) && v != null && v !== "" ? REDACTED : redact(v, depth + 1)]),
    );
  }
  return value;
};
