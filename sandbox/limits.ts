/**
 * Zoho's limits and the failures the sandbox injects on API calls (never on accounts): concurrent
 * calls per data center, credits per sandbox day, random 429s, and 5xx/reset/timeout faults. All
 * chance comes from one seeded PRNG so a failing run can be replayed.
 */
import type { Clock, DataCenterKey, FaultOptions, SandboxOptions } from "./types";

export type FaultKind = NonNullable<FaultOptions["kinds"]>[number];

export interface Fault {
  kind: FaultKind;
  /** "after": the handler runs (a write is stored) and then the call fails. */
  when: "before" | "after";
}

export type Refusal = { reason: "concurrency" | "credits" | "rate"; retryAfterSec: number; message: string };

const DAY_MS = 24 * 60 * 60 * 1000;
const ALL_KINDS: FaultKind[] = [500, 502, 503, "reset", "timeout"];
const DEFAULT_SEED = 0x5eed;

/** mulberry32: tiny, fast and good enough to make fault runs repeatable. */
export const mulberry32 = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

export const createLimits = (clock: Clock) => {
  const inFlight = new Map<DataCenterKey, number>();
  const creditsUsed = new Map<string, number>();
  let random = mulberry32(DEFAULT_SEED);

  return {
    /** A new seed restarts the sequence, so the same options give the same faults. */
    reseed(seed = DEFAULT_SEED) {
      random = mulberry32(seed);
    },

    /**
     * Counts the call in (concurrency, credits) or says why Zoho would refuse it. `release` must be
     * called once the call is over, however it ended.
     */
    admit(options: SandboxOptions, dc: DataCenterKey): { refusal: Refusal } | { release: () => void } {
      const running = inFlight.get(dc) ?? 0;
      if (options.concurrencyLimit !== undefined && running >= options.concurrencyLimit) {
        return { refusal: { reason: "concurrency", retryAfterSec: 1, message: "The number of concurrent requests has exceeded the allowed limit" } };
      }
      const now = clock.now();
      const day = `${dc}:${Math.floor(now / DAY_MS)}`;
      const used = creditsUsed.get(day) ?? 0;
      if (options.creditBudget !== undefined && used >= options.creditBudget) {
        const retryAfterSec = (DAY_MS - (now % DAY_MS)) / 1000;
        return { refusal: { reason: "credits", retryAfterSec, message: "You have used up the API credits of your organization for the day" } };
      }
      if (options.rateLimit429 && random() < options.rateLimit429) {
        return { refusal: { reason: "rate", retryAfterSec: 1, message: "Too many requests, please try again after some time" } };
      }
      creditsUsed.set(day, used + 1);
      inFlight.set(dc, running + 1);
      let released = false;
      return {
        release: () => {
          if (released) return;
          released = true;
          inFlight.set(dc, (inFlight.get(dc) ?? 1) - 1);
        },
      };
    },

    /** The fault that hits this call, if any; only write routes can fail after their handler ran. */
    drawFault(faults: FaultOptions | undefined, write: boolean): Fault | undefined {
      if (!faults || !(random() < faults.rate)) return undefined;
      const kinds = faults.kinds?.length ? faults.kinds : ALL_KINDS;
      const kind = kinds[Math.floor(random() * kinds.length)];
      const when = faults.when ?? "random";
      const after = write && (when === "after" || (when === "random" && random() < 0.5));
      return { kind, when: after ? "after" : "before" };
    },
  };
};

export type Limits = ReturnType<typeof createLimits>;
