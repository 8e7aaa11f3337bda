/**
 * Deluge functions published as REST APIs: POST (or GET) /crm/v7/functions/{api_name}/actions/execute
 * ?auth_type=oauth, arguments as a JSON object in the `arguments` form field or query parameter.
 * Zoho has no OpenAPI file for this endpoint: the shapes follow Zoho's "functions as REST API" guide
 * ({code: "success", details: {output, output_type, id}, message}); the failure answer (code
 * failure_in_execution, the script's messages in details.userMessage) is *unconfirmed* and kept here only.
 * A function is a JavaScript stand-in for the Deluge script; it throws DelugeError to fail as a script does.
 */
import { crmError, ok } from "../../respond";
import { crmSlice, type SandboxState } from "../../state";
import type { Route, SandboxRequest } from "../../types";
import { CrmFailure } from "../crmFailure";
import { crmRoute } from "../crmRoute";

/** What a Deluge script raises at run time (a failed `throw`, a null map read, ...). */
export class DelugeError extends Error {}

export type DelugeFunction = (args: Record<string, unknown>, state: SandboxState) => unknown;

interface Registered {
  id: string;
  run: DelugeFunction;
}

/** A fresh org's sample function: scores a lead from its arguments, as a CRM admin might publish one. */
const scoreLead: DelugeFunction = (args) => {
  if (typeof args.email !== "string" || args.email === "") throw new DelugeError("Argument 'email' is required");
  const employees = Number(args.employees ?? 0);
  const score = Math.min(100, (args.email.endsWith(".com") ? 20 : 10) + Math.floor(employees / 10));
  return { email: args.email, score, grade: score >= 50 ? "A" : "B" };
};

declare module "../../state" {
  interface CrmSlices {
    /** API name -> the published function */
    functions: Map<string, Registered>;
  }
}

const registry = crmSlice("functions", (state) => new Map<string, Registered>([["score_lead", { id: state.nextId(), run: scoreLead }]]));

/** Publishes a function under its API name (tests). */
export const registerFunction = (state: SandboxState, apiName: string, run: DelugeFunction): void => {
  registry(state).set(apiName, { id: state.nextId(), run });
};

/** The `arguments` JSON object from the form body or the query; INVALID_DATA when it is not one. */
const argumentsOf = (req: SandboxRequest): Record<string, unknown> => {
  const raw = req.form?.get("arguments") ?? req.query.get("arguments") ?? (req.json as { arguments?: unknown } | undefined)?.arguments;
  if (raw === undefined || raw === null || raw === "") return {};
  let parsed: unknown = raw;
  if (typeof raw === "string") {
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = undefined;
    }
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new CrmFailure("INVALID_DATA", "arguments must be a JSON object", { param_name: "arguments" });
  }
  return parsed as Record<string, unknown>;
};

/** Deluge hands back text: a map or list as its JSON text. */
const outputOf = (value: unknown) =>
  value === undefined || value === null
    ? { output: "", output_type: "void" }
    : typeof value === "object"
      ? { output: JSON.stringify(value), output_type: Array.isArray(value) ? "list" : "map" }
      : { output: String(value), output_type: typeof value === "number" ? "number" : typeof value === "boolean" ? "boolean" : "string" };

const execute = (req: SandboxRequest, state: SandboxState) => {
  if (req.query.get("auth_type") !== "oauth") {
    throw new CrmFailure("INVALID_DATA", "auth_type must be oauth for calls with an OAuth token", { param_name: "auth_type" });
  }
  const fn = registry(state).get(req.params.name);
  if (!fn) throw new CrmFailure("INVALID_URL_PATTERN", "no function is published under this name", {}, 404);
  const args = argumentsOf(req);
  try {
    return ok({ code: "success", details: { ...outputOf(fn.run(args, state)), id: fn.id }, message: "function executed successfully" });
  } catch (e) {
    if (!(e instanceof DelugeError)) throw e;
    return crmError(400, "failure_in_execution", "function execution failed", { output: "", output_type: "void", id: fn.id, userMessage: [e.message] });
  }
};

export const routes: Route[] = [
  crmRoute("POST", "/crm/v7/functions/:name/actions/execute", { scopes: ["ZohoCRM.functions.execute.CREATE"] }, (req, ctx) => execute(req, ctx.state)),
  crmRoute("GET", "/crm/v7/functions/:name/actions/execute", { scopes: ["ZohoCRM.functions.execute.READ"] }, (req, ctx) => execute(req, ctx.state)),
];
