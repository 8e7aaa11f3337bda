/**
 * Calls whose answer lists one outcome per item (tags on many records, composite sub-requests).
 * Zoho answers 400 with that same list when every item failed, so such a 400 is read here as
 * outcomes rather than thrown as one error that would hide which item failed and why. One-item
 * calls (an upload, a conversion) answer the same list: `onlyOutcome` reads their single entry.
 */
import type { ZohoClient, ZohoRequest } from "./client";
import { ZohoError } from "./errors";
import { maskSecretsDeep } from "./redact";

export interface Outcome {
  code?: string;
  status?: string;
  message?: string;
  details?: Record<string, any>;
}

export const requestOutcomes = async <T = Outcome>(client: ZohoClient, req: ZohoRequest, listKey: string): Promise<{ status: number; items: T[] }> => {
  const response = await client.request({ ...req, accept: [400] });
  const items = response.data?.[listKey];
  // Per-item messages are Zoho's text: one that echoes the token must not reach the step's result.
  if (Array.isArray(items)) return { status: response.status, items: maskSecretsDeep(items) };
  if (response.status === 400) throw client.errorOf(req, response);
  return { status: response.status, items: [] };
};

/** The details of a one-item call's only outcome, or that outcome's failure as an error saying what was not done. */
export const onlyOutcome = (body: unknown, what: string): Record<string, any> => {
  const entry = (body as { data?: Outcome[] } | undefined)?.data?.[0];
  if (entry?.status === "success") return entry.details ?? {};
  const field = entry?.details?.api_name ? ` (field ${entry.details.api_name})` : "";
  throw new ZohoError(`Zoho did not ${what}: ${entry ? `${entry.code} ${entry.message}${field}` : "its answer was empty"}.`, {
    code: entry?.code,
    zohoMessage: entry?.message,
    zohoDetails: entry?.details,
  });
};
