/**
 * Where the clients built for steps send their calls. On the platform: Zoho itself, with the
 * production retry policy and deadlines. Tests, the demo and the benchmark run the local Zoho
 * sandbox and set ZOHO_SANDBOX_URL (never set on the platform): calls then go there, with the real
 * Zoho host kept in the Host header so region resolution is exercised exactly as in production.
 * The client itself reads no environment: this transport is handed to it where a connection
 * becomes a client (src/http/clientFor.ts).
 */
import type { RetryPolicy } from "./client";

export interface Transport {
  /** Send every call to this origin (the local sandbox) instead of Zoho's host. */
  routeTo?: string;
  /** Retry policy changes (tests shorten the backoff). */
  retry?: Partial<RetryPolicy>;
  /** The step's total time budget (ms). */
  budgetMs?: number;
}

let testSettings: Omit<Transport, "routeTo"> = {};

/**
 * Tests only: settings (short backoffs, small budgets) for the step clients built after this call,
 * replacing any earlier ones. The component never calls it.
 */
export const configureTestTransport = (settings: Omit<Transport, "routeTo"> = {}): void => {
  testSettings = { ...settings };
};

/** The transport of a step's client. */
export const stepTransport = (): Transport => {
  const routeTo = process.env.ZOHO_SANDBOX_URL;
  return { ...testSettings, ...(routeTo ? { routeTo } : {}) };
};
