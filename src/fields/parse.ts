/** Input parsing at the boundary: failures name the input as builders see it and say what to enter. */
import type { z } from "zod/v3";
import { InputError } from "../http/errors";

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
