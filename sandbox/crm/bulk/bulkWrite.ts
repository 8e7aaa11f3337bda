/**
 * Bulk write: `POST /crm/bulk/v8/write` queues the rows of an uploaded CSV (bulkUpload.ts) for
 * insert, update or upsert into one module; `GET /crm/bulk/v8/write/{job_id}` reports the job, and
 * its `result.download_url` serves a ZIP whose CSV repeats each row with RECORD_ID, STATUS and
 * ERRORS. Rows go through the same checks and storage as record writes when the job completes.
 */
import { scopeMismatch } from "../../apiErrors";
import { dataCenter } from "../../dataCenters";
import { ok, zohoTime } from "../../respond";
import { hasScope } from "../../scopes";
import { crmSlice, type CrmField, type CrmModule, type CrmRecord, type SandboxState } from "../../state";
import type { Handler, Route, SandboxRequest } from "../../types";
import { zipCsv } from "./bulkCsv";
import { advanceJob, fail, jobFor, jobNotFound, newJob, readCallback, scheduleCallback, zipAnswer, type BulkJob } from "./bulkJobs";
import { uploadedFiles, type UploadedFile } from "./bulkUpload";
import { CrmFailure, answering } from "../crmFailure";
import { checkUnique, holderOf, readEntry } from "../records/recordValues";
import { insertRecord, updateRecord } from "../records/writes";

export const MAX_ROWS_PER_FILE = 25_000;

type Operation = "insert" | "update" | "upsert";

interface Mapping {
  api_name: string;
  index?: number;
  find_by?: string;
  default_value?: { value?: unknown; name?: unknown };
}

interface WriteJob extends BulkJob {
  operation: Operation;
  characterEncoding: string;
  ignoreEmpty: boolean;
  module: CrmModule;
  file: UploadedFile;
  mappings: Mapping[];
  findBy?: string;
  result?: { added: number; updated: number; skipped: number; zip: Buffer };
}

const OPERATIONS: Operation[] = ["insert", "update", "upsert"];

declare module "../../state" {
  interface CrmSlices {
    bulkWriteJobs: Map<string, WriteJob>;
  }
}

// Jobs finish through their own closures and timers: live, a rollback does not copy them.
const jobs = crmSlice("bulkWriteJobs", () => new Map<string, WriteJob>(), { live: true });

const create: Handler = answering((req, { state }) => {
  const job = readJob(req, state);
  // The module scope comes on top of the bulk scope the route checks.
  const action = job.operation === "update" ? "UPDATE" : "CREATE";
  if (!hasScope(req.token?.scopes ?? [], [`ZohoCRM.modules.${job.module.api_name}.${action}`])) return scopeMismatch("crm");
  jobs(state).set(job.id, job);
  advanceJob(state, job, { poll: false });
  scheduleCallback(state, job, (done) => describe(state, done as WriteJob));
  return ok({ status: "success", code: "SUCCESS", message: "success", details: { id: job.id, created_by: job.createdBy } }, 201);
});

