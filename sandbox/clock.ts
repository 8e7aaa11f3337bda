/**
 * The sandbox's movable clock: it runs with real time from wherever it was last set, and tests
 * jump it forward to expire tokens, page tokens, auth codes and channels without waiting.
 */
import type { Clock } from "./types";

export const createClock = (start = Date.now()): Clock => {
  let anchor = start;
  let realAnchor = performance.now();
  return {
    now: () => Math.floor(anchor + (performance.now() - realAnchor)),
    set(epochMs) {
      anchor = epochMs;
      realAnchor = performance.now();
    },
    advance(ms) {
      anchor += ms;
    },
  };
};
