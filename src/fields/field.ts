/**
 * A field is one input of a step, defined once: the spectral input builders see and the zod schema
 * that parses its value. The schema is a factory built on first use, so loading the component
 * builds no schema (a step runs one of them; the bundle holds every step).
 */
import type { InputFieldDefinition } from "@prismatic-io/spectral";
import type { z } from "zod/v3";

export interface Field<T = unknown> {
  readonly input: InputFieldDefinition;
  readonly schema: () => z.ZodType<T, z.ZodTypeDef, unknown>;
}

/** A function that runs `build` on its first call and returns that value ever after. */
export const once = <T>(build: () => T): (() => T) => {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
};

export const field = <T>(input: InputFieldDefinition, schema: () => z.ZodType<T, z.ZodTypeDef, unknown>): Field<T> => ({ input, schema: once(schema) });

/** The same field shown differently (label, comments, example, default): the schema stays the field's. */
export const withInput = <T>(base: Field<T>, changes: Partial<InputFieldDefinition>): Field<T> => ({
  input: { ...base.input, ...changes } as InputFieldDefinition,
  schema: base.schema,
});

/** The same input parsed by another schema (e.g. a tighter limit for one step). */
export const withSchema = <T>(base: Field<unknown>, schema: () => z.ZodType<T, z.ZodTypeDef, unknown>): Field<T> => field(base.input, schema);

/** The label builders see. */
export const labelOf = (input: InputFieldDefinition): string => (typeof input.label === "string" ? input.label : input.label.value);

// Spectral's clean functions: the platform runs them before perform; the harness and code-native
// callers do not, so perform parses with zod either way.
export const cleanText = (value: unknown): string | undefined => {
  const text = value === undefined || value === null ? "" : String(value).trim();
  return text === "" ? undefined : text;
};
export const cleanBool = (value: unknown): boolean => value === true || String(value).trim().toLowerCase() === "true";
/** Numbers stay as typed; text that is not a whole number is kept so zod can name the input. */
export const cleanInt = (value: unknown): number | string | undefined => {
  const text = cleanText(value);
  return text !== undefined && /^-?\d+$/.test(text) ? Number(text) : text;
};
export const cleanPass = (value: unknown): unknown => value;
