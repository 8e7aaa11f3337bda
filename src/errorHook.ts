/**
 * The component's error hook: whatever a step throws reaches the platform as one clear message,
 * with secrets removed in case an error carried a request (axios errors hold headers).
 */
import { isAxiosError } from "axios";
import { toZohoError, ZohoError, InputError } from "./http/errors";
import { redactText } from "./http/redact";

export const errorHook = (error: unknown): unknown => {
  const clear = error instanceof ZohoError || error instanceof InputError ? error : isAxiosError(error) ? toZohoError(error, "crm") : error;
  if (clear instanceof Error) {
    const safe = new Error(redactText(clear.message));
    safe.name = clear.name;
    return safe;
  }
  return clear;
};
