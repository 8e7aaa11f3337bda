/**
 * One line per step: `✔ name — what happened (N ms)` or `✘ name — reason`. A step passes only when
 * its body returns; a body checks what it got with `expect` rather than trusting that nothing threw.
 */

export class StepFailed extends Error {}

/** Fails the step with `reason` unless `condition` holds. */
export function expect(condition: unknown, reason: string): asserts condition {
  if (!condition) throw new StepFailed(reason);
}

export interface StepResult {
  name: string;
  ok: boolean;
  /** What happened, or why it failed. */
  detail: string;
  ms: number;
}

export interface Reporter {
  /** A finished line. */
  log: (line: string) => void;
  /** A transient progress line for the running step; undefined clears it. */
  progress?: (line: string | undefined) => void;
}

/** Tells what a running step is doing; the progress line adds the calls it made so far (sandbox) and the time. */
export type Progress = (text: string) => void;

const PROGRESS_EVERY_MS = 250;

export const formatCount = (n: number) => n.toLocaleString("en-US");

/** A message for the ✘ line: our own failures as they are, anything else with its kind. */
const reasonOf = (error: unknown): string => {
  if (error instanceof StepFailed) return error.message;
  if (error instanceof Error) return `${error.name === "Error" ? "" : `${error.name}: `}${error.message}`;
  return String(error);
};

export class Steps {
  readonly results: StepResult[] = [];

  constructor(
    private readonly reporter: Reporter,
    /** Calls made so far, for the automatic progress of long steps. */
    private readonly calls: () => number | undefined = () => undefined,
  ) {}

  get ok(): boolean {
    return this.results.every((r) => r.ok);
  }

  /** Runs one step; returns its value, or throws StepFailed after printing the ✘ line. */
  async run<T>(name: string, body: (progress: Progress) => Promise<{ said: string; value: T }>): Promise<T> {
    const started = performance.now();
    const callsBefore = this.calls();
    let note: string | undefined;
    const show = () => {
      const calls = this.calls();
      const parts = [note, calls !== undefined && callsBefore !== undefined && calls > callsBefore ? `${formatCount(calls - callsBefore)} calls` : undefined];
      const elapsed = `${((performance.now() - started) / 1000).toFixed(1)} s`;
      this.reporter.progress?.(`… ${name} — ${[...parts.filter(Boolean), elapsed].join(", ")}`);
    };
    const ticker = this.reporter.progress ? setInterval(show, PROGRESS_EVERY_MS) : undefined;
    const progress: Progress = (text) => {
      note = text;
      show();
    };
    try {
      const { said, value } = await body(progress);
      this.finish({ name, ok: true, detail: said, ms: Math.round(performance.now() - started) });
      return value;
    } catch (error) {
      this.finish({ name, ok: false, detail: reasonOf(error), ms: Math.round(performance.now() - started) });
      throw error instanceof StepFailed ? error : new StepFailed(reasonOf(error));
    } finally {
      if (ticker) clearInterval(ticker);
    }
  }

  /** A step that is not run, with why (live mode leaves out the writing steps). */
  skip(name: string, why: string): void {
    this.reporter.log(`– ${name} — skipped: ${why}`);
  }

  private finish(result: StepResult) {
    this.results.push(result);
    this.reporter.progress?.(undefined);
    this.reporter.log(result.ok ? `✔ ${result.name} — ${result.detail} (${formatCount(result.ms)} ms)` : `✘ ${result.name} — ${result.detail}`);
  }
}

/** A step's outcome: the line's text and the value later steps use. */
export const done = <T = undefined>(said: string, value?: T): { said: string; value: T } => ({ said, value: value as T });
