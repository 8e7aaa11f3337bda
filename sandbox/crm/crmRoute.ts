/** A CRM route: CRM-shaped errors, and a handler whose thrown CrmFailure becomes Zoho's error answer. */
import type { Handler, Route } from "../types";
import { answering } from "./crmFailure";

/** `write` marks routes that store records, so injected faults can strike before or after the write. */
export const crmRoute = (method: Route["method"], pattern: string, access: { scopes: string[]; write?: boolean }, handler: Handler): Route => ({
  method,
  pattern,
  api: "crm",
  scopes: access.scopes,
  write: access.write ?? false,
  handler: answering(handler),
});
