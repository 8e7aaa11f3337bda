/**
 * Mass update: one set of field values on many records, by ids (Zoho's limit: 500 a call, applied at once)
 * or by a custom view (up to 50,000 records, run by Zoho as a background job). Either way Zoho answers a
 * job id; the job is followed (GET ?job_id=) until Zoho reports it COMPLETED or FAILED.
 */
import type { ZohoClient } from "../http/client";
import { ZohoError } from "../http/errors";
import { onlyOutcome } from "../http/outcomes";

export const MASS_UPDATE_MAX_IDS = 500;

export interface MassUpdateTarget {
  ids?: string[];
  cvid?: string;
}

export interface MassUpdateResult {
  jobId: string;
  status: string;
  updatedCount: number;
  notUpdatedCount: number;
  failedCount: number;
  totalCount: number;
}

export interface FollowOptions {
  /** Wait between status reads. */
  pollIntervalMs: number;
  /** Give up (and report the job id to check later) after this long. */
  maxWaitMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const statusOf = async (client: ZohoClient, module: string, jobId: string): Promise<MassUpdateResult> => {
  const response = await client.request({ api: "crm", path: `/${module}/actions/mass_update`, params: { job_id: jobId } });
  const job = response.data?.data?.[0] ?? {};
  return {
    jobId,
    status: String(job.Status ?? "UNKNOWN"),
    updatedCount: Number(job.Updated_Count ?? 0),
    notUpdatedCount: Number(job.Not_Updated_Count ?? 0),
    failedCount: Number(job.Failed_Count ?? 0),
    totalCount: Number(job.Total_Count ?? 0),
  };
};

export const massUpdate = async (
  client: ZohoClient,
  module: string,
  values: Record<string, unknown>,
  target: MassUpdateTarget,
  follow: FollowOptions,
): Promise<MassUpdateResult> => {
  const response = await client.request({
    api: "crm",
    method: "POST",
    path: `/${module}/actions/mass_update`,
    data: { data: [values], ...(target.ids ? { ids: target.ids } : { cvid: target.cvid }) },
  });
  const jobId = String(onlyOutcome(response.data, `schedule the mass update of ${module}`).job_id ?? "");
  const deadline = Date.now() + follow.maxWaitMs;
  for (;;) {
    const result = await statusOf(client, module, jobId);
    if (result.status === "COMPLETED") return result;
    if (result.status === "FAILED") {
      throw new ZohoError(`Zoho's mass update job ${jobId} on ${module} failed after updating ${result.updatedCount} of ${result.totalCount} records.`, {
        code: "MASS_UPDATE_FAILED",
      });
    }
    if (Date.now() + follow.pollIntervalMs > deadline) {
      throw new ZohoError(
        `Zoho's mass update job ${jobId} on ${module} is still ${result.status} after ${Math.round(follow.maxWaitMs / 1000)} s; it keeps running: check it later with a raw request to GET /${module}/actions/mass_update?job_id=${jobId}.`,
        { code: "MASS_UPDATE_PENDING" },
      );
    }
    await sleep(follow.pollIntervalMs);
  }
};
