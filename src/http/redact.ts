/**
 * Redaction: tokens, secrets and Authorization headers never reach a log, an error or a step result.
 * Two nets: by pattern (secret-named keys, "Zoho-oauthtoken …", token=… parameters) and by value
 * (the connection's actual access token, refresh token and client secret, wherever Zoho or anyone
 * echoes them: a message, a details object, a header).
 */
const SECRET_KEYS = /^(authorization|access_token|refresh_token|client_secret|clientsecret|token|password|id_token)$/i;
const TOKEN_IN_TEXT = /(Zoho-oauthtoken|Bearer)\s+[^\s",]+/gi;
const TOKEN_PARAM = /((?:access_token|refresh_token|client_secret|token)=)[^&\s"]+/gi;

export const REDACTED = "[REDACTED]";

/** Shorter values could be ordinary words; Zoho's tokens and secrets are tens of characters. */
const MIN_SECRET_LENGTH = 8;
/** A process may serve many connections in turn: keep the most recent ones. */
const MAX_REMEMBERED = 100;
const secrets = new Set<string>();

/**
 * Values to mask wherever they appear from now on: the client registers its connection's tokens and
 * client secret when it is built, so the error hook (which sees no connection) masks them too.
 */
export const rememberSecrets = (values: unknown[]): void => {
  for (const value of values) {
    if (typeof value !== "string" || value.length < MIN_SECRET_LENGTH) continue;
    secrets.delete(value);
    secrets.add(value);
    if (secrets.size > MAX_REMEMBERED) secrets.delete(secrets.values().next().value as string);
  }
};

/** `text` with every remembered secret value replaced. */
export const maskSecrets = (text: string): string => {
  let masked = text;
  for (const secret of secrets) if (masked.includes(secret)) masked = masked.split(secret).join(REDACTED);
  return masked;
};

export const redactText = (text: string): string => maskSecrets(text).replace(TOKEN_IN_TEXT, `$1 ${REDACTED}`).replace(TOKEN_PARAM, `$1${REDACTED}`);

/** A deep copy of `value` with secret-named keys replaced and tokens in strings masked. */
export const redact = (value: unknown, depth = 0): unknown => {
  if (depth > 8) return "[…]";
  if (typeof value === "string") return redactText(value);
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === "object") {
    const plain = typeof (value as any).toJSON === "function" ? (value as any).toJSON() : value;
    if (!plain || typeof plain !== "object") return redact(plain, depth + 1);
    return Object.fromEntries(Object.entries(plain).map(([k, v]) => [k, SECRET_KEYS.test(k) && v != null && v !== "" ? REDACTED : redact(v, depth + 1)]));
  }
  return value;
};

/**
 * `value` with remembered secrets masked in every string (keys and structure kept); parts without a
 * secret are returned as they are, so a large answer is walked but not copied.
 */
export const maskSecretsDeep = <T>(value: T): T => {
  if (secrets.size === 0) return value;
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === "string") return maskSecrets(v);
    if (depth > 64 || !v || typeof v !== "object" || Buffer.isBuffer(v) || ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return v;
    if (Array.isArray(v)) {
      let copy: unknown[] | undefined;
      v.forEach((item, i) => {
        const masked = walk(item, depth + 1);
        if (masked !== item) (copy ??= [...v])[i] = masked;
      });
      return copy ?? v;
    }
    if (Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null) return v;
    let copy: Record<string, unknown> | undefined;
    for (const [k, item] of Object.entries(v)) {
      const masked = walk(item, depth + 1);
      if (masked !== item) (copy ??= { ...(v as Record<string, unknown>) })[k] = masked;
    }
    return copy ?? v;
  };
  return walk(value, 0) as T;
};
