/**
 * Raw requests for the CRM and Books raw request actions: spectral's raw-request inputs, sent through
 * the Zoho client so the token never leaves the connection's Zoho API host and failures carry Zoho's
 * error messages. Retries really wait: Zoho's Retry-After when it sends one, otherwise Retry Delay,
 * doubled after each retry with exponential backoff.
 */
import { util } from "@prismatic-io/spectral";
import { inputs as httpInputs } from "@prismatic-io/spectral/dist/clients/http";
import { z } from "zod/v3";
import type { ZohoClient } from "./client";
import { InputError } from "./errors";
import { maskSecretsDeep } from "./redact";
import { field, once, type Field } from "../fields/field";
import { bool, intInRange, jsonValue, optionalInt, requiredText } from "../fields/schemas";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const RESPONSE_TYPES = ["json", "text", "arraybuffer"] as const;

export const rawRequestInputs = {
  ...httpInputs,
  url: {
    ...httpInputs.url,
    comments:
      "A path under the API's base URL (e.g. /Leads for CRM, /invoices for Books). A full URL must be on the connection's Zoho API host: the token is never sent elsewhere.",
    example: "/settings/modules",
  },
  method: { ...httpInputs.method, model: METHODS.map((m) => ({ label: m, value: m })) },
  queryParams: { ...httpInputs.queryParams, example: "per_page=200" },
  fileDataFileNames: { ...httpInputs.fileDataFileNames, example: "file=report.csv" },
  data: { ...httpInputs.data, comments: 'The JSON body to send, e.g. {"data": [{"Last_Name": "Smith"}]}.' },
  responseType: { ...httpInputs.responseType, model: RESPONSE_TYPES.map((t) => ({ label: t, value: t })) },
  maxRetries: {
    ...httpInputs.maxRetries,
    default: "3",
    comments: "Retries after 429 (rate limit) and, for GET, PUT and DELETE, after 5xx and network errors. 0 turns retries off.",
  },
  retryDelayMS: {
    ...httpInputs.retryDelayMS,
    default: "1000",
    comments: "Wait before a retry when Zoho sends no Retry-After header. Doubled after each retry with exponential backoff.",
  },
  useExponentialBackoff: {
    ...httpInputs.useExponentialBackoff,
    default: "true",
    comments: "Double the Retry Delay after each retry (1 s, 2 s, 4 s, ...).",
  },
  retryAllErrors: {
    ...httpInputs.retryAllErrors,
    comments: "Also retry other failures: 4xx answers, and 5xx answers to POST and PATCH, which Zoho may have applied already.",
  },
  timeout: {
    ...httpInputs.timeout,
    comments: "The longest one try may take, answer included (ms); a slow answer does not reset it. Default 120000 (2 minutes).",
    example: "30000",
  },
  totalTimeout: {
    ...httpInputs.timeout,
    label: "Total Timeout",
    comments: "The longest the request may take in all, retries and their waits included (ms). Default 300000 (5 minutes).",
    example: "60000",
  },
};

const pairs = () =>
  z.preprocess(
    (v) => (v === undefined || v === null || v === "" ? [] : v),
    z.array(z.object({ key: z.string().min(1, "every pair needs a key"), value: z.unknown() }), { message: "must be a list of key/value pairs" }),
  );

const shape = once(() => ({
  url: requiredText("the path to call, e.g. /Leads"),
  method: z.preprocess((v) => (typeof v === "string" ? v.trim().toUpperCase() : v), z.enum(METHODS, { message: `must be one of ${METHODS.join(", ")}` })),
  data: jsonValue(),
  formData: pairs(),
  fileData: pairs(),
  fileDataFileNames: z.preprocess((v) => (Array.isArray(v) ? util.types.keyValPairListToObject(v) : (v ?? {})), z.record(z.string(), z.string())),
  queryParams: pairs(),
  headers: pairs(),
  responseType: z.preprocess((v) => v || "json", z.enum(RESPONSE_TYPES, { message: `must be one of ${RESPONSE_TYPES.join(", ")}` })),
  timeout: optionalInt(0, 3_600_000),
  totalTimeout: optionalInt(0, 3_600_000),
  maxRetries: intInRange(0, 10, 3),
  retryDelayMS: intInRange(0, 600_000, 1000),
  useExponentialBackoff: bool(true),
  retryAllErrors: bool(false),
  debugRequest: bool(false),
}));

