/** Building the client from what the platform hands a perform function: where the connection becomes a client. */
import type { Connection } from "@prismatic-io/spectral";
import type { ClientOptions, ZohoClient } from "./client";
import { stepTransport } from "./transport";
import { debugRequest } from "../fields/common";
import { clientOfConnection } from "./connection";

interface PerformContext {
  logger: { debug: (...args: unknown[]) => void; info?: (...args: unknown[]) => void; warn?: (...args: unknown[]) => void };
}

/**
 * A client for the step's connection; `debugRequest` turns on redacted request logging. The step's
 * transport (Zoho, or the sandbox in tests and the demo) is chosen here, not inside the client.
 */
export const clientFor = (context: PerformContext, params: { connection: Connection; debugRequest?: unknown }, options: ClientOptions = {}): ZohoClient =>
  clientOfConnection(params.connection, {
    debug: debugRequest.schema().parse(params.debugRequest),
    logger: context.logger,
    transport: stepTransport(),
    ...options,
  });