const readJob = (req: SandboxRequest, state: SandboxState): WriteJob => {
  const body = (req.json ?? {}) as Record<string, any>;
  if (body.operation === undefined) throw fail("MANDATORY_NOT_FOUND", "required field not found", { api_name: "operation", json_path: "$.operation" });
  if (!OPERATIONS.includes(body.operation)) throw fail("INVALID_DATA", "invalid data", { api_name: "operation", json_path: "$.operation" });
  const operation = body.operation as Operation;
  if (!Array.isArray(body.resource) || body.resource.length === 0) {
    throw fail("MANDATORY_NOT_FOUND", "required field not found", { api_name: "resource", json_path: "$.resource" });
  }
  // Zoho takes several resources for parent and subform files; the sandbox's modules have no subforms.
  if (body.resource.length > 1) throw fail("INVALID_DATA", "one resource per job", { api_name: "resource", json_path: "$.resource" });
  const resource = body.resource[0] ?? {};
  if (resource.type !== "data") throw fail("INVALID_DATA", "invalid data", { api_name: "type", json_path: "$.resource[0].type" });
  const moduleName = resource.module?.api_name ?? resource.module;
  const module = typeof moduleName === "string" ? state.crm.modules.get(moduleName) : undefined;
  if (!module?.api_supported) {
    throw fail("MODULE_NOT_AVAILABLE", `Requested module '${String(moduleName)}' is not available.`, { api_name: "module", json_path: "$.resource[0].module" });
  }
  const file = uploadedFiles(state).get(String(resource.file_id));
  if (!file || file.dc !== req.dc) throw fail("INVALID_FILE_ID", "improper file id", { api_name: "file_id", json_path: "$.resource[0].file_id" });
  if (file.csv.rows.length > MAX_ROWS_PER_FILE) {
    throw fail("LIMIT_EXCEEDED", `a file can hold at most ${MAX_ROWS_PER_FILE} records`, { limit: MAX_ROWS_PER_FILE });
  }
  const mappings = readMappings(resource.field_mappings, module, file);
  const findBy = readFindBy(operation, resource.find_by, module, mappings);
  if (operation !== "update") requireMandatory(module, mappings);
  const job: WriteJob = {
    ...newJob(state, req, readCallback(body.callback)),
    operation,
    characterEncoding: typeof body.character_encoding === "string" ? body.character_encoding : "UTF-8",
    ignoreEmpty: body.ignore_empty === true,
    module,
    file,
    mappings,
    findBy,
    complete: () => applyRows(state, job),
  };
  return job;
};

/** Without field_mappings, columns whose header is a field API name map to that field. */
const readMappings = (value: unknown, module: CrmModule, file: UploadedFile): Mapping[] => {
  const fieldOrId = (name: string) => name === "id" || module.fields.some((f) => f.api_name === name);
  if (value === undefined || value === null) {
    return file.csv.header.map((name, index) => ({ api_name: name, index })).filter((m) => fieldOrId(m.api_name));
  }
  if (!Array.isArray(value)) throw fail("INVALID_DATA", "invalid data", { api_name: "field_mappings", json_path: "$.resource[0].field_mappings" });
  return value.map((mapping: Mapping, i) => {
    const apiName = mapping?.api_name;
    if (typeof apiName !== "string" || !fieldOrId(apiName)) {
      throw fail("INVALID_FIELD", `invalid mapping. invalid api_name ${String(apiName)}.`, { api_name: String(apiName) });
    }
    if (mapping.index === undefined && mapping.default_value === undefined) {
      throw fail("MANDATORY_NOT_FOUND", `required key index for field ${apiName} is not found in request body.`, {
        api_name: "index",
        json_path: `$.resource[0].field_mappings[${i}].index`,
      });
    }
    if (mapping.index !== undefined && (!Number.isInteger(mapping.index) || mapping.index < 0 || mapping.index >= file.csv.header.length)) {
      throw fail("COLUMN_INDEX_NOT_FOUND", `the column index ${String(mapping.index)} is not in the file`, { api_name: apiName, index: mapping.index });
    }
    return mapping;
  });
};

/** update and upsert find the record by `id`, a unique field or a duplicate-check field, which must be mapped. */
const readFindBy = (operation: Operation, value: unknown, module: CrmModule, mappings: Mapping[]): string | undefined => {
  if (operation === "insert") return undefined;
  if (value === undefined || value === null) {
    throw fail("MANDATORY_NOT_FOUND", "required field not found", { api_name: "find_by", json_path: "$.resource[0].find_by" });
  }
  const unique =
    value === "id" || (module.duplicate_check_fields ?? []).includes(value as string) || module.fields.some((f) => f.api_name === value && f.unique);
  if (typeof value !== "string" || !unique || !mappings.some((m) => m.api_name === value)) {
    throw fail("INVALID_DATA", "invalid data", { api_name: "find_by", json_path: "$.resource[0].find_by" });
  }
  return value;
};

