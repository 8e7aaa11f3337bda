/**
 * Bulk read: `POST /crm/bulk/v8/read` queues an export of one page (200,000 records) of a module,
 * `GET /crm/bulk/v8/read/{job_id}` reports it, `.../result` downloads a ZIP holding `<job_id>.csv`.
 * The page is taken when the job completes; tests shrink it with `state.crm.bulkReadPageSize`.
 */
import { scopeMismatch } from "../../apiErrors";
import { ok, recordStatus, zohoTime } from "../../respond";
import { hasScope } from "../../scopes";
import { crmSlice, type CrmModule, type CrmRecord, type SandboxState } from "../../state";
import type { Handler, Route } from "../../types";
import { zipCsv } from "./bulkCsv";
import { compileBulkCriteria } from "./bulkCriteria";
import { advanceJob, fail, jobFor, jobNotFound, newJob, readCallback, scheduleCallback, zipAnswer, type BulkJob } from "./bulkJobs";
import { findField, lookupId } from "../records/compare";
import { answering } from "../crmFailure";

const PAGE_SIZE = 200_000;
/** The CSV's first column, which Zoho adds to every export. */
const ID_COLUMN = "Id";

interface ReadJob extends BulkJob {
  module: CrmModule;
  /** Fields as asked; undefined exports them all. */
  fields?: string[];
  criteria?: unknown;
  matches: (record: CrmRecord) => boolean;
  page: number;
  perPage: number;
  result?: { records: CrmRecord[]; moreRecords: boolean };
}

declare module "../../state" {
  interface CrmSlices {
    bulkReadJobs: Map<string, ReadJob>;
  }
  interface CrmSettings {
    /** Records per page of a bulk read's result (default 200,000). */
    bulkReadPageSize: number;
  }
}

// Jobs finish through their own closures and timers: live, a rollback does not copy them.
const jobs = crmSlice("bulkReadJobs", () => new Map<string, ReadJob>(), { live: true });

const create: Handler = answering((req, { state }) => {
  const body = req.json;
  if (!body || typeof body !== "object") throw fail("REQUEST_BODY_IS_EMPTY", "the request body is empty");
  const query = body.query ?? {};
  const module = readModule(state, query.module);
  // The module scope comes on top of the bulk scope the route checks.
  if (!hasScope(req.token?.scopes ?? [], [`ZohoCRM.modules.${module.api_name}.READ`])) return scopeMismatch("crm");
  // The sandbox keeps no custom views.
  if (query.cvid !== undefined && query.cvid !== null) throw fail("CVID_NOT_SUPPORTED", "custom views are not supported here", { cvid: query.cvid });
  const page = query.page ?? 1;
  if (!Number.isInteger(page) || page < 1) throw fail("INVALID_REQUEST", "page must be a positive integer", { api_name: "page" });
  if (body.file_type !== undefined && body.file_type !== "csv") {
    throw fail("NOT_SUPPORTED_FEATURE", "only csv exports are available", { api_name: "file_type" });
  }
  const job: ReadJob = {
    ...newJob(state, req, readCallback(body.callback)),
    module,
    fields: readFields(query.fields, module),
    criteria: query.criteria,
    matches: query.criteria === undefined ? () => true : compileBulkCriteria(query.criteria, module),
    page,
    perPage: state.crm.bulkReadPageSize ?? PAGE_SIZE,
    complete: () => takePage(state, job),
  };
  jobs(state).set(job.id, job);
  const added = recordStatus(true, "ADDED_SUCCESSFULLY", "Added successfully.", {
    id: job.id,
    operation: "read",
    state: job.state,
    created_by: job.createdBy,
    created_time: zohoTime(job.createdAt),
  });
  advanceJob(state, job, { poll: false });
  scheduleCallback(state, job, (done) => ({ job_id: done.id, ...describe(done as ReadJob) }));
  return ok({ data: [added], info: {} }, 201);
});

