/**
 * Composite requests over real HTTP: sub-requests dispatched through the real routes in order,
 * references to earlier answers, mixed outcomes (207), rollback_on_fail undoing every write of the
 * batch (no write event escapes), and the checks Zoho makes on the composite body.
 */
import type { WriteEvent } from "../../sandbox/state";
import { ALL_SCOPES } from "../../sandbox/scopes";
import { useSandbox } from "../helpers/sandbox";
import { crmCall } from "./crmApi";

const COMPOSITE_SCOPES = [...ALL_SCOPES, "ZohoCRM.composite_requests.CUSTOM"];

const sandbox = useSandbox();

const composite = (body: Record<string, unknown>, scopes = COMPOSITE_SCOPES) =>
  crmCall(sandbox(), "POST", "/crm/v8/__composite_requests", { json: body, scopes });

type SubAnswer = {
  code: string;
  status: string;
  message: string;
  details: { response?: { status_code: number; body: any; headers: object }; rollbacked_by_sub_request_index?: number };
};

const answersOf = (body: { __composite_requests: SubAnswer[] }) => body.__composite_requests;

/** Write events emitted while `run` runs. */
const eventsDuring = async (run: () => Promise<unknown>) => {
  const seen: WriteEvent[] = [];
  const listener = (event: WriteEvent) => seen.push(event);
  sandbox().state.events.on("write", listener);
  try {
    await run();
  } finally {
    sandbox().state.events.off("write", listener);
  }
  return seen;
};

describe("composite requests", () => {
  it("runs sub-requests in order, feeding earlier answers into later ones", async () => {
    const answer = await composite({
      __composite_requests: [
        { sub_request_id: "account", method: "POST", uri: "/crm/v8/Accounts", body: { data: [{ Account_Name: "Composite Corp" }] } },
        {
          sub_request_id: "contact",
          method: "POST",
          uri: "/crm/v8/Contacts",
          body: { data: [{ Last_Name: "Rivera", Account_Name: { id: "@{account:$.data[0].details.id}" } }] },
        },
        {
          sub_request_id: "read",
          method: "GET",
          uri: "/crm/v8/Contacts/@{contact:$.data[0].details.id}",
          params: { fields: "Last_Name,Account_Name" },
        },
        {
          method: "POST",
          uri: "/crm/v8/coql",
          body: { select_query: "select Account_Name from Accounts where Account_Name = 'Composite Corp'" },
        },
      ],
    });
    expect(answer.status).toBe(200);
    const [account, contact, read, query] = answersOf(answer.body);
    for (const sub of [account, contact, read, query]) expect(sub).toMatchObject({ code: "SUCCESS", status: "success", message: "success" });
    expect(account.details.response!.status_code).toBe(201);
    const accountId = account.details.response!.body.data[0].details.id;
    const contactId = contact.details.response!.body.data[0].details.id;
    expect(read.details.response).toMatchObject({
      status_code: 200,
      body: { data: [{ id: contactId, Last_Name: "Rivera", Account_Name: { name: "Composite Corp", id: accountId } }] },
    });
    expect(query.details.response!.body.data).toEqual([{ Account_Name: "Composite Corp", id: accountId }]);
  });

  it("keeps what succeeded and answers 207 when a sub-request fails without rollback", async () => {
    const answer = await composite({
      __composite_requests: [
        { method: "POST", uri: "/crm/v8/Leads", body: { data: [{ Last_Name: "Kept", Company: "K" }] } },
        { method: "POST", uri: "/crm/v8/Leads", body: { data: [{ Company: "no last name" }] } },
        { method: "GET", uri: "/crm/v8/Nope/1" },
      ],
    });
    expect(answer.status).toBe(207);
    const [kept, failed, unknown] = answersOf(answer.body);
    expect(failed.details.response).toMatchObject({ status_code: 400, body: { data: [{ code: "MANDATORY_NOT_FOUND" }] } });
    expect(unknown.details.response).toMatchObject({ status_code: 400, body: { code: "INVALID_MODULE" } });
    const id = kept.details.response!.body.data[0].details.id;
    expect(sandbox().state.crm.records.get("Leads")!.get(id)).toMatchObject({ Last_Name: "Kept" });
  });

  it("checks each sub-request's scopes with the composite call's token", async () => {
    const answer = await composite({ __composite_requests: [{ method: "GET", uri: "/crm/v8/Leads", params: { fields: "Last_Name" } }] }, [
      "ZohoCRM.composite_requests.CUSTOM",
    ]);
    expect(answersOf(answer.body)[0].details.response).toMatchObject({ status_code: 403, body: { code: "OAUTH_SCOPE_MISMATCH" } });
    const noComposite = await composite({ __composite_requests: [{ method: "GET", uri: "/crm/v8/Leads" }] }, ALL_SCOPES);
    expect([noComposite.status, noComposite.body.code]).toEqual([403, "OAUTH_SCOPE_MISMATCH"]);
  });
});

