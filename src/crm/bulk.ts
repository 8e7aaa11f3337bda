/**
 * CRM bulk jobs: the way past the records API's 100,000-record cap and its per-call credits.
 * Reads: create a job, wait for it, download a ZIP holding one CSV, next page of the job.
 * Writes: CSV zipped and uploaded (at most 25,000 rows a file), a job per file, per-row outcomes.
 */
// The ZIP and CSV libraries load on first use: only bulk steps need them, and every step pays for
// what the bundle runs when it loads (measured with `npm run bench`).
const fflate = (): typeof import("fflate") => require("fflate");
const csvParse = (): typeof import("csv-parse/sync") => require("csv-parse/sync");
const csvStringify = (): typeof import("csv-stringify/sync") => require("csv-stringify/sync");
import type { ZohoClient } from "../http/client";
import { ZohoError } from "../http/errors";

export const BULK_READ_PAGE = 200_000;
export const BULK_WRITE_FILE_ROWS = 25_000;

/** How long to wait between job polls: doubles from the first delay up to the maximum. */
export const bulkPolling = { firstDelayMs: 1_000, maxDelayMs: 15_000, timeoutMs: 30 * 60_000 };
export const configureBulkPolling = (settings: Partial<typeof bulkPolling>) => Object.assign(bulkPolling, settings);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Log = (message: string) => void;

/** Poll a job until Zoho says COMPLETED; FAILED or a timeout ends with an error naming the job. */
export const waitForJob = async (client: ZohoClient, kind: "read" | "write", jobId: string, log: Log = () => undefined): Promise<Record<string, any>> => {
  const started = Date.now();
  for (let delay = bulkPolling.firstDelayMs, polls = 1; ; delay = Math.min(delay * 2, bulkPolling.maxDelayMs), polls += 1) {
    const response = await client.request({ api: "bulk", path: `/${kind}/${jobId}` });
    const job = kind === "read" ? response.data?.data?.[0] : response.data;
    const state = job?.state ?? job?.status;
    log(`Bulk ${kind} job ${jobId}: ${state} (poll ${polls}, ${Math.round((Date.now() - started) / 1000)} s)`);
    if (state === "COMPLETED") return job;
    if (state === "FAILED") throw new ZohoError(`Zoho's bulk ${kind} job ${jobId} failed: ${JSON.stringify(job?.result ?? job)}`, { code: "FAILED" });
    if (Date.now() - started > bulkPolling.timeoutMs)
      throw new ZohoError(`Zoho's bulk ${kind} job ${jobId} did not finish in ${bulkPolling.timeoutMs / 60_000} minutes; check it later with Get Bulk Job.`);
    await sleep(delay);
  }
};

/** The one CSV inside a bulk result ZIP. */
export const csvFromZip = (zip: ArrayBuffer | Buffer): string => {
  const files = fflate().unzipSync(new Uint8Array(zip as ArrayBuffer));
  const name = Object.keys(files).find((f) => f.toLowerCase().endsWith(".csv"));
  if (!name) throw new ZohoError("Zoho's bulk result holds no CSV file.");
  return Buffer.from(files[name]).toString("utf8");
};

/** Read results are a path on the API domain; write results an absolute URL on Zoho's download host. */
const download = async (client: ZohoClient, downloadUrl: string): Promise<Buffer> => {
  const response = await client.request<ArrayBuffer>({ api: "download", path: downloadUrl, responseType: "arraybuffer" });
  return Buffer.from(response.data);
};

export interface BulkReadQuery {
  module: string;
  fields?: string[];
  criteria?: unknown;
}

export interface BulkReadPage {
  jobId: string;
  page: number;
  count: number;
  moreRecords: boolean;
  csv: string;
}

/** One job per page of 200,000 records, following more_records. */
export async function* bulkReadPages(
  client: ZohoClient,
  query: BulkReadQuery,
  log: Log = () => undefined,
  maxPages = Number.POSITIVE_INFINITY,
): AsyncGenerator<BulkReadPage> {
  for (let page = 1; page <= maxPages; page += 1) {
    const created = await client.request({
      api: "bulk",
      method: "POST",
      path: "/read",
      data: {
        query: {
          module: { api_name: query.module },
          ...(query.fields?.length ? { fields: query.fields } : {}),
          ...(query.criteria ? { criteria: query.criteria } : {}),
          page,
        },
        file_type: "csv",
      },
    });
    const jobId = String(created.data?.data?.[0]?.details?.id);
    const job = await waitForJob(client, "read", jobId, log);
    const csv = csvFromZip(await download(client, job.result.download_url));
    yield { jobId, page, count: Number(job.result.count ?? 0), moreRecords: Boolean(job.result.more_records), csv };
    if (!job.result.more_records) return;
  }
}

