/** Shared bits of the Books action tests: run an action as the platform would, seed Books records, read what was sent. */
import { invoke } from "@prismatic-io/spectral/dist/testing";
import { seedBooks } from "../../../sandbox/books";
import type { SeedBooksOptions } from "../../../sandbox/books";
import type { RequestLogEntry } from "../../../sandbox/types";
import { connectionFor, type TestSandbox } from "../../helpers/sandbox";

/** The action's result (spectral's `invoke` passes params raw, as the platform sends them). */
export const run = async (action: { perform: any }, sandbox: TestSandbox, params: Record<string, unknown>, connection = connectionFor(sandbox)) =>
  (await invoke(action as never, { connection, ...params } as never)).result as any;

export const seed = (sandbox: TestSandbox, type: string, count: number, options: Omit<SeedBooksOptions, "type" | "count"> = {}) =>
  seedBooks(sandbox.state, { type, count, ...options });

/** The Books calls logged since `from` (a log length taken earlier). */
export const booksCalls = (sandbox: TestSandbox, from: number): RequestLogEntry[] =>
  sandbox.log.slice(from).filter((entry) => entry.path.startsWith("/books/"));

/** Runs `body` and fails unless it sent nothing to the sandbox. */
export const expectNoRequest = async (sandbox: TestSandbox, body: () => Promise<unknown>) => {
  const before = sandbox.log.length;
  await body();
  expect(sandbox.log.length).toBe(before);
};
