/**
 * Calls whose answer lists one outcome per item (tags on many records, composite sub-requests).
 * Zoho answers 400 with that same list when every item failed, so such a 400 is read here as
 * outcomes rather than thrown as one error that would hide which item failed and why. One-item
 * calls (an upload, a conversion) answer the same list: `onlyOutcome` reads their single entry.
 */
import { AxiosError, type AxiosRequestConfig, type AxiosResponse } from "axios";
import type { ZohoClient, ZohoRequest } from "./client";
import { toZohoError, ZohoError } from "./errors";

export interface Outcome {
  code?: string;
  status?: string;
  message?: string;
  details?: Record<string, any>;
}

export const requestOutcomes = async <T = Outcome>(client: ZohoClient, req: ZohoRequest, listKey: string): Promise<{ status: number; items: T[] }> => {
  const config = {
    method: req.method ?? "GET",
    url: req.path,
    params: req.params,
    data: req.data,
    timeout: req.timeoutMs ?? 120_000,
    idempotent: req.idempotent,
    validateStatus: (status: number) => (status >= 200 && status < 300) || status === 400,
  };
  let response: AxiosResponse;
  try {
    response = await client.axios(req.api).request(config as AxiosRequestConfig);
  } catch (error) {
    throw toZohoError(error, req.api);
  }
  const items = response.data?.[listKey];
  if (Array.isArray(items)) return { status: response.status, items };
  if (response.status === 400) {
    throw toZohoError(new AxiosError("Request failed with status code 400", AxiosError.ERR_BAD_REQUEST, response.config, response.request, response), req.api);
  }
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
