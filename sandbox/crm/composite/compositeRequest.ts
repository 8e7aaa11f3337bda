/**
 * The parts of a composite call that need no server: checking the body as Zoho does, and filling
 * `@{sub_request_id:$.json.path}` references from earlier sub-requests' answers.
 */
import { CrmFailure } from "../crmFailure";

export const MAX_SUB_REQUESTS = 5;
export const COMPOSITE_PATH = "/crm/v8/__composite_requests";

export interface SubRequest {
  sub_request_id?: string;
  method: string;
  uri: string;
  params?: Record<string, unknown>;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface CompositeBody {
  rollbackOnFail: boolean;
  subRequests: SubRequest[];
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];
/** Sub-requests call CRM v8 only, by path. */
const URI = /^\/crm\/v8\/[^?#]+$/;
const SUB_REQUEST_ID = /^[a-zA-Z0-9][a-zA-Z0-9_]*$/;
/** A composite call authenticates once; sub-requests may not bring their own credentials or org. */
const RESTRICTED_HEADERS = ["authorization", "x-crm-org"];
const REFERENCE = /@\{([a-zA-Z0-9][a-zA-Z0-9_]*):(\$[^}]*)\}/g;

const at = (index: number, key: string) => `$.__composite_requests[${index}].${key}`;

export const readCompositeBody = (json: unknown): CompositeBody => {
  const body = (json ?? {}) as Record<string, unknown>;
  const list = body.__composite_requests;
  if (!Array.isArray(list) || list.length === 0) {
    throw new CrmFailure("MANDATORY_NOT_FOUND", "required field not found", {
      api_name: "__composite_requests",
      json_path: "$.__composite_requests",
    });
  }
  if (list.length > MAX_SUB_REQUESTS) {
    throw new CrmFailure("INVALID_DATA", "invalid data", {
      api_name: "__composite_requests",
      json_path: "$.__composite_requests",
      maximum_length: MAX_SUB_REQUESTS,
    });
  }
  const rollbackOnFail = body.rollback_on_fail === true;
  // Zoho's docs call it parallel_execution, its OpenAPI file concurrent_execution.
  const parallel = ["concurrent_execution", "parallel_execution"].find((key) => body[key] === true);
  if (rollbackOnFail && parallel) {
    throw new CrmFailure("AMBIGUITY_DURING_PROCESSING", "rollback_on_fail and parallel execution cannot both be true", {
      ambiguity_due_to: [
        { api_name: "rollback_on_fail", json_path: "$.rollback_on_fail" },
        { api_name: parallel, json_path: `$.${parallel}` },
      ],
    });
  }
  const subRequests = list.map((item, index) => checkSubRequest(item, index));
  rejectDuplicateIds(subRequests);
  subRequests.forEach((sub, index) => checkReferences(sub, index, subRequests));
  return { rollbackOnFail, subRequests };
};

const checkSubRequest = (item: unknown, index: number): SubRequest => {
  const sub = (item ?? {}) as Partial<SubRequest>;
  const invalid = (key: string, extra: Record<string, unknown> = {}) =>
    new CrmFailure("INVALID_DATA", "invalid data", { api_name: key, json_path: at(index, key), ...extra });
  if (typeof sub.method !== "string")
    throw new CrmFailure("MANDATORY_NOT_FOUND", "required field not found", { api_name: "method", json_path: at(index, "method") });
  if (typeof sub.uri !== "string") throw new CrmFailure("MANDATORY_NOT_FOUND", "required field not found", { api_name: "uri", json_path: at(index, "uri") });
  if (!METHODS.includes(sub.method.toUpperCase())) throw invalid("method");
  if (!URI.test(sub.uri)) throw invalid("uri");
  if (sub.uri.replace(/\/+$/, "") === COMPOSITE_PATH) {
    throw new CrmFailure("LOOPING_FOUND", "a composite request cannot contain a composite request", {
      api_name: "uri",
      json_path: at(index, "uri"),
    });
  }
  if (sub.sub_request_id !== undefined && (typeof sub.sub_request_id !== "string" || !SUB_REQUEST_ID.test(sub.sub_request_id))) {
    throw new CrmFailure("INVALID_DATA", "invalid data", {
      api_name: "sub_request_id",
      json_path: at(index, "sub_request_id"),
      regex: SUB_REQUEST_ID.source,
    });
  }
  const restricted = Object.keys(sub.headers ?? {}).filter((h) => RESTRICTED_HEADERS.includes(h.toLowerCase()));
  if (restricted.length > 0) throw invalid("headers", { restricted_headers: restricted });
  return { ...sub, method: sub.method.toUpperCase() } as SubRequest;
};

const rejectDuplicateIds = (subRequests: SubRequest[]) => {
  subRequests.forEach((sub, index) => {
    if (sub.sub_request_id === undefined) return;
    const first = subRequests.findIndex((other) => other.sub_request_id === sub.sub_request_id);
    if (first !== index) {
      throw new CrmFailure("DUPLICATE_DATA", "duplicate data", {
        api_name: "sub_request_id",
        json_path: at(index, "sub_request_id"),
        sub_request_indexes: [first, index],
      });
    }
  });
};

/** A reference must name an earlier sub-request: answers are only known in order. */
const checkReferences = (sub: SubRequest, index: number, all: SubRequest[]) => {
  for (const [reference, id] of JSON.stringify([sub.uri, sub.params, sub.body]).matchAll(REFERENCE)) {
    const target = all.findIndex((other) => other.sub_request_id === id);
    if (target < 0 || target >= index) {
      throw new CrmFailure("INVALID_REFERENCE", "invalid reference", {
        api_name: "sub_request_id",
        json_path: at(index, "uri"),
        reference,
      });
    }
  }
};

/** `$.data[0].details.id` read from a parsed JSON answer. */
const readPath = (root: unknown, path: string): unknown =>
  [...path.slice(1).matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)].reduce<unknown>(
    (value, [, key, index]) => (value as Record<string, unknown> | undefined)?.[key ?? Number(index)],
    root,
  );

/** The sub-request with every reference replaced by the referred answer's value. */
export const fillReferences = (sub: SubRequest, answers: Map<string, unknown>): SubRequest => {
  const fill = (text: string) =>
    text.replace(REFERENCE, (reference, id: string, path: string) => {
      const value = readPath(answers.get(id), path);
      return value === undefined || value === null ? reference : String(value);
    });
  const walk = (value: unknown): unknown => {
    if (typeof value === "string") return fill(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return { ...sub, uri: fill(sub.uri), params: walk(sub.params) as SubRequest["params"], body: walk(sub.body) };
};
