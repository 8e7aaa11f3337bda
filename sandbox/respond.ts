/** Response builders shared by every endpoint group, so error bodies look like Zoho's everywhere. */
import type { SandboxResponse } from "./types";

export const ok = (body: unknown, status = 200): SandboxResponse => ({ status, body });

export const noContent = (): SandboxResponse => ({ status: 204 });

/** CRM's error body: {code, details, message, status: "error"}. */
export const crmError = (status: number, code: string, message: string, details: Record<string, unknown> = {}): SandboxResponse => ({
  status,
  body: { code, details, message, status: "error" },
});

/** Books' error body: {code: <non-zero number>, message}. */
export const booksError = (status: number, code: number, message: string): SandboxResponse => ({
  status,
  body: { code, message },
});

/** One entry of a CRM per-record answer (writes, deletes, channels). */
export const recordStatus = (success: boolean, code: string, message: string, details: Record<string, unknown>) => ({
  code,
  details,
  message,
  status: success ? "success" : "error",
});

/** Zoho's timestamp format: ISO 8601 with offset and second resolution, e.g. 2026-11-22T10:15:30+00:00. */
export const zohoTime = (epochMs: number): string => new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace(".000Z", "+00:00");
