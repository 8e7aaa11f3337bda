/**
 * Zoho's composite API (POST /__composite_requests): the sub-request list checked as Zoho checks it,
 * before anything is sent, and each sub-request's outcome read from the answer without hiding a failure.
 */
import { z } from "zod/v3";
import { ZohoError } from "../http/errors";
import type { Outcome } from "../http/outcomes";
import { once } from "../fields/field";
import { jsonValue } from "../fields/schemas";

/** Zoho runs at most 5 sub-requests per call and does not let them set these headers. */
export const MAX_SUB_REQUESTS = 5;
const RESTRICTED_HEADERS = ["authorization", "x-crm-org"];
const KEYS = "method, uri, params, body, headers, sub_request_id";

const subRequest = once(() =>
  z.strictObject(
    {
      method: z.preprocess(
        (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
        z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"], { message: "method must be GET, POST, PUT, PATCH or DELETE" }),
      ),
      uri: z
        .string({ message: "uri is required" })
        .trim()
        .regex(/^\/[^/]/, "uri must be a path relative to /crm/v8 such as /Leads/5725767000000524157"),
      params: z.record(z.string(), z.unknown(), { message: "params must be a JSON object" }).optional(),
      body: z.record(z.string(), z.unknown(), { message: "body must be a JSON object" }).optional(),
      headers: z
        .record(z.string(), z.string(), { message: "headers must be a JSON object of text values" })
        .refine((h) => !Object.keys(h).some((name) => RESTRICTED_HEADERS.includes(name.toLowerCase())), "headers cannot set Authorization or X-CRM-ORG")
        .optional(),
      sub_request_id: z
        .string()
        .regex(/^[a-zA-Z0-9][a-zA-Z0-9_]*$/, "sub_request_id has letters, digits and _ only, starting with a letter or digit")
        .optional(),
    },
    {
      errorMap: (issue) => ({
        message: issue.code === "unrecognized_keys" ? `unknown keys ${issue.keys.join(", ")} (use ${KEYS})` : `must be a JSON object with ${KEYS}`,
      }),
    },
  ),
);

export type SubRequest = z.output<ReturnType<typeof subRequest>>;

/** The sub-requests as JSON text or a value; every problem of every sub-request is named, counting from 1. */
export const subRequestList = () =>
  jsonValue().transform((value, ctx): SubRequest[] => {
    const fail = (message: string) => {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    };
    if (!Array.isArray(value)) return fail('must be a JSON array of sub-requests, e.g. [{"method": "GET", "uri": "/Leads/5725767000000524157"}]');
    if (value.length === 0 || value.length > MAX_SUB_REQUESTS) return fail(`has ${value.length} sub-requests: Zoho takes 1 to ${MAX_SUB_REQUESTS} per call`);
    const problems = value.flatMap((item, i) => {
      const result = subRequest().safeParse(item);
      return result.success ? [] : result.error.issues.map((issue) => `sub-request ${i + 1}: ${issue.message}`);
    });
    const ids = value.map((item) => item?.sub_request_id).filter((id) => id !== undefined);
    if (new Set(ids).size !== ids.length) problems.push("sub_request_id values must be unique");
    return problems.length ? fail(problems.join("; ")) : value.map((item) => subRequest().parse(item));
  });

/** The body Zoho takes: full paths, as builders write them relative to /crm/v8. */
export const compositeBody = (subRequests: SubRequest[], options: { rollbackOnFail: boolean; concurrentExecution: boolean }) => ({
  rollback_on_fail: options.rollbackOnFail,
  concurrent_execution: options.concurrentExecution,
  __composite_requests: subRequests.map((sub) => ({ ...sub, uri: /^\/crm\//.test(sub.uri) ? sub.uri : `/crm/v8${sub.uri}` })),
});

export interface SubResponse {
  sub_request_id: string | null;
  /** null when the sub-request did not run (rolled back or stopped). */
  status_code: number | null;
  body: any;
}

/** Each sub-request's answer; one that did not run carries Zoho's reason as its body. */
export const subResponses = (subRequests: SubRequest[], items: Array<Outcome & { details?: { response?: any } }>): SubResponse[] =>
  subRequests.map((sub, i) => {
    const response = items[i]?.details?.response;
    return {
      sub_request_id: sub.sub_request_id ?? null,
      status_code: typeof response?.status_code === "number" ? response.status_code : null,
      body: response ? (response.body ?? null) : (items[i] ?? null),
    };
  });

/** Failed: did not run, answered an error, or a record inside it failed (a 207 write). */
const failed = ({ status_code, body }: SubResponse) =>
  status_code === null || status_code >= 400 || (Array.isArray(body?.data) && body.data.some((entry: any) => entry?.status === "error"));

const describe = (sub: SubResponse, i: number) => {
  const reason = sub.body?.code ? sub.body : (sub.body?.data?.find((entry: any) => entry?.status === "error") ?? {});
  const name = sub.sub_request_id ? ` (${sub.sub_request_id})` : "";
  return `sub-request ${i + 1}${name}: ${sub.status_code === null ? "not run" : `HTTP ${sub.status_code}`} ${reason.code ?? ""} ${reason.message ?? ""}`.trim();
};

/** The step's result, or, unless `continueOnFailure`, an error naming each failed sub-request. */
export const compositeResult = (status: number, responses: SubResponse[], continueOnFailure: boolean) => {
  const failures = responses.map((sub, i) => (failed(sub) ? describe(sub, i) : undefined)).filter((d): d is string => d !== undefined);
  if (failures.length && !continueOnFailure) {
    throw new ZohoError(
      `${failures.length} of ${responses.length} sub-requests failed: ${failures.join("; ")}. Turn on Continue On Failure to get every sub-response as the step's result instead of an error.`,
      { status, code: "COMPOSITE_FAILED" },
    );
  }
  return { status_code: status, succeeded: responses.length - failures.length, failed: failures.length, sub_responses: responses };
};