export const parseCsv = (csv: string): Array<Record<string, string>> =>
  csv.trim() === "" ? [] : csvParse().parse(csv, { columns: true, skip_empty_lines: true, bom: true });

export type BulkOperation = "insert" | "update" | "upsert";

export interface BulkWriteRowOutcome {
  index: number;
  id: string | null;
  status: string;
  errors: string | null;
}

/** CSV and field mappings for one file of records; every key of any record becomes a column. */
export const toCsvFile = (records: Array<Record<string, unknown>>) => {
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const rows = records.map((r) =>
    columns.map((c) => {
      const v = r[c];
      return v === undefined || v === null ? "" : typeof v === "object" ? ((v as any).id ?? JSON.stringify(v)) : String(v);
    }),
  );
  const csv = csvStringify().stringify([columns, ...rows]);
  return { columns, zip: fflate().zipSync({ "records.csv": fflate().strToU8(csv) }) };
};

/** X-CRM-ORG for uploads is the org's zgid. */
const orgId = async (client: ZohoClient): Promise<string> => {
  const response = await client.request({ api: "crm", path: "/org" });
  const org = response.data?.org?.[0];
  return String(org?.zgid ?? org?.id);
};

/**
 * A failure after Zoho accepted a bulk write job (a token that expired while polling, a network error):
 * the job runs on in Zoho whatever happens here, so the error says it exists, and how to get its result.
 */
const jobExists = (error: unknown, jobId: string, rows: number): Error => {
  const cause = error instanceof Error ? error.message : String(error);
  return new ZohoError(
    `${cause.replace(/\.?$/, ".")} The bulk write job ${jobId} exists in Zoho and writes its ${rows} rows whatever happened here: do not run this step again (the rows would be written twice); get the job's result with Get Bulk Job (Job ID ${jobId}) once the connection works.`,
    { ...(error instanceof ZohoError ? error.details : {}), code: "BULK_JOB_EXISTS", causeCode: error instanceof ZohoError ? error.details.code : undefined },
  );
};

export const bulkWriteFile = async (
  client: ZohoClient,
  {
    module,
    operation,
    findBy,
    records,
    offset,
    log = () => undefined,
  }: { module: string; operation: BulkOperation; findBy?: string; records: Array<Record<string, unknown>>; offset: number; log?: Log },
  crmOrg?: string,
): Promise<{ jobId: string; outcomes: BulkWriteRowOutcome[]; counts: Record<string, number> }> => {
  const { columns, zip } = toCsvFile(records);
  const form = new FormData();
  form.append("file", new Blob([zip], { type: "application/zip" }), "records.zip");
  const uploaded = await client.request({
    api: "content",
    method: "POST",
    path: "/upload",
    data: form,
    headers: { feature: "bulk-write", "X-CRM-ORG": crmOrg ?? (await orgId(client)) },
  });
  const fileId = String(uploaded.data?.details?.file_id);
  const created = await client.request({
    api: "bulk",
    method: "POST",
    path: "/write",
    data: {
      operation,
      character_encoding: "UTF-8",
      resource: [
        {
          type: "data",
          module: { api_name: module },
          file_id: fileId,
          field_mappings: columns.map((api_name, index) => ({ api_name, index })),
          ...(findBy ? { find_by: findBy } : {}),
        },
      ],
    },
  });
  const jobId = String(created.data?.details?.id ?? created.data?.data?.[0]?.details?.id);
  let job: Record<string, any>;
  let rows: Array<Record<string, string>>;
  try {
    job = await waitForJob(client, "write", jobId, log);
    rows = parseCsv(csvFromZip(await download(client, job.result.download_url)));
  } catch (error) {
    throw jobExists(error, jobId, records.length);
  }
  const outcomes = rows.map((row, i) => ({
    index: offset + i,
    id: row.ID || row.Id || row.id || null,
    status: row.STATUS ?? row.Status ?? "",
    errors: row.ERRORS || row.Errors || null,
  }));
  const file = job.resource?.[0]?.file ?? {};
  return {
    jobId,
    outcomes,
    counts: { added: file.added_count ?? 0, updated: file.updated_count ?? 0, skipped: file.skipped_count ?? 0, total: file.total_count ?? rows.length },
  };
};

export { orgId as crmOrgId };
