/**
 * Input parsing at the boundary: every action parses its inputs with zod before any request,
 * and failures name the input and say what to enter.
 */
import { z } from "zod";
import { InputError } from "./errors";

/** Parse `params` with `schema`; a failure becomes one InputError naming each bad input. */
export const parseInputs = <S extends z.ZodType>(schema: S, params: unknown, labels: Record<string, string> = {}): z.output<S> => {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? "input");
    const label = labels[key] ?? key;
    return `Input "${label}" (${key}): ${issue.message}`;
  });
  throw new InputError(problems.join("\n"));
};

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);

/** Optional text that treats "" as absent. */
export const optionalText = z.preprocess((v) => blankToUndefined(trimmed(v)), z.string().optional());

export const requiredText = (what: string) =>
  z.preprocess(trimmed, z.string({ error: `enter ${what}` }).min(1, `enter ${what}`));

/** Zoho record ids are long integers; sent as strings to keep all 19 digits. */
export const recordId = z.preprocess(
  (v) => (typeof v === "number" ? String(v) : trimmed(v)),
  z
    .string({ error: "enter the record's Zoho id" })
    .regex(/^\d{1,25}$/, "must be a numeric Zoho id such as 5725767000000524157 (pick a record from the list or map the id from an earlier step)"),
);

export const optionalRecordId = z.preprocess(blankToUndefined, recordId.optional());

/** A module API name such as Leads or Price_Books; labels with spaces are the usual mistake. */
export const moduleName = z.preprocess(
  trimmed,
  z
    .string({ error: "pick a module" })
    .min(1, "pick a module")
    .regex(/^[A-Za-z][A-Za-z0-9_]*$/, "must be a module API name without spaces, e.g. Leads, Price_Books or Projects__c (pick it from the list)"),
);

/** Comma-separated or list of field API names, at most 50 as Zoho allows. */
export const fieldList = (max = 50) =>
  z.preprocess(
    (v) => {
      if (v === undefined || v === null || v === "") return undefined;
      const list = Array.isArray(v) ? v : String(v).split(",");
      return list.map((f) => String(f).trim()).filter(Boolean);
    },
    z
      .array(z.string().regex(/^[A-Za-z0-9_.$]+$/, "field API names contain only letters, digits, _ . and $"))
      .max(max, `at most ${max} fields per call: Zoho rejects more`)
      .optional(),
  );

export const intInRange = (min: number, max: number, fallback?: number) =>
  z.preprocess(
    (v) => {
      const b = blankToUndefined(trimmed(v));
      return b === undefined ? fallback : typeof b === "string" ? Number(b) : b;
    },
    z.number({ error: "must be a whole number" }).int("must be a whole number").min(min, `must be at least ${min}`).max(max, `must be at most ${max}`),
  );

export const optionalInt = (min: number, max: number) =>
  z.preprocess((v) => {
    const b = blankToUndefined(trimmed(v));
    return b === undefined ? undefined : typeof b === "string" ? Number(b) : b;
  }, z.number({ error: "must be a whole number" }).int("must be a whole number").min(min, `must be at least ${min}`).max(max, `must be at most ${max}`).optional());

export const bool = (fallback = false) =>
  z.preprocess((v) => {
    if (v === undefined || v === null || v === "") return fallback;
    if (typeof v === "string") return v.trim().toLowerCase() === "true";
    return v;
  }, z.boolean());

const parseJsonText = (v: unknown, ctx: z.RefinementCtx): unknown => {
  if (typeof v !== "string") return v;
  if (v.trim() === "") return undefined;
  try {
    return JSON.parse(v);
  } catch (e) {
    ctx.addIssue({ code: "custom", message: `is not valid JSON (${(e as Error).message})` });
    return z.NEVER;
  }
};

// `.optional()` before the transform lets an absent input reach the optional schema after it.
/** A JSON object given as text or as an object (config variables and earlier steps give either). */
export const jsonObject = z.unknown().optional().transform(parseJsonText).pipe(z.record(z.string(), z.unknown(), { error: "must be a JSON object such as {\"Last_Name\": \"Smith\"}" }).optional());

/** Any JSON value given as text or as a value. */
export const jsonValue = z.unknown().optional().transform(parseJsonText);

/** A JSON array of objects (records), given as text or as an array. */
export const jsonRecords = z
  .unknown()
  .transform(parseJsonText)
  .pipe(z.array(z.record(z.string(), z.unknown()), { error: "must be a JSON array of objects, e.g. [{\"Last_Name\": \"Smith\"}]" }));

/** Spectral key/value list ([{key, value}]) as an object; values that look like JSON are parsed. */
export const keyValueList = z.preprocess(
  (v) => (v === undefined || v === null || v === "" ? [] : v),
  z
    .array(z.object({ key: z.string().min(1, "every pair needs a key"), value: z.unknown() }), { error: "must be a list of key/value pairs" })
    .transform((pairs) =>
      Object.fromEntries(
        pairs.map(({ key, value }) => {
          if (typeof value === "string" && /^\s*[[{]/.test(value)) {
            try {
              return [key, JSON.parse(value)];
            } catch {
              return [key, value];
            }
          }
          return [key, value];
        }),
      ),
    ),
);

/** A record's values from the config-variable object and the key/value list; the list wins on clashes. */
export const recordValues = (dynamicValues: Record<string, unknown> | undefined, fieldValues: Record<string, unknown>) => ({
  ...(dynamicValues ?? {}),
  ...fieldValues,
});
