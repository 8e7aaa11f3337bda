/**
 * Example payloads must look like what perform really returns: same keys at every depth and the same
 * kind of value (arrays compared by their first element; null matches any value, as Zoho leaves
 * optional values null).
 */
const kind = (v: unknown): string => (v === null || v === undefined ? "null" : Array.isArray(v) ? "array" : Buffer.isBuffer(v) ? "buffer" : typeof v);

const differences = (actual: unknown, example: unknown, path: string): string[] => {
  const [a, e] = [kind(actual), kind(example)];
  if (a === "null" || e === "null") return [];
  if (a !== e) return [`${path}: example is ${e}, result is ${a}`];
  if (a === "array") {
    const [first, model] = [(actual as unknown[])[0], (example as unknown[])[0]];
    return first === undefined || model === undefined ? [] : differences(first, model, `${path}[0]`);
  }
  if (a !== "object") return [];
  const [ao, eo] = [actual as Record<string, unknown>, example as Record<string, unknown>];
  const keys = new Set([...Object.keys(ao), ...Object.keys(eo)]);
  return [...keys].flatMap((key) => {
    if (!(key in eo)) return [`${path}.${key}: in the result, missing from the example`];
    if (!(key in ao)) return [`${path}.${key}: in the example, missing from the result`];
    return differences(ao[key], eo[key], `${path}.${key}`);
  });
};

/** Fails listing every key or type that differs between a real result and its example payload. */
export const expectSameShape = (actual: unknown, example: unknown): void => {
  const found = differences(actual, example, "$");
  if (found.length) throw new Error(`The example payload does not match the real result:\n- ${found.join("\n- ")}`);
};
