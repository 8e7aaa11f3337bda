/**
 * Deluge functions published as REST APIs (Setup > Developer Hub > Functions > REST API, OAuth).
 * Zoho serves them under /crm/v7 whatever the records API version (*unconfirmed for v8*, see ZOHO.md),
 * on the connection's API domain. Arguments go as one JSON object in the `arguments` form field.
 */
import type { ZohoClient } from "../http/client";
import { ZohoError } from "../http/errors";

export interface FunctionResult {
  /** The function's return value: a map or list parsed from its JSON text, other values as Zoho gives them. */
  output: unknown;
  outputType: string;
}

const parsedOutput = (output: unknown, type: string): unknown => {
  if (typeof output !== "string") return output;
  if (type === "map" || type === "list") {
    try {
      return JSON.parse(output);
    } catch {
      return output;
    }
  }
  if (type === "number" && output.trim() !== "" && Number.isFinite(Number(output))) return Number(output);
  if (type === "boolean") return output === "true";
  return output;
};

/** The function's URL: the records API's host with the functions API version. */
export const functionUrl = (client: ZohoClient, apiName: string): string =>
  `${client.baseUrl("crm").replace(/\/crm\/v\d+$/, "/crm/v7")}/functions/${encodeURIComponent(apiName)}/actions/execute`;

export const runFunction = async (client: ZohoClient, apiName: string, args: Record<string, unknown>): Promise<FunctionResult> => {
  try {
    // Not idempotent (a function may write): only 429s, refused before running, are retried.
    const response = await client.request({
      api: "crm",
      method: "POST",
      path: functionUrl(client, apiName),
      params: { auth_type: "oauth" },
      data: new URLSearchParams({ arguments: JSON.stringify(args) }).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    const details = response.data?.details ?? {};
    const outputType = String(details.output_type ?? "string");
    return { output: parsedOutput(details.output, outputType), outputType };
  } catch (error) {
    // The script itself failed (a Deluge error or throw): say so with its messages, not as a failed HTTP call.
    if (error instanceof ZohoError && error.details.code === "failure_in_execution") {
      const messages = (error.details.zohoDetails as { userMessage?: unknown } | undefined)?.userMessage;
      const said = Array.isArray(messages) && messages.length > 0 ? messages.join("; ") : (error.details.zohoMessage ?? "no message");
      throw new ZohoError(`The Deluge function ${apiName} ran and failed: ${said}. Fix the function or its arguments.`, {
        ...error.details,
        code: "FUNCTION_FAILED",
      });
    }
    if (error instanceof ZohoError && error.details.status === 404) {
      throw new ZohoError(
        `No function is published as a REST API under the name ${apiName}: check its API name and that REST API (OAuth) is enabled for it in Zoho CRM.`,
        error.details,
      );
    }
    throw error;
  }
};