type Shape = ReturnType<typeof shape>;
type RawFields = { [K in keyof typeof rawRequestInputs]: Field<K extends keyof Shape ? z.output<Shape[K]> : unknown> };

/** The raw-request inputs as fields: spectral's inputs, parsed by the schema above. */
export const rawRequestFields = Object.fromEntries(
  Object.entries(rawRequestInputs).map(([key, input]) => [key, field(input, () => (shape() as Record<string, z.ZodType>)[key] ?? z.unknown())]),
) as RawFields;

/** Data is JSON or a form, never both. */
export const oneBody = <T extends { data?: unknown; formData: unknown[]; fileData: unknown[] }>(schema: z.ZodType<T, z.ZodTypeDef, unknown>) =>
  schema.refine((v) => v.data === undefined || (v.formData.length === 0 && v.fileData.length === 0), {
    path: ["data"],
    message: "send either Data (JSON) or Form Data / File Data, not both",
  });

export type RawRequest = { [K in keyof RawFields]: RawFields[K] extends Field<infer T> ? T : never };

const toObject = (list: Array<{ key: string; value?: unknown }>) => Object.fromEntries(list.map(({ key, value }) => [key, value]));

const bodyOf = (request: RawRequest): unknown => {
  if (request.formData.length === 0 && request.fileData.length === 0) return request.data;
  const form = new FormData();
  for (const { key, value } of request.formData) form.append(key, String(value));
  for (const { key, value } of request.fileData) {
    const { data } = util.types.toBufferDataPayload(value);
    form.append(key, new Blob([data]), request.fileDataFileNames[key] ?? key);
  }
  return form;
};

/** The step's own auth wins: a user header must not replace the connection's token or host. */
const userHeaders = (request: RawRequest) => toObject(request.headers.filter(({ key }) => !/^(authorization|host)$/i.test(key)));

export interface RawResponse {
  data: unknown;
  headers: Record<string, unknown>;
  status: number;
}

/** Sends a raw request to `api` ("crm" → {api}/crm/v8, "books" → {api}/books/v3); `extraParams` are added to the query. */
export const sendRawRequest = async (
  client: ZohoClient,
  api: "crm" | "books",
  request: RawRequest,
  extraParams: Record<string, unknown> = {},
): Promise<RawResponse> => {
  if (/^\/\//.test(request.url) || (/^[a-z][a-z0-9+.-]*:/i.test(request.url) && !/^https?:\/\//i.test(request.url))) {
    throw new InputError(
      `URL "${request.url}" is not a path: start it with a single "/" (e.g. /Leads), or give a full https:// URL on the connection's Zoho API host.`,
    );
  }
  const basePath = new URL(client.baseUrl(api)).pathname;
  // "/crm/v8/Leads" means "/Leads" here: the client already prefixes its base path.
  const url = request.url.startsWith(`${basePath}/`) ? request.url.slice(basePath.length) : request.url;
  const response = await client.request({
    api,
    method: request.method,
    path: url,
    params: { ...toObject(request.queryParams), ...extraParams },
    data: bodyOf(request),
    headers: userHeaders(request) as Record<string, string>,
    responseType: request.responseType,
    timeoutMs: request.timeout || undefined,
    budgetMs: request.totalTimeout || undefined,
    // Retries follow the step's inputs; the client keeps its rules on what is safe to resend and honours Retry-After.
    retry: {
      retries: request.maxRetries,
      retryAllErrors: request.retryAllErrors,
      delayMs: (retry) => (request.useExponentialBackoff ? request.retryDelayMS * 2 ** (retry - 1) : request.retryDelayMS),
    },
  });
  // The answer is the step's result, which no error hook sees: a token Zoho echoes is masked here.
  return { data: maskSecretsDeep(response.data), headers: maskSecretsDeep({ ...response.headers }), status: response.status };
};
