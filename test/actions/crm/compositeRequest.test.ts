import { crmCompositeRequest } from "../../../actions/crm/compositeRequest";
import { connectionFor, useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { expectNoRequest, run } from "../books/harness";

const sandbox = useSandbox();
/** Composite calls need their own scope besides the sub-requests' scopes. */
const SCOPES = ["ZohoCRM.composite_requests.CUSTOM", "ZohoCRM.modules.ALL", "ZohoCRM.org.ALL", "ZohoCRM.settings.ALL"];
const composite = (s: ReturnType<typeof sandbox>, params: Record<string, unknown>) => run(crmCompositeRequest, s, params, connectionFor(s, { scopes: SCOPES }));

it("runs the sub-requests in one call and returns each sub-response", async () => {
  const s = sandbox();
  const subRequests = [
    { sub_request_id: "new_lead", method: "post", uri: "/Leads", body: { data: [{ Last_Name: "Composite", Company: "Acme" }] } },
    { sub_request_id: "org", method: "GET", uri: "/crm/v8/org" },
  ];
  const before = s.log.length;
  const result = await composite(s, { subRequests: JSON.stringify(subRequests) });
  expectSameShape(result, crmCompositeRequest.examplePayload);
  expect(result.data).toMatchObject({ status_code: 200, succeeded: 2, failed: 0 });
  const [lead, org] = result.data.sub_responses;
  expect(lead).toMatchObject({ sub_request_id: "new_lead", status_code: 201 });
  expect(s.state.crm.records.get("Leads")!.get(lead.body.data[0].details.id)).toMatchObject({ Last_Name: "Composite" });
  expect(org).toMatchObject({ sub_request_id: "org", status_code: 200, body: { org: [{ id: s.state.org.id }] } });
  const calls = s.log.slice(before).filter((entry) => entry.path === "/crm/v8/__composite_requests");
  expect(calls).toHaveLength(1);
  expect(calls[0].body).toEqual({
    rollback_on_fail: false,
    concurrent_execution: false,
    __composite_requests: [
      { ...subRequests[0], method: "POST", uri: "/crm/v8/Leads" },
      { ...subRequests[1], uri: "/crm/v8/org" },
    ],
  });
});

it("a failed sub-request fails the step, naming it, unless asked to continue", async () => {
  const s = sandbox();
  const subRequests = [
    { sub_request_id: "org", method: "GET", uri: "/org" },
    { sub_request_id: "bad", method: "POST", uri: "/Leads", body: { data: [{ Company: "No last name" }] } },
  ];
  await expect(composite(s, { subRequests })).rejects.toThrow(
    /1 of 2 sub-requests failed: sub-request 2 \(bad\): HTTP 400 MANDATORY_NOT_FOUND.*Continue On Failure/,
  );
  const result = await composite(s, { subRequests, continueOnFailure: "true" });
  expect(result.data).toMatchObject({ status_code: 207, succeeded: 1, failed: 1 });
  expect(result.data.sub_responses[1]).toMatchObject({ sub_request_id: "bad", status_code: 400 });
});

it("with Rollback On Fail, a failure undoes the earlier sub-requests and the rest do not run", async () => {
  const s = sandbox();
  const before = s.state.crm.records.get("Leads")!.size;
  const subRequests = [
    { sub_request_id: "first", method: "POST", uri: "/Leads", body: { data: [{ Last_Name: "Rolled back" }] } },
    { sub_request_id: "second", method: "POST", uri: "/Leads", body: { data: [{ Company: "No last name" }] } },
    { sub_request_id: "third", method: "GET", uri: "/org" },
  ];
  const result = await composite(s, { subRequests, rollbackOnFail: true, continueOnFailure: true });
  expect(result.data.sub_responses.map((r: any) => [r.status_code, r.body?.code ?? null])).toEqual([
    [null, "ROLLBACK_PERFORMED"],
    [400, null],
    [null, "PROCESSING_STOPPED"],
  ]);
  expect(result.data.failed).toBe(3);
  expect(s.state.crm.records.get("Leads")!.size).toBe(before);
});

it("rejects bad input before any request", async () => {
  const s = sandbox();
  const one = { method: "GET", uri: "/org" };
  await expectNoRequest(s, async () => {
    await expect(composite(s, { subRequests: JSON.stringify(Array(6).fill(one)) })).rejects.toThrow(/"Sub-Requests".*6 sub-requests: Zoho takes 1 to 5/);
    await expect(composite(s, { subRequests: "[{method: GET}]" })).rejects.toThrow(/"Sub-Requests".*not valid JSON/);
    await expect(composite(s, { subRequests: [{ method: "FETCH", uri: "org" }] })).rejects.toThrow(
      /sub-request 1: method must be GET.*sub-request 1: uri must be a path/,
    );
    await expect(composite(s, { subRequests: [{ ...one, headers: { Authorization: "x" } }] })).rejects.toThrow(/cannot set Authorization/);
    await expect(
      composite(s, {
        subRequests: [
          { ...one, sub_request_id: "a" },
          { ...one, sub_request_id: "a" },
        ],
      }),
    ).rejects.toThrow(/unique/);
    await expect(composite(s, { subRequests: [{ ...one, url: "/org" }] })).rejects.toThrow(/unknown keys url/);
    await expect(composite(s, { subRequests: [one], rollbackOnFail: true, concurrentExecution: true })).rejects.toThrow(
      /"Concurrent Execution".*Rollback On Fail/,
    );
  });
});

it("a token without the composite scope gets Zoho's OAUTH_SCOPE_MISMATCH", async () => {
  const s = sandbox();
  await expect(
    run(crmCompositeRequest, s, { subRequests: [{ method: "GET", uri: "/org" }] }, connectionFor(s, { scopes: ["ZohoCRM.modules.ALL", "ZohoCRM.org.ALL"] })),
  ).rejects.toThrow(/OAUTH_SCOPE_MISMATCH.*add ZohoCRM\.composite_requests\.CUSTOM/);
});
