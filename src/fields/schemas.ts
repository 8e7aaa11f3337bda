/**
 * The zod building blocks of fields. Every export is a function that builds (or returns the one
 * built) schema on first call, so importing this module builds nothing.
 */
import { z } from "zod/v3";
import { once } from "./field";

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);

/** Optional text that treats "" as absent. */
export const optionalText = once(() => z.preprocess((v) => blankToUndefined(trimmed(v)), z.string().optional()));

export const requiredText = (what: string) => z.preprocess(trimmed, z.string({ message: `enter ${what}` }).min(1, `enter ${what}`));

/** Optional text that must parse as a time (ISO 8601). */
export const optionalTime = (example = "2026-11-01T00:00:00+00:00") =>
  optionalText().refine((v) => v === undefined || !Number.isNaN(Date.parse(v)), `must be an ISO 8601 time such as ${example}`);

/** Zoho record ids are long integers; sent as strings to keep all 19 digits. */
export const recordId = once(() =>
  z.preprocess(
    (v) => (typeof v === "number" ? String(v) : trimmed(v)),
    z
      .string({ message: "enter the record's Zoho id" })
      .regex(/^\d{1,25}$/, "must be a numeric Zoho id such as 5725767000000524157 (pick a record from the list or map the id from an earlier step)"),
  ),
);

export const optionalRecordId = once(() => z.preprocess(blankToUndefined, recordId().optional()));

/** A module API name such as Leads or Price_Books; labels with spaces are the usual mistake. */
export const moduleName = once(() =>
  z.preprocess(
    trimmed,
    z
      .string({ message: "pick a module" })
      .min(1, "pick a module")
      .regex(/^[A-Za-z][A-Za-z0-9_]*$/, "must be a module API name without spaces, e.g. Leads, Price_Books or Projects__c (pick it from the list)"),
  ),
);

/** Comma-separated or list of field API names, at most `max` (Zoho allows 50). */
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

const toNumber = (v: unknown, fallback?: number) => {
  const b = blankToUndefined(trimmed(v));
  return b === undefined ? fallback : typeof b === "string" ? Number(b) : b;
};

const wholeNumber = (min: number, max: number) =>
  z.number({ message: "must be a whole number" }).int("must be a whole number").min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

export const intInRange = (min: number, max: number, fallback?: number) => z.preprocess((v) => toNumber(v, fallback), wholeNumber(min, max));

export const optionalInt = (min: number, max: number) => z.preprocess((v) => toNumber(v), wholeNumber(min, max).optional());

export const bool = (fallback = false) =>
  z.preprocess((v) => {
    if (v === undefined || v === null || v === "") return fallback;
    if (typeof v === "string") return v.trim().toLowerCase() === "true";
    return v;
  }, z.boolean());

/** One of `values`, or undefined when empty. */
export const optionalChoice = <T extends string>(values: readonly [T, ...T[]]) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), z.enum(values, { message: `must be one of ${values.join(", ")}` }).optional());

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
export const jsonObject = once(() =>
  z
    .unknown()
    .optional()
    .transform(parseJsonText)
    .pipe(z.record(z.string(), z.unknown(), { message: 'must be a JSON object such as {"Last_Name": "Smith"}' }).optional()),
);

/** Any JSON value given as text or as a value. */
export const jsonValue = once(() => z.unknown().optional().transform(parseJsonText));

/** A JSON array of objects (records), given as text or as an array. */
export const jsonRecords = once(() =>
  z
    .unknown()
    .transform(parseJsonText)
    .pipe(z.array(z.record(z.string(), z.unknown()), { message: 'must be a JSON array of objects, e.g. [{"Last_Name": "Smith"}]' })),
);

const jsonLooking = (value: unknown): unknown => {
  if (typeof value !== "string" || !/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
};

/** Spectral key/value list ([{key, value}]) as an object; values that look like JSON are parsed. */
export const keyValueList = once(() =>
  z.preprocess(
    (v) => (v === undefined || v === null || v === "" ? [] : v),
    z
      .array(z.object({ key: z.string().min(1, "every pair needs a key"), value: z.unknown() }), { message: "must be a list of key/value pairs" })
      .transform((pairs) => Object.fromEntries(pairs.map(({ key, value }) => [key, jsonLooking(value)]))),
  ),
);

/** A record's values from the config-variable object and the key/value list; the list wins on clashes. */
export const recordValues = (dynamicValues: Record<string, unknown> | undefined, fieldValues: Record<string, unknown>) => ({
  ...(dynamicValues ?? {}),
  ...fieldValues,
});

/** One of `values`; empty means `fallback`. The error lists the choices. */
export const choice = <const T extends string>(values: readonly [T, ...T[]], fallback: NoInfer<T>) =>
  z.preprocess((v) => v || fallback, z.enum(values, { message: `choose ${values.slice(0, -1).join(", ")} or ${values[values.length - 1]}` }));