const requireMandatory = (module: CrmModule, mappings: Mapping[]): void => {
  const unmapped = module.fields.filter((f) => f.system_mandatory && !mappings.some((m) => m.api_name === f.api_name));
  if (unmapped.length > 0) {
    throw fail("MANDATORY_FIELDS_NOT_MAPPED", "All mandatory fields are not mapped for the layout", {
      api_names: unmapped.map((f) => f.api_name),
    });
  }
};

type RowStatus = "ADDED" | "UPDATED" | "SKIPPED";

const COUNTED_AS = { ADDED: "added", UPDATED: "updated", SKIPPED: "skipped" } as const;

const applyRows = (state: SandboxState, job: WriteJob): void => {
  const counts = { added: 0, updated: 0, skipped: 0 };
  const outcomes = job.file.csv.rows.map((row, index) => {
    const outcome = applyRow(state, job, row, index);
    counts[COUNTED_AS[outcome.status]] += 1;
    return [...row, outcome.id ?? "", outcome.status, outcome.errors];
  });
  const name = `${job.module.api_name}-${job.file.csv.name.replace(/\.csv$/i, "")}.csv`;
  job.result = { ...counts, zip: zipCsv(name, [...job.file.csv.header, "RECORD_ID", "STATUS", "ERRORS"], outcomes) };
};

const applyRow = (state: SandboxState, job: WriteJob, row: string[], index: number): { id?: string; status: RowStatus; errors: string } => {
  const ctx = { state, module: job.module, index };
  const column = (apiName: string) => {
    const mapping = job.mappings.find((m) => m.api_name === apiName);
    return mapping?.index !== undefined ? job.file.csv.header[mapping.index] : apiName;
  };
  try {
    const entry = rowEntry(state, job, row);
    const target = job.findBy ? findTarget(state, job, entry[job.findBy]) : undefined;
    if (job.operation === "update" && !target) {
      return { status: "SKIPPED", errors: `RESOURCE_NOT_FOUND-${column(job.findBy as string)}` };
    }
    delete entry.id;
    const values = readEntry(ctx, entry, target ? "update" : "insert");
    checkUnique(ctx, values, target?.id);
    if (target) return { id: updateRecord(state, job.module.api_name, target, values).id, status: "UPDATED", errors: "" };
    return { id: insertRecord(state, job.module.api_name, values).id, status: "ADDED", errors: "" };
  } catch (e) {
    if (!(e instanceof CrmFailure)) throw e;
    const apiName = typeof e.details.api_name === "string" ? e.details.api_name : "";
    return { status: "SKIPPED", errors: `${e.code}-${column(apiName)}` };
  }
};

/** A row as a record-write entry: CSV text turned into the JSON types the fields take. */
const rowEntry = (state: SandboxState, job: WriteJob, row: string[]): Record<string, unknown> => {
  const entry: Record<string, unknown> = {};
  for (const mapping of job.mappings) {
    let raw = mapping.index !== undefined ? (row[mapping.index] ?? "") : "";
    if (raw === "" && mapping.default_value) raw = String(mapping.default_value.value ?? mapping.default_value.name ?? "");
    if (raw === "") {
      // An empty cell clears the field on update, unless the job says to ignore empty cells.
      if (job.operation !== "insert" && !job.ignoreEmpty && mapping.api_name !== "id") entry[mapping.api_name] = null;
      continue;
    }
    const field = job.module.fields.find((f) => f.api_name === mapping.api_name);
    entry[mapping.api_name] = field ? typed(state, field, raw, mapping.find_by) : raw;
  }
  return entry;
};

