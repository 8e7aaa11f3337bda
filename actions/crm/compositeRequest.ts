import { action, input } from "@prismatic-io/spectral";
import { z } from "zod";
import { continueOnFailure } from "../../src/batch";
import { compositeBody, compositeResult, subRequestList, subResponses, type SubResponse } from "../../src/composite";
import { clientFor } from "../../src/context";
import { exampleWriteDetails } from "../../src/crmExamples";
import { cleanBool, cleanPass, connectionInput, debugRequest } from "../../src/inputs";
import { requestOutcomes } from "../../src/outcomes";
import { bool, parseInputs } from "../../src/validate";

const schema = z
  .object({ subRequests: subRequestList, rollbackOnFail: bool(false), concurrentExecution: bool(false), continueOnFailure: bool(false) })
  .refine((input) => !(input.rollbackOnFail && input.concurrentExecution), {
    path: ["concurrentExecution"],
    message: "cannot be on together with Rollback On Fail: Zoho can only roll back sub-requests it runs one after another",
  });

const labels = { subRequests: "Sub-Requests", rollbackOnFail: "Rollback On Fail", concurrentExecution: "Concurrent Execution", continueOnFailure: "Continue On Failure" };

export const crmCompositeRequest = action({
  display: {
    label: "Composite Request",
    description: "Run up to 5 CRM API calls in one request, optionally as one transaction rolled back if any fails.",
  },
  inputs: {
    connection: connectionInput,
    subRequests: input({
      label: "Sub-Requests",
      type: "code",
      language: "json",
      required: true,
      comments: "A JSON array of 1 to 5 calls, each {method, uri (relative to /crm/v8), params, body, headers, sub_request_id}; all but method and uri are optional. The token also needs the ZohoCRM.composite_requests.CUSTOM scope.",
      example: JSON.stringify([
        { sub_request_id: "new_lead", method: "POST", uri: "/Leads", body: { data: [{ Last_Name: "Smith", Company: "Acme" }] } },
        { sub_request_id: "org", method: "GET", uri: "/org" },
      ]),
      clean: cleanPass,
    }),
    rollbackOnFail: input({ label: "Rollback On Fail", type: "boolean", default: "false", comments: "Undo every sub-request when one fails (they then run one after another).", clean: cleanBool }),
    concurrentExecution: input({ label: "Concurrent Execution", type: "boolean", default: "false", comments: "Run sub-requests that do not depend on each other in parallel. Off runs them in order.", clean: cleanBool }),
    continueOnFailure,
    debugRequest,
  },
  perform: async (context, params) => {
    const input = parseInputs(schema, params, labels);
    const client = clientFor(context, params);
    const { status, items } = await requestOutcomes(
      client,
      { api: "crm", method: "POST", path: "/__composite_requests", data: compositeBody(input.subRequests, input) },
      "__composite_requests",
    );
    return { data: compositeResult(status, subResponses(input.subRequests, items), input.continueOnFailure) };
  },
  examplePayload: {
    data: {
      status_code: 200,
      succeeded: 1,
      failed: 0,
      sub_responses: [
        { sub_request_id: "new_lead", status_code: 201, body: { data: [{ code: "SUCCESS", details: exampleWriteDetails, message: "record added", status: "success" }] } },
      ] as SubResponse[],
    },
  },
});
