import { input } from "@prismatic-io/spectral";
import { compositeBody, compositeResult, subRequestList, subResponses, type SubResponse } from "../../src/crm/composite";
import { exampleWriteDetails } from "../../src/crm/examples";
import { continueOnFailure } from "../../src/fields/batch";
import { cleanBool, cleanPass, field } from "../../src/fields/field";
import { bool } from "../../src/fields/schemas";
import { requestOutcomes } from "../../src/http/outcomes";
import { zohoAction } from "../../src/step";

const flag = (label: string, comments: string) => field(input({ label, type: "boolean", default: "false", comments, clean: cleanBool }), () => bool(false));

const subRequests = field(
  input({
    label: "Sub-Requests",
    type: "code",
    language: "json",
    required: true,
    comments:
      "A JSON array of 1 to 5 calls, each {method, uri (relative to /crm/v8), params, body, headers, sub_request_id}; all but method and uri are optional. The token also needs the ZohoCRM.composite_requests.CUSTOM scope.",
    example: JSON.stringify([
      { sub_request_id: "new_lead", method: "POST", uri: "/Leads", body: { data: [{ Last_Name: "Smith", Company: "Acme" }] } },
      { sub_request_id: "org", method: "GET", uri: "/org" },
    ]),
    clean: cleanPass,
  }),
  subRequestList,
);

export const crmCompositeRequest = zohoAction({
  display: {
    label: "Composite Request",
    description: "Run up to 5 CRM API calls in one request, optionally as one transaction rolled back if any fails.",
  },
  fields: {
    subRequests,
    rollbackOnFail: flag("Rollback On Fail", "Undo every sub-request when one fails (they then run one after another)."),
    concurrentExecution: flag("Concurrent Execution", "Run sub-requests that do not depend on each other in parallel. Off runs them in order."),
    continueOnFailure,
  },
  refine: (schema) =>
    schema.refine((input) => !(input.rollbackOnFail && input.concurrentExecution), {
      path: ["concurrentExecution"],
      message: "cannot be on together with Rollback On Fail: Zoho can only roll back sub-requests it runs one after another",
    }),
  perform: async (_context, input, client) => {
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
        {
          sub_request_id: "new_lead",
          status_code: 201,
          body: { data: [{ code: "SUCCESS", details: exampleWriteDetails, message: "record added", status: "success" }] },
        },
      ] as SubResponse[],
    },
  },
});