describe("composite rollback_on_fail", () => {
  it("undoes every write of the batch when one fails, emitting no write event", async () => {
    const [lead] = sandbox().seedCrm({ module: "Leads", count: 1, fields: () => ({ Last_Name: "Original" }) });
    const [taken] = sandbox().seedCrm({ module: "Accounts", count: 1 });
    const leadsBefore = sandbox().state.crm.records.get("Leads")!.size;
    const logBefore = sandbox().state.writeLog.length;
    let answer!: Awaited<ReturnType<typeof composite>>;
    const events = await eventsDuring(async () => {
      answer = await composite({
        rollback_on_fail: true,
        __composite_requests: [
          { method: "POST", uri: "/crm/v8/Leads", body: { data: [{ Last_Name: "Rolled", Company: "R" }] } },
          { method: "PUT", uri: `/crm/v8/Leads/${lead.id}`, body: { data: [{ Last_Name: "Changed" }] } },
          { method: "POST", uri: `/crm/v8/Leads/${lead.id}/actions/add_tags`, body: { tags: [{ name: "Rolled" }] } },
          { method: "POST", uri: "/crm/v8/Accounts", body: { data: [{ Account_Name: taken.Account_Name }] } },
          { method: "POST", uri: "/crm/v8/Leads", body: { data: [{ Last_Name: "Never", Company: "N" }] } },
        ],
      });
    });
    expect(answer.status).toBe(207);
    const subs = answersOf(answer.body);
    expect(subs.slice(0, 3).map((s) => [s.code, s.details.rollbacked_by_sub_request_index])).toEqual([
      ["ROLLBACK_PERFORMED", 3],
      ["ROLLBACK_PERFORMED", 3],
      ["ROLLBACK_PERFORMED", 3],
    ]);
    expect(subs[3].details.response).toMatchObject({ status_code: 400, body: { data: [{ code: "DUPLICATE_DATA" }] } });
    expect(subs[4]).toMatchObject({ code: "PROCESSING_STOPPED", status: "error" });

    expect(events).toEqual([]);
    expect(sandbox().state.writeLog.length).toBe(logBefore);
    expect(sandbox().state.crm.records.get("Leads")!.size).toBe(leadsBefore);
    expect(sandbox().state.crm.records.get("Leads")!.get(lead.id)).toMatchObject({ Last_Name: "Original" });
    expect(sandbox().state.crm.records.get("Leads")!.get(lead.id)!.Tag).toBeUndefined();
  });

  it("keeps the batch and then emits its write events in order when all succeed", async () => {
    let answer!: Awaited<ReturnType<typeof composite>>;
    const events = await eventsDuring(async () => {
      answer = await composite({
        rollback_on_fail: true,
        __composite_requests: [
          { sub_request_id: "lead", method: "POST", uri: "/crm/v8/Leads", body: { data: [{ Last_Name: "Committed", Company: "C" }] } },
          { method: "POST", uri: "/crm/v8/Leads/@{lead:$.data[0].details.id}/Notes", body: { data: [{ Note_Content: "kept" }] } },
        ],
      });
    });
    expect(answer.status).toBe(200);
    const leadId = answersOf(answer.body)[0].details.response!.body.data[0].details.id;
    expect(sandbox().state.crm.records.get("Leads")!.get(leadId)).toMatchObject({ Last_Name: "Committed" });
    expect(events.map((e) => `${e.module}.${e.operation}`)).toEqual(["Leads.insert", "Notes.insert"]);
    expect(sandbox().state.writeLog.slice(-2)).toEqual(events);
  });
});

describe("composite body checks", () => {
  const errorOf = async (body: Record<string, unknown>) => {
    const answer = await composite(body);
    expect(answer.status).toBe(400);
    return answer.body;
  };
  const get = { method: "GET", uri: "/crm/v8/Leads", params: { fields: "Last_Name" } };

  it("takes at most five sub-requests", async () => {
    expect(await errorOf({ __composite_requests: Array(6).fill(get) })).toEqual({
      code: "INVALID_DATA",
      details: { api_name: "__composite_requests", json_path: "$.__composite_requests", maximum_length: 5 },
      message: "invalid data",
      status: "error",
    });
    expect((await composite({ __composite_requests: Array(5).fill(get) })).status).toBe(200);
  });

  it("refuses rollback together with concurrent execution", async () => {
    expect(await errorOf({ rollback_on_fail: true, concurrent_execution: true, __composite_requests: [get] })).toMatchObject({
      code: "AMBIGUITY_DURING_PROCESSING",
      details: { ambiguity_due_to: [{ api_name: "rollback_on_fail" }, { api_name: "concurrent_execution" }] },
    });
  });

  it("refuses loops, credentials in sub-request headers, bad references and duplicate ids", async () => {
    expect(await errorOf({ __composite_requests: [{ method: "POST", uri: "/crm/v8/__composite_requests" }] })).toMatchObject({
      code: "LOOPING_FOUND",
    });
    expect(await errorOf({ __composite_requests: [{ ...get, headers: { Authorization: "Zoho-oauthtoken x" } }] })).toMatchObject({
      code: "INVALID_DATA",
      details: { api_name: "headers", restricted_headers: ["Authorization"] },
    });
    expect(
      await errorOf({
        __composite_requests: [
          { method: "GET", uri: "/crm/v8/Leads/@{later:$.data[0].id}" },
          { ...get, sub_request_id: "later" },
        ],
      }),
    ).toMatchObject({
      code: "INVALID_REFERENCE",
      details: { reference: "@{later:$.data[0].id}" },
    });
    expect(
      await errorOf({
        __composite_requests: [
          { ...get, sub_request_id: "a" },
          { ...get, sub_request_id: "a" },
        ],
      }),
    ).toMatchObject({
      code: "DUPLICATE_DATA",
      details: { sub_request_indexes: [0, 1] },
    });
  });
});
