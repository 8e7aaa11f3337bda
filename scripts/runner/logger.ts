/** Step loggers: the demo keeps the component's log lines to itself; a single command shows them on stderr. */
import type { ActionLogger } from "@prismatic-io/spectral";

const LEVELS = ["metric", "trace", "debug", "info", "log", "warn", "error"] as const;

export const quietLogger = (): ActionLogger => Object.fromEntries(LEVELS.map((level) => [level, () => undefined])) as unknown as ActionLogger;

export const stderrLogger = (write: (line: string) => void): ActionLogger =>
  Object.fromEntries(
    LEVELS.map((level) => [level, (...args: unknown[]) => write(`[${level}] ${args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" ")}`)]),
  ) as unknown as ActionLogger;
