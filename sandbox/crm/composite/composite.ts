/**
 * POST /crm/v8/__composite_requests: up to five CRM calls in one, run in order through the same
 * routes (auth and scopes included) as direct calls. Each sub-request's answer comes back under
 * details.response; 207 when any of them failed. With rollback_on_fail the batch runs against a
 * copy of the CRM data, kept (and its write events sent) only when every sub-request succeeded.
 */
import { EventEmitter } from "node:events";
import { ok } from "../../respond";
import { crmSlices, type CrmSlices, type SandboxState } from "../../state";
import type { Route, SandboxContext, SandboxRequest, SandboxResponse } from "../../types";
import { COMPOSITE_PATH, fillReferences, readCompositeBody, type SubRequest } from "./compositeRequest";
import { crmRoute } from "../crmRoute";

/**
 * How a sub-request runs: routing, auth and the handler, without limits, faults or logging. The
 * server passes it in when it builds its routes, so this module does not import the server back.
 */
export type Dispatch = (req: SandboxRequest, ctx: SandboxContext) => Promise<SandboxResponse>;

/** Deep copy of plain data (Maps, Sets, arrays, objects); Buffers, functions and other instances are shared, never mutated. */
const copyData = <T>(value: T): T => {
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, copyData(v)])) as T;
  if (value instanceof Set) return new Set([...value].map(copyData)) as T;
  if (Array.isArray(value)) return value.map(copyData) as T;
  if (value && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyData(v)])) as T;
  }
  return value;
};

/**
 * A copy of the state for a batch that may be undone; `keep` moves its data and write events into
 * the real state. The copy holds the records and every registered CRM slice (crmSlice in state.ts)
 * that is not live; live slices (timers, deliveries, bulk jobs) are the real state's own. Calls
 * that write while the batch runs are overwritten by `keep`: batches are short.
 */
export const scratchOf = (state: SandboxState) => {
  const slices = crmSlices();
  // A live slice made during the batch must land in the real state: make each one there first.
  for (const slice of slices) if (slice.live) slice.of(state);
  const copied = slices.filter((slice) => !slice.live).map((slice) => slice.name);
  const real: Partial<CrmSlices> = state.crm;
  const scratch: SandboxState = {
    ...state,
    nextId: () => state.nextId(),
    writeLog: [],
    events: new EventEmitter(),
    crm: { ...state.crm, records: copyData(state.crm.records) },
  };
  const copy: Partial<CrmSlices> = scratch.crm;
  const copyInto = <K extends keyof CrmSlices>(from: Partial<CrmSlices>, to: Partial<CrmSlices>, name: K, deep: boolean) => {
    const value = from[name];
    if (value !== undefined) to[name] = deep ? copyData(value) : value;
  };
  for (const name of copied) copyInto(real, copy, name, true);
  const keep = () => {
    // Refill the real records map in place: other code may hold it.
    state.crm.records.clear();
    scratch.crm.records.forEach((records, module) => state.crm.records.set(module, records));
    for (const name of copied) copyInto(copy, real, name, false);
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

const run = async (dispatch: Dispatch, subRequests: SubRequest[], parent: SandboxRequest, ctx: SandboxContext, stopOnFailure: boolean) => {
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

export const compositeRoutes = (dispatch: Dispatch): Route[] => [
  crmRoute("POST", COMPOSITE_PATH, { scopes: ["ZohoCRM.composite_requests.CUSTOM"], write: true }, async (req, ctx) => {
    const { rollbackOnFail, subRequests } = readCompositeBody(req.json);
    if (!rollbackOnFail) {
      const responses = await run(dispatch, subRequests, req, ctx, false);
      return ok({ __composite_requests: responses.map(executed) }, responses.some(failed) ? 207 : 200);
    }
    const { scratch, keep } = scratchOf(ctx.state);
    const responses = await run(dispatch, subRequests, req, { ...ctx, state: scratch }, true);
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
