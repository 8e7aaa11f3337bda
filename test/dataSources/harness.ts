/** Running a data source as the platform does (spectral's invokeDataSource), and reading what it sent. */
import { invokeDataSource } from "@prismatic-io/spectral/dist/testing";
import type { RequestLogEntry } from "../../sandbox/types";
import { connectionFor, type TestSandbox } from "../helpers/sandbox";

/** What the data source returns ({ result }); params go in raw, as the platform sends them. */
export const runDataSource = async (
  source: { perform: any },
  sandbox: TestSandbox,
  params: Record<string, unknown> = {},
  connection = connectionFor(sandbox),
) => (await invokeDataSource(source as never, { connection, ...params } as never)) as { result: any };

/** The calls to Zoho's APIs logged since `from` (a log length taken earlier); token calls left out. */
export const apiCalls = (sandbox: TestSandbox, from: number): RequestLogEntry[] =>
  sandbox.log.slice(from).filter((entry) => entry.path.startsWith("/crm/") || entry.path.startsWith("/books/"));