/** `{api_name}` (or, as older calls send it, the bare name) of a module bulk read can export. */
const readModule = (state: SandboxState, value: unknown): CrmModule => {
  const name = typeof value === "string" ? value : (value as { api_name?: unknown } | undefined)?.api_name;
  if (typeof name !== "string") throw fail("MANDATORY_NOT_FOUND", "required field not found", { api_name: "module", json_path: "$.query.module" });
  const module = state.crm.modules.get(name);
  if (!module) throw fail("MODULE_NOT_AVAILABLE", `the module ${name} is not available`, { api_name: "module", module: name });
  if (!module.api_supported) throw fail("MODULE_NOT_SUPPORTED", `bulk read does not support ${name}`, { module: name });
  return module;
};

/** The fields to export, or undefined for all of them; `id` is always the first column anyway. */
const readFields = (value: unknown, module: CrmModule): string[] | undefined => {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return undefined;
  if (!Array.isArray(value) || !value.every((f) => typeof f === "string")) {
    throw fail("INVALID_REQUEST", "fields must be a list of field API names", { api_name: "fields" });
  }
  for (const name of value) {
    // Lookup columns (Account_Name.Phone) are not exported by the sandbox.
    if (name.includes(".")) throw fail("FIELD_NOT_SUPPORTED", `the field ${name} is not supported`, { api_name: name });
    if (!findField(module, name)) throw fail("FIELD_NOT_AVAILABLE", `the field ${name} is not available`, { api_name: name, module: module.api_name });
  }
  return [...new Set(value.filter((name) => name !== "id"))];
};

const takePage = (state: SandboxState, job: ReadJob): void => {
  const found: CrmRecord[] = [];
  const start = (job.page - 1) * job.perPage;
  let matched = 0;
  for (const record of state.crm.records.get(job.module.api_name)?.values() ?? []) {
    if (!job.matches(record)) continue;
    if (matched >= start && found.length < job.perPage) found.push(record);
    matched += 1;
  }
  job.result = { records: found, moreRecords: matched > start + job.perPage };
};

const describe = (job: ReadJob) => ({
  id: job.id,
  operation: "read",
  state: job.state,
  query: {
    module: { api_name: job.module.api_name, id: job.module.id },
    ...(job.fields ? { fields: job.fields } : {}),
    ...(job.criteria !== undefined ? { criteria: job.criteria } : {}),
    page: job.page,
  },
  created_by: job.createdBy,
  created_time: zohoTime(job.createdAt),
  file_type: "csv",
  ...(job.callback ? { callback: job.callback } : {}),
  ...(job.result
    ? {
        result: {
          page: job.page,
          count: job.result.records.length,
          download_url: `/crm/bulk/v8/read/${job.id}/result`,
          per_page: job.perPage,
          more_records: job.result.moreRecords,
        },
      }
    : {}),
});

const details: Handler = (req, { state }) => {
  const job = jobFor(jobs(state), req);
  if (!job) return jobNotFound(404);
  advanceJob(state, job, { poll: true });
  return ok({ data: [describe(job)] });
};

const download: Handler = (req, { state }) => {
  const job = jobFor(jobs(state), req);
  if (!job) return jobNotFound();
  advanceJob(state, job, { poll: false });
  if (!job.result) return jobNotFound();
  const columns = job.fields ?? job.module.fields.map((f) => f.api_name).filter((name) => name !== "id");
  const rows = (function* () {
    for (const record of job.result?.records ?? []) yield [record.id, ...columns.map((c) => csvValue(record[c]))];
  })();
  return zipAnswer(job, zipCsv(`${job.id}.csv`, [ID_COLUMN, ...columns], rows));
};

/** Lookups export their id, multi-selects join with ';', empty values stay empty. */
const csvValue = (value: unknown): string => {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(csvValue).join(";");
  if (typeof value === "object") return lookupId(value) ?? JSON.stringify(value);
  return String(value);
};

const BULK_READ = ["ZohoCRM.bulk.READ"];

export const routes: Route[] = [
  { method: "POST", pattern: "/crm/bulk/v8/read", api: "crm", scopes: BULK_READ, handler: create },
  { method: "GET", pattern: "/crm/bulk/v8/read/:job_id", api: "crm", scopes: BULK_READ, handler: details },
  { method: "GET", pattern: "/crm/bulk/v8/read/:job_id/result", api: "crm", scopes: BULK_READ, handler: download },
];
