/**
 * A CRM error answer thrown from deep inside pure code or a handler (a bad query, an unknown
 * module, a missing record); `answering` wraps a handler so the throw becomes Zoho's error body.
 */
import { crmError } from "../respond";
import type { Handler, SandboxResponse } from "../types";

export class CrmFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly status = 400,
  ) {
    super(message);
  }
}

export const answerFailure = (e: unknown): SandboxResponse => {
  if (e instanceof CrmFailure) return crmError(e.status, e.code, e.message, e.details);
  throw e;
};

export const answering =
  (handler: Handler): Handler =>
  async (req, ctx) => {
    try {
      return await handler(req, ctx);
    } catch (e) {
      return answerFailure(e);
    }
  };