const typed = (state: SandboxState, field: CrmField, raw: string, findBy?: string): unknown => {
  switch (field.data_type) {
    case "integer":
    case "double":
    case "currency":
      return raw.trim() !== "" && Number.isFinite(Number(raw)) ? Number(raw) : raw;
    case "boolean":
      return /^(true|false)$/i.test(raw) ? raw.toLowerCase() === "true" : raw;
    case "multiselectpicklist":
      return raw.split(";").map((v) => v.trim());
    case "lookup": {
      // A lookup column holds the target's id, or the value of the field its mapping's find_by names.
      const target = field.lookup?.module.api_name;
      if (!findBy || findBy === "id" || !target) return raw;
      return holderOf(state.crm.records.get(target)?.values() ?? [], findBy, raw)?.id ?? raw;
    }
    default:
      return raw;
  }
};

const findTarget = (state: SandboxState, job: WriteJob, value: unknown): CrmRecord | undefined => {
  const records = state.crm.records.get(job.module.api_name);
  if (job.findBy === "id") return typeof value === "string" ? records?.get(value) : undefined;
  return holderOf(records?.values() ?? [], job.findBy as string, value);
};

/**
 * Zoho serves results from its download host, outside the API domain; the path names the org's zgid.
 * The host follows the API domain's country suffix (download-accl.zoho.com, .eu, ...).
 */
const downloadUrl = (state: SandboxState, job: WriteJob): string => {
  const suffix = new URL(dataCenter(job.dc).apiDomain).hostname.replace(/^www\.zohoapis\./, "");
  return `https://download-accl.zoho.${suffix}/v2/crm/${String(state.org.zgid)}/bulk-write/${job.id}/${job.id}.zip`;
};

const describe = (state: SandboxState, job: WriteJob) => {
  const done = job.result;
  return {
    status: job.state,
    character_encoding: job.characterEncoding,
    resource: [
      {
        status: job.state,
        type: "data",
        module: { api_name: job.module.api_name, id: job.module.id },
        field_mappings: job.mappings.map(({ api_name, index, find_by, default_value }) => ({
          api_name,
          ...(index !== undefined ? { index } : {}),
          ...(find_by ? { find_by } : {}),
          ...(default_value ? { default_value } : {}),
        })),
        ...(job.findBy ? { find_by: job.findBy } : {}),
        file_id: job.file.id,
        ...(done
          ? {
              file: {
                status: "COMPLETED",
                name: job.file.csv.name,
                added_count: done.added,
                skipped_count: done.skipped,
                updated_count: done.updated,
                total_count: job.file.csv.rows.length,
              },
              code: "COMPLETED",
            }
          : {}),
      },
    ],
    id: job.id,
    ...(job.callback ? { callback: job.callback } : {}),
    ...(done ? { result: { download_url: downloadUrl(state, job) } } : {}),
    created_by: job.createdBy,
    ignore_empty: job.ignoreEmpty,
    operation: job.operation,
    created_time: zohoTime(job.createdAt),
  };
};

const details: Handler = (req, { state }) => {
  const job = jobFor(jobs(state), req);
  if (!job) return jobNotFound();
  advanceJob(state, job, { poll: true });
  return ok(describe(state, job));
};

const download: Handler = (req, { state }) => {
  const job = jobFor(jobs(state), req);
  if (!job || req.params.file !== `${job.id}.zip` || req.params.org !== String(state.org.zgid)) return jobNotFound();
  advanceJob(state, job, { poll: false });
  if (!job.result) return jobNotFound();
  return zipAnswer(job, job.result.zip);
};

const BULK_WRITE = ["ZohoCRM.bulk.CREATE"];

export const routes: Route[] = [
  { method: "POST", pattern: "/crm/bulk/v8/write", api: "crm", scopes: BULK_WRITE, handler: create },
  { method: "GET", pattern: "/crm/bulk/v8/write/:job_id", api: "crm", scopes: BULK_WRITE, handler: details },
  { method: "GET", pattern: "/v2/crm/:org/bulk-write/:job_id/:file", api: "crm", scopes: BULK_WRITE, handler: download },
];
