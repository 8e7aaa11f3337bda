/** Building the client from what the platform hands a perform function. */
import type { Connection } from "@prismatic-io/spectral";
import { ZohoClient, type ClientOptions } from "./client";
import { bool } from "./validate";

interface PerformContext {
  logger: { debug: (...args: unknown[]) => void; info?: (...args: unknown[]) => void; warn?: (...args: unknown[]) => void };
}

/** A client for the step's connection; `debugRequest` turns on redacted request logging. */
export const clientFor = (
  context: PerformContext,
  params: { connection: Connection; debugRequest?: unknown },
  options: ClientOptions = {},
): ZohoClient =>
  ZohoClient.fromConnection(params.connection, {
    debug: bool(false).parse(params.debugRequest),
    logger: context.logger,
    ...options,
  });
