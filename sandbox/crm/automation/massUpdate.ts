/**
 * Mass update: POST /{module}/actions/mass_update sets the same field values on records named by `ids`
 * (at most 500, applied at once) or by a custom view `cvid` (at most 50,000, run as a background job that
 * is SCHEDULED, then RUNNING, then COMPLETED on later status reads); GET ?job_id= reports the job's counts.
 * Records gone since the call count as not updated; a record whose blueprint runs on the field being
 * changed fails (Zoho moves such records only through their blueprint). Shapes follow record.json's
 * mass update (mass_update.json's own schemas are placeholders; see test/contract/overlay.ts).
 */
import { ok, recordStatus } from "../../respond";
import { crmSlice, type CrmModule, type CrmRecord, type SandboxState } from "../../state";
import type { Route, SandboxRequest } from "../../types";
import { blueprintOf } from "./blueprint";
import { CrmFailure } from "../crmFailure";
import { crmRoute } from "../crmRoute";
import { moduleNamed } from "../records/parents";
import { readEntry } from "../records/recordValues";
import { callerOf, dataEntries, updateRecord, type MinifiedUser } from "../records/writes";

export const MAX_MASS_UPDATE_IDS = 500;
export const MAX_MASS_UPDATE_VIEW = 50_000;

interface Job {
  id: string;
  module: string;
  ids: string[];
  values: Record<string, unknown>;
  by: MinifiedUser;
  status: "SCHEDULED" | "RUNNING" | "COMPLETED";
  counts: { Updated_Count: number; Not_Updated_Count: number; Failed_Count: number; Total_Count: number };
}

interface Slice {
  jobs: Map<string, Job>;
  /** Custom views tests add: id -> module and the records it shows. */
  views: Map<string, { module: string; shows: (record: CrmRecord) => boolean }>;
}

declare module "../../state" {
  interface CrmSlices {
    massUpdate: Slice;
  }
}

const slice = crmSlice("massUpdate", (): Slice => ({ jobs: new Map(), views: new Map() }));

/** Adds a custom view showing the records `shows` accepts; returns its id (tests). */
export const addCustomView = (state: SandboxState, module: string, shows: (record: CrmRecord) => boolean): string => {
  const id = state.nextId();
  slice(state).views.set(id, { module, shows });
  return id;
};

/** The records a custom view shows: a view tests added, or the module's "All" view (metadataShapes' id). */
const viewRecords = (state: SandboxState, module: CrmModule, cvid: string): CrmRecord[] => {
  const records = [...(state.crm.records.get(module.api_name)?.values() ?? [])];
  if (cvid === `${module.id}0`) return records;
  const view = slice(state).views.get(cvid);
  if (!view || view.module !== module.api_name) throw new CrmFailure("INVALID_DATA", "the given cvid is invalid", { param_name: "cvid" });
  return records.filter(view.shows);
};

/** Whether the record runs in a blueprint over `field`: its value is one of the process's states. */
const inBlueprintOn = (state: SandboxState, record: CrmRecord, module: string, values: Record<string, unknown>): boolean => {
  const blueprint = blueprintOf(state, module);
  if (!blueprint || !(blueprint.field in values)) return false;
  return blueprint.transitions.some((t) => t.to === record[blueprint.field] || t.from.includes(String(record[blueprint.field])));
};

const run = (state: SandboxState, job: Job): void => {
  const records = state.crm.records.get(job.module);
  const counts = { Updated_Count: 0, Not_Updated_Count: 0, Failed_Count: 0, Total_Count: job.ids.length };
  for (const id of job.ids) {
    const record = records?.get(id);
    if (!record) counts.Not_Updated_Count++;
    else if (inBlueprintOn(state, record, job.module, job.values)) counts.Failed_Count++;
    else {
      updateRecord(state, job.module, record, job.values, job.by);
      counts.Updated_Count++;
    }
  }
  job.counts = counts;
  job.status = "COMPLETED";
};

const schedule = (state: SandboxState, req: SandboxRequest) => {
  const module = moduleNamed(state, req.params.module);
  const body = (req.json ?? {}) as { ids?: unknown; cvid?: unknown };
  const [entry] = dataEntries(req.json, 1);
  const values = readEntry({ state, module, index: 0 }, entry, "update");
  if (Object.keys(values).length === 0) throw new CrmFailure("MANDATORY_NOT_FOUND", "required field not found", { api_name: "data", json_path: "$.data[0]" });
  let ids: string[];
  if (body.ids !== undefined) {
    if (!Array.isArray(body.ids) || body.ids.length === 0) throw new CrmFailure("INVALID_DATA", "invalid data", { api_name: "ids", json_path: "$.ids" });
    if (body.ids.length > MAX_MASS_UPDATE_IDS) throw new CrmFailure("LIMIT_EXCEEDED", "limit exceeded", { api_name: "ids", limit: MAX_MASS_UPDATE_IDS });
    ids = body.ids.map(String);
  } else if (body.cvid !== undefined) {
    ids = viewRecords(state, module, String(body.cvid)).map((r) => r.id);
    if (ids.length === 0) throw new CrmFailure("NO_RECORDS_FOUND", "no records found in the custom view", {});
    if (ids.length > MAX_MASS_UPDATE_VIEW) throw new CrmFailure("LIMIT_EXCEEDED", "Record count exceeded", { limit: MAX_MASS_UPDATE_VIEW });
  } else {
    throw new CrmFailure("MANDATORY_NOT_FOUND", "mandatory param missing", { param_name: "ids" });
  }
  const job: Job = {
    id: state.nextId(),
    module: module.api_name,
    ids,
    values,
    by: callerOf(state, req),
    status: "SCHEDULED",
    counts: { Updated_Count: 0, Not_Updated_Count: 0, Failed_Count: 0, Total_Count: ids.length },
  };
  slice(state).jobs.set(job.id, job);
  // Records named by id are updated at once; a view's records in the background.
  if (body.ids !== undefined) run(state, job);
  return ok({ data: [recordStatus(true, "SUCCESS", "mass update scheduled successfully", { job_id: job.id })] });
};

const status = (state: SandboxState, req: SandboxRequest) => {
  const module = moduleNamed(state, req.params.module);
  const id = req.query.get("job_id");
  if (!id) throw new CrmFailure("REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", { param_name: "job_id" });
  const job = slice(state).jobs.get(id);
  if (!job || job.module !== module.api_name) throw new CrmFailure("INVALID_DATA", "given id is invalid", { param_name: "job_id" });
  const answer = { data: [{ Status: job.status, ...job.counts }] };
  // Each status read moves a background job on, so a poller sees SCHEDULED, RUNNING, then COMPLETED.
  if (job.status === "SCHEDULED") job.status = "RUNNING";
  else if (job.status === "RUNNING") run(state, job);
  return ok(answer);
};

export const routes: Route[] = [
  crmRoute(
    "POST",
    "/crm/v8/:module/actions/mass_update",
    { scopes: ["ZohoCRM.mass_update.{module}.UPDATE", "ZohoCRM.mass_update.ALL"], write: true },
    (req, ctx) => schedule(ctx.state, req),
  ),
  crmRoute("GET", "/crm/v8/:module/actions/mass_update", { scopes: ["ZohoCRM.mass_update.{module}.READ", "ZohoCRM.mass_update.ALL"] }, (req, ctx) =>
    status(ctx.state, req),
  ),
];
