/**
 * What bulk read and bulk write jobs share: the queue they move through (ADDED → IN PROGRESS →
 * COMPLETED, driven by polls or by sandbox time), the callback Zoho posts when a job finishes, and
 * the settings tests turn (on `state.crm`):
 * - `bulkPollsToComplete` (default 2): the poll that finds a job COMPLETED; 0 completes it at once.
 * - `bulkJobDurationMs` (default 60 s of sandbox time): a job left alone completes after this.
 * - `bulkCallbackDelayMs` (default 10 ms, real time): when a job with a callback finishes on its own.
 */
import { crmError } from "../../respond";
import type { SandboxState } from "../../state";
import type { DataCenterKey, SandboxRequest, SandboxResponse } from "../../types";
import { onStop, postCallback } from "../callbacks";
import { CrmFailure } from "../crmFailure";
import { currentUser, type MinifiedUser } from "../records/writes";

export type JobState = "ADDED" | "IN PROGRESS" | "COMPLETED";

export interface BulkJob {
  id: string;
  dc: DataCenterKey;
  /** Sandbox-clock epoch ms. */
  createdAt: number;
  createdBy: MinifiedUser;
  polls: number;
  state: JobState;
  callback?: { url: string; method: "post" };
  /** Does the job's work (reads the page, applies the rows) at the moment it completes. */
  complete(): void;
}

/** A 400 in CRM's error shape, thrown while reading a job request. */
export const fail = (code: string, message: string, details: Record<string, unknown> = {}) => new CrmFailure(code, message, details);

/** What every job starts as: queued, created now by the caller, with the callback it asked for. */
export const newJob = (state: SandboxState, req: SandboxRequest, callback: BulkJob["callback"]) => ({
  id: state.nextId(),
  dc: req.dc,
  createdAt: state.clock.now(),
  createdBy: currentUser(state),
  polls: 0,
  state: "ADDED" as JobState,
  callback,
});

/** The job `:job_id` names, if it exists in the caller's data center. */
export const jobFor = <T extends BulkJob>(jobs: Map<string, T>, req: SandboxRequest): T | undefined => {
  const job = jobs.get(req.params.job_id);
  return job?.dc === req.dc ? job : undefined;
};

export const jobNotFound = (status = 400) => crmError(status, "RESOURCE_NOT_FOUND", "The requested resource doesn't exist.", { resource: "job_id" });

/** A job's result file, as Zoho serves it: `<job_id>.zip`. */
export const zipAnswer = (job: BulkJob, zip: Buffer): SandboxResponse => ({
  status: 200,
  headers: { "content-type": "application/zip", "content-disposition": `attachment; filename="${job.id}.zip"` },
  body: zip,
});

const DEFAULTS = { pollsToComplete: 2, durationMs: 60_000, callbackDelayMs: 10 };

declare module "../../state" {
  interface CrmSettings {
    bulkPollsToComplete: number;
    bulkJobDurationMs: number;
    bulkCallbackDelayMs: number;
  }
}

const setting = (state: SandboxState, key: "bulkPollsToComplete" | "bulkJobDurationMs" | "bulkCallbackDelayMs", fallback: number): number => {
  const value = state.crm[key];
  return typeof value === "number" && value >= 0 ? value : fallback;
};

/** Completes the job if its time has come; a poll counts towards that, a download does not. */
export const advanceJob = (state: SandboxState, job: BulkJob, { poll }: { poll: boolean }): void => {
  if (job.state === "COMPLETED") return;
  if (poll) job.polls += 1;
  const due =
    job.polls >= setting(state, "bulkPollsToComplete", DEFAULTS.pollsToComplete) ||
    state.clock.now() - job.createdAt >= setting(state, "bulkJobDurationMs", DEFAULTS.durationMs);
  if (due) finish(state, job);
  else if (job.polls > 0) job.state = "IN PROGRESS";
};

const finish = (_state: SandboxState, job: BulkJob): void => {
  job.complete();
  job.state = "COMPLETED";
};

/**
 * Jobs with a callback finish in the background shortly after they are created, then Zoho posts
 * `describe(job)` to the callback URL.
 */
export const scheduleCallback = (state: SandboxState, job: BulkJob, describe: (job: BulkJob) => Record<string, unknown>): void => {
  const callback = job.callback;
  if (!callback) return;
  const stops = onStop(state);
  const cancel = () => clearTimeout(timer);
  const timer = setTimeout(
    () => {
      stops.splice(stops.indexOf(cancel), 1);
      if (job.state !== "COMPLETED") finish(state, job);
      postCallback(state, { kind: "bulk_callback", source: job.id, url: callback.url, body: describe(job) });
    },
    setting(state, "bulkCallbackDelayMs", DEFAULTS.callbackDelayMs),
  );
  timer.unref();
  stops.push(cancel);
};

/** `{url, method: "post"}`, checked as Zoho checks a job's callback. */
export const readCallback = (value: unknown): BulkJob["callback"] => {
  if (value === undefined || value === null) return undefined;
  const { url, method } = value as { url?: unknown; method?: unknown };
  if (typeof url !== "string" || !/^https?:\/\/[^/\s]+/i.test(url)) {
    throw fail("INVALID_CALLBACK_URL", "the callback url is invalid", { api_name: "url" });
  }
  if (method !== "post") throw fail("INVALID_CALLBACK_METHOD", "the callback method is invalid", { supported_callback_methods: ["post"] });
  return { url, method };
};
