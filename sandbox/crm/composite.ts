/**
 * POST /crm/v8/__composite_requests: up to five CRM calls in one, run in order through the same
 * routes (auth and scopes included) as direct calls. Each sub-request's answer comes back under
 * details.response; 207 when any of them failed. With rollback_on_fail the batch runs against a
 * copy of the CRM data, kept (and its write events sent) only when every sub-request succeeded.
 */
import { EventEmitter } from "node:events";
import { ok } from "../respond";
import type { SandboxState } from "../state";
import type { Route, SandboxContext, SandboxRequest, SandboxResponse } from "../types";
import { dispatch } from "../server";
import { COMPOSITE_PATH, fillReferences, readCompositeBody, type SubRequest } from "./compositeRequest";
import { crmRoute } from "./crmRoute";

/** The CRM slices a rollback restores: records (notes included) and what attachments, tags and conversion keep. */
const ROLLBACK_SLICES = ["records", "attachments", "tags", "convertedLeads"];

/** Deep copy of plain data (Maps, arrays, objects); Buffers and other instances are shared, never mutated. */
const copyData = (value: unknown): unknown => {
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, copyData(v)]));
  if (Array.isArray(value)) return value.map(copyData);
  if (value && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyData(v)]));
  }
  return value;
};

/**
 * A copy of the state for a batch that may be undone; `keep` moves its data and write events into
 * the real state. Calls that write while the batch runs are overwritten by `keep`: batches are short.
 */
const scratchOf = (state: SandboxState) => {
  const copies = Object.fromEntries(ROLLBACK_SLICES.filter((key) => key in state.crm).map((key) => [key, copyData(state.crm[key])]));
  const scratch: SandboxState = {
    ...state,
    nextId: () => state.nextId(),
    writeLog: [],
    events: new EventEmitter(),
    crm: { ...state.crm, ...copies } as SandboxState["crm"],
  };
  const keep = () => {
    // Refill the real records map in place: other code may hold it.
    state.crm.records.clear();
    scratch.crm.records.forEach((records, module) => state.crm.records.set(module, records));
    for (const key of ROLLBACK_SLICES.filter((k) => k !== "records" && k in scratch.crm)) state.crm[key] = scratch.crm[key];
    for (const event of scratch.writeLog) {
      state.writeLog.push(event);
      state.events.emit("write", event);
    }
  };
  return { scratch, keep };
};

const queryOf = (params: SubRequest["params"]) => {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) query.set(key, Array.isArray(value) ? value.join(",") : String(value));
  return query;
};

/** The sub-request as a call of its own, with the composite call's token and data center. */
const asRequest = (sub: SubRequest, parent: SandboxRequest): SandboxRequest => {
  const rawBody = sub.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(sub.body));
  return {
    method: sub.method,
    path: sub.uri,
    params: {},
    query: queryOf(sub.params),
    headers: { ...parent.headers, ...sub.headers, "content-type": "application/json", "content-length": String(rawBody.length) },
    rawBody,
    json: sub.body,
    dc: parent.dc,
    environment: parent.environment,
    token: parent.token,
  };
};

const failed = (response: SandboxResponse) => response.status >= 400;

const executed = (response: SandboxResponse) => ({
  code: "SUCCESS",
  details: {
    response: {
      headers: response.headers ?? {},
      body: response.body === undefined || Buffer.isBuffer(response.body) ? null : response.body,
      status_code: response.status,
    },
  },
  message: "success",
  status: "success",
});

const run = async (subRequests: SubRequest[], parent: SandboxRequest, ctx: SandboxContext, stopOnFailure: boolean) => {
  const answers = new Map<string, unknown>();
  const responses: SandboxResponse[] = [];
  for (const sub of subRequests) {
    const response = await dispatch(asRequest(fillReferences(sub, answers), parent), ctx);
    responses.push(response);
    if (sub.sub_request_id) answers.set(sub.sub_request_id, response.body);
    if (stopOnFailure && failed(response)) break;
  }
  return responses;
};

export const routes: Route[] = [
  crmRoute("POST", COMPOSITE_PATH, { scopes: ["ZohoCRM.composite_requests.CUSTOM"], write: true }, async (req, ctx) => {
    const { rollbackOnFail, subRequests } = readCompositeBody(req.json);
    if (!rollbackOnFail) {
      const responses = await run(subRequests, req, ctx, false);
      return ok({ __composite_requests: responses.map(executed) }, responses.some(failed) ? 207 : 200);
    }
    const { scratch, keep } = scratchOf(ctx.state);
    const responses = await run(subRequests, req, { ...ctx, state: scratch }, true);
    const failedAt = responses.findIndex(failed);
    if (failedAt < 0) {
      keep();
      return ok({ __composite_requests: responses.map(executed) });
    }
    const answers = subRequests.map((_, index) => {
      if (index === failedAt) return executed(responses[index]);
      if (index < failedAt) {
        return {
          code: "ROLLBACK_PERFORMED",
          details: { rollbacked_by_sub_request_index: failedAt },
          message: "rollback performed",
          status: "error",
        };
      }
      return { code: "PROCESSING_STOPPED", details: {}, message: "processing stopped", status: "error" };
    });
    return ok({ __composite_requests: answers }, 207);
  }),
];
