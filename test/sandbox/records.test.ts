/**
 * CRM records over real HTTP, every answer checked against Zoho's record.json: listing limits and
 * page tokens, If-Modified-Since, reads, and writes with their per-record answers and write events.
 */
import type { CrmRecord } from "../../sandbox/state";
import { useSandbox, type TestSandbox } from "../helpers/sandbox";
import { crmCall } from "./crmApi";
import { httpCall } from "./httpCall";

const get = (sandbox: TestSandbox, path: string, headers?: Record<string, string>) => crmCall(sandbox, "GET", path, { headers });
const send = (sandbox: TestSandbox, method: string, path: string, json: unknown) => crmCall(sandbox, method, path, { json });

describe("listing", () => {
  const sandbox = useSandbox();
  let leads: CrmRecord[];
  beforeAll(() => {
    leads = sandbox().seedCrm({ module: "Leads", count: 5000 });
  });

  test("answers id plus the asked fields, in id order, with Zoho's info", async () => {
    const { status, body } = await get(sandbox(), "/crm/v8/Leads?fields=Last_Name,Email&per_page=3");
    expect(status).toBe(200);
    expect(body.data).toEqual(leads.slice(0, 3).map((l) => ({ id: l.id, Last_Name: l.Last_Name, Email: l.Email })));
    expect(body.info).toMatchObject({ per_page: 3, count: 3, page: 1, sort_by: "id", sort_order: "asc", more_records: true });
    const desc = await get(sandbox(), "/crm/v8/Leads?fields=Last_Name&per_page=2&sort_order=desc");
    expect(desc.body.data.map((r: CrmRecord) => r.id)).toEqual([leads[4999].id, leads[4998].id]);
  });

  test("ids narrows the list to those records, in the list's order", async () => {
    const wanted = [leads[42], leads[7], leads[4000]];
    const { status, body } = await get(sandbox(), `/crm/v8/Leads?fields=Last_Name&ids=${wanted.map((l) => l.id).join(",")}`);
    expect(status).toBe(200);
    expect(body.data).toEqual([leads[7], leads[42], leads[4000]].map((l) => ({ id: l.id, Last_Name: l.Last_Name })));
    expect(body.info).toMatchObject({ count: 3, more_records: false });
  });

  test("fields is mandatory and at most 50; per_page at most 200; the module must exist", async () => {
    const noFields = await get(sandbox(), "/crm/v8/Leads");
    expect([noFields.status, noFields.body]).toEqual([
      400,
      { code: "REQUIRED_PARAM_MISSING", details: { param_name: "fields" }, message: expect.any(String), status: "error" },
    ]);
    const fiftyOne = Array.from({ length: 51 }, () => "Last_Name").join(",");
    expect((await get(sandbox(), `/crm/v8/Leads?fields=${fiftyOne}`)).body).toMatchObject({ code: "LIMIT_EXCEEDED", details: { limit: 50 } });
    expect((await get(sandbox(), "/crm/v8/Leads?fields=Last_Name&per_page=200")).body.info.count).toBe(200);
    const tooMany = await get(sandbox(), "/crm/v8/Leads?fields=Last_Name&per_page=201");
    expect([tooMany.status, tooMany.body.code, tooMany.body.details]).toEqual([400, "INVALID_DATA", { param_name: "per_page" }]);
    const unknown = await get(sandbox(), "/crm/v8/Potentials?fields=Last_Name");
    expect([unknown.status, unknown.body]).toEqual([
      400,
      { code: "INVALID_MODULE", details: { resource_path_index: 0 }, message: "the module name given seems to be invalid", status: "error" },
    ]);
  });

  test("page and per_page reach the 2,000th record and no further", async () => {
    const tenth = await get(sandbox(), "/crm/v8/Leads?fields=Last_Name&page=10&per_page=200");
    expect(tenth.body.data[199].id).toBe(leads[1999].id);
    expect(tenth.body.info.more_records).toBe(true);
    for (const query of ["page=11&per_page=200", "page=2001&per_page=1", "page=21&per_page=100"]) {
      const past = await get(sandbox(), `/crm/v8/Leads?fields=Last_Name&${query}`);
      expect([past.status, past.body.code]).toEqual([400, "DISCRETE_PAGINATION_LIMIT_EXCEEDED"]);
    }
  });

  test("page tokens walk all 5,000 records once each, even as records come and go meanwhile", async () => {
    const seen: string[] = [];
    let path = "/crm/v8/Leads?fields=Last_Name&per_page=200";
    let added: string | undefined;
    for (let calls = 0; calls < 40; calls++) {
      const { status, body } = await get(sandbox(), path);
      expect(status).toBe(200);
      seen.push(...body.data.map((r: CrmRecord) => r.id));
      if (calls === 1) expect(body.info.previous_page_token).toBeUndefined();
      if (!body.info.more_records) {
        expect(body.info.next_page_token).toBeUndefined();
        break;
      }
      expect(Date.parse(body.info.page_token_expiry) - sandbox().clock.now()).toBeGreaterThan(23 * 3600 * 1000);
      if (calls === 3) {
        // The record the token resumes after goes away, and a new record arrives at the end.
        sandbox()
          .state.crm.records.get("Leads")!
          .delete(seen[seen.length - 1]);
        added = (await send(sandbox(), "POST", "/crm/v8/Leads", { data: [{ Last_Name: "Latecomer" }] })).body.data[0].details.id;
      }
      path = `/crm/v8/Leads?fields=Last_Name&per_page=200&page_token=${body.info.next_page_token}`;
    }
    expect(seen).toHaveLength(5001);
    expect(new Set(seen).size).toBe(5001);
    expect(seen.slice(0, 5000)).toEqual(leads.map((l) => l.id));
    expect(seen[5000]).toBe(added);
  });

  test("a page token is the issuing user's, lives 24 hours, and names its previous page", async () => {
    const first = await get(sandbox(), "/crm/v8/Leads?fields=Last_Name&per_page=100");
    const token = first.body.info.next_page_token;
    const second = await get(sandbox(), `/crm/v8/Leads?fields=Last_Name&per_page=100&page_token=${token}`);
    expect(second.body.data[0].id).toBe(leads[100].id);
    const third = await get(sandbox(), `/crm/v8/Leads?fields=Last_Name&per_page=100&page_token=${second.body.info.next_page_token}`);
    expect(third.body.info.previous_page_token).toBe(token);
    expect(third.body.info.page).toBe(3);

    const otherUser = sandbox().issueToken({ userId: sandbox().state.users[1].id }).accessToken;
    const foreign = await httpCall(`${sandbox().url}/crm/v8/Leads?fields=Last_Name&page_token=${token}`, { token: otherUser });
    expect([foreign.status, foreign.body.code, foreign.body.details]).toEqual([400, "INVALID_DATA", { param_name: "page_token" }]);
    sandbox().clock.advance(24 * 3600 * 1000);
    const expired = await get(sandbox(), `/crm/v8/Leads?fields=Last_Name&page_token=${token}`);
    expect([expired.status, expired.body.code]).toEqual([400, "INVALID_DATA"]);
  });
});

describe("empty lists and If-Modified-Since", () => {
  const sandbox = useSandbox({ now: Date.UTC(2026, 4, 1, 12) });

  test("an empty module answers 204 with no body", async () => {
    const { status, bytes } = await get(sandbox(), "/crm/v8/Contacts?fields=Last_Name");
    expect([status, bytes.length]).toEqual([204, 0]);
  });

  test("only records modified after the header come back; none answers 304", async () => {
    const old = sandbox().seedCrm({ module: "Deals", count: 3, modifiedAt: Date.UTC(2026, 3, 1) });
    const recent = sandbox().seedCrm({ module: "Deals", count: 2, modifiedAt: Date.UTC(2026, 3, 20) });
    const since = (value: string) => get(sandbox(), "/crm/v8/Deals?fields=Deal_Name", { "If-Modified-Since": value });
    const iso = await since("2026-04-10T00:00:00+00:00");
    expect(iso.body.data.map((r: CrmRecord) => r.id)).toEqual(recent.map((r) => r.id));
    expect((await since("2026-03-01T00:00:00+00:00")).body.data).toHaveLength(old.length + recent.length);
    const none = await since("2026-04-30T00:00:00+00:00");
    expect([none.status, none.bytes.length]).toEqual([304, 0]);
  });

  test("If-Modified-Since may also be an HTTP date", async () => {
    const answer = await crmCall(sandbox(), "GET", "/crm/v8/Deals?fields=Deal_Name", { headers: { "If-Modified-Since": "Fri, 10 Apr 2026 00:00:00 GMT" } });
    expect(answer.body.data).toHaveLength(2);
    sandbox().violations.splice(0); // record.json declares the header as ISO date-time only
  });
});

describe("get one record", () => {
  const sandbox = useSandbox();

  test("answers the whole record, or the asked fields; 204 when there is none", async () => {
    const [account] = sandbox().seedCrm({ module: "Accounts", count: 1, fields: () => ({ Account_Name: "Zylker" }) });
    const whole = await get(sandbox(), `/crm/v8/Accounts/${account.id}`);
    expect(whole.body.data).toEqual([JSON.parse(JSON.stringify(account))]);
    const some = await get(sandbox(), `/crm/v8/Accounts/${account.id}?fields=Account_Name`);
    expect(some.body.data).toEqual([{ id: account.id, Account_Name: "Zylker" }]);
    expect((await get(sandbox(), "/crm/v8/Accounts/5725767000999999999")).status).toBe(204);
  });
});

describe("writes", () => {
  const sandbox = useSandbox();
  const stored = (module: string, id: string) => sandbox().state.crm.records.get(module)!.get(id)!;

  test("insert answers 201 with ids, times and users; Owner defaults to the token's user", async () => {
    const kris = sandbox().state.users[1];
    const token = sandbox().issueToken({ userId: kris.id }).accessToken;
    const { status, body } = await httpCall(`${sandbox().url}/crm/v8/Leads`, {
      method: "POST",
      token,
      json: { data: [{ Last_Name: "Boyle", First_Name: "Patricia", Annual_Revenue: 1500.5, Email_Opt_Out: true }], trigger: ["workflow"] },
    });
    expect(status).toBe(201);
    const krisRef = { name: "Kris Marrier", id: kris.id, email: kris.email };
    expect(body.data).toEqual([
      {
        code: "SUCCESS",
        status: "success",
        message: "record added",
        details: {
          id: expect.stringMatching(/^\d{19}$/),
          Created_Time: expect.any(String),
          Modified_Time: expect.any(String),
          Created_By: krisRef,
          Modified_By: krisRef,
        },
      },
    ]);
    expect(stored("Leads", body.data[0].details.id)).toMatchObject({ Last_Name: "Boyle", Full_Name: "Patricia Boyle", Owner: krisRef, Annual_Revenue: 1500.5 });
  });

  test("each record is checked on its own: 207 when mixed, 400 when all fail", async () => {
    const mixed = await send(sandbox(), "POST", "/crm/v8/Leads", {
      data: [{ Last_Name: "Fine" }, { First_Name: "No last name" }, { Last_Name: "Bad", No_of_Employees: "many" }, { Last_Name: "Bad", Email: "not-an-email" }],
    });
    expect(mixed.status).toBe(207);
    expect(mixed.body.data.map((d: { status: string }) => d.status)).toEqual(["success", "error", "error", "error"]);
    expect(mixed.body.data[1]).toEqual({
      code: "MANDATORY_NOT_FOUND",
      status: "error",
      message: "required field not found",
      details: { api_name: "Last_Name", json_path: "$.data[1].Last_Name" },
    });
    expect(mixed.body.data[2]).toMatchObject({
      code: "INVALID_DATA",
      details: { api_name: "No_of_Employees", expected_data_type: "integer", json_path: "$.data[2].No_of_Employees" },
    });
    expect(mixed.body.data[3].details).toMatchObject({ api_name: "Email", expected_data_type: "email" });

    const allBad = await send(sandbox(), "POST", "/crm/v8/Deals", { data: [{ Deal_Name: "No stage" }] });
    expect([allBad.status, allBad.body.data[0].code, allBad.body.data[0].details.api_name]).toEqual([400, "MANDATORY_NOT_FOUND", "Stage"]);
  });

  test("a unique field refuses a second record with DUPLICATE_DATA naming the first", async () => {
    const first = await send(sandbox(), "POST", "/crm/v8/Accounts", { data: [{ Account_Name: "Chemel" }] });
    const again = await send(sandbox(), "POST", "/crm/v8/Accounts", { data: [{ Account_Name: "chemel" }] });
    expect(again.status).toBe(400);
    expect(again.body.data[0]).toMatchObject({
      code: "DUPLICATE_DATA",
      details: {
        api_name: "Account_Name",
        json_path: "$.data[0].Account_Name",
        duplicate_record: { id: first.body.data[0].details.id, module: { api_name: "Accounts" } },
      },
    });
  });

  test("a call takes 1 to 100 records", async () => {
    const tooMany = await send(sandbox(), "POST", "/crm/v8/Leads", { data: Array.from({ length: 101 }, (_, i) => ({ Last_Name: `L${i}` })) });
    expect([tooMany.status, tooMany.body.code, tooMany.body.details.limit]).toEqual([400, "LIMIT_EXCEEDED", 100]);
    const empty = await send(sandbox(), "POST", "/crm/v8/Leads", { data: [] });
    expect([empty.status, empty.body.code]).toEqual([400, "MANDATORY_NOT_FOUND"]);
    const hundred = await send(sandbox(), "POST", "/crm/v8/Leads", { data: Array.from({ length: 100 }, (_, i) => ({ Last_Name: `L${i}` })) });
    expect(hundred.status).toBe(201);
  });

  test("update by body ids (200, unknown ids fail alone) and by path id; lookups store their name", async () => {
    const [a, b] = sandbox().seedCrm({ module: "Contacts", count: 2 });
    const [account] = sandbox().seedCrm({ module: "Accounts", count: 1, fields: () => ({ Account_Name: "Feltz Printing" }) });
    const both = await send(sandbox(), "PUT", "/crm/v8/Contacts", {
      data: [
        { id: a.id, Title: "CEO" },
        { id: b.id, Account_Name: { id: account.id } },
      ],
    });
    expect(both.status).toBe(200);
    expect(both.body.data.every((d: { message: string }) => d.message === "record updated")).toBe(true);
    expect(stored("Contacts", a.id).Title).toBe("CEO");
    expect(stored("Contacts", b.id).Account_Name).toEqual({ name: "Feltz Printing", id: account.id });

    const mixed = await send(sandbox(), "PUT", "/crm/v8/Contacts", {
      data: [{ id: a.id, Title: "CTO" }, { id: "5725767000999999999", Title: "x" }, { Title: "no id" }],
    });
    expect(mixed.status).toBe(207);
    expect(mixed.body.data[1]).toMatchObject({ code: "INVALID_DATA", details: { api_name: "id", json_path: "$.data[1].id" } });
    expect(mixed.body.data[2]).toMatchObject({ code: "MANDATORY_NOT_FOUND", details: { api_name: "id" } });

    const one = await send(sandbox(), "PUT", `/crm/v8/Contacts/${b.id}`, { data: [{ Last_Name: "" }] });
    expect([one.status, one.body.data[0].code]).toEqual([400, "MANDATORY_NOT_FOUND"]);
    const fixed = await send(sandbox(), "PUT", `/crm/v8/Contacts/${b.id}`, { data: [{ Last_Name: "Renamed" }] });
    expect([fixed.status, stored("Contacts", b.id).Last_Name]).toEqual([200, "Renamed"]);
  });

  test("upsert matches on the duplicate check fields and says which action it took", async () => {
    const [lead] = sandbox().seedCrm({ module: "Leads", count: 1, fields: () => ({ Email: "capla.paprocki@example.com" }) });
    const answer = await send(sandbox(), "POST", "/crm/v8/Leads/upsert", {
      data: [
        { Last_Name: "Paprocki", Email: "capla.paprocki@example.com", Lead_Status: "Contacted" },
        { Last_Name: "Hirpara", Email: "felix.hirpara@example.com" },
      ],
      duplicate_check_fields: ["Email"],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.data[0]).toMatchObject({ action: "update", duplicate_field: "Email", message: "record updated", details: { id: lead.id } });
    expect(answer.body.data[1]).toMatchObject({ action: "insert", message: "record added" });
    expect(stored("Leads", lead.id).Lead_Status).toBe("Contacted");
    const inserted = await send(sandbox(), "POST", "/crm/v8/Leads/upsert", { data: [{ Last_Name: "New", Email: "new.person@example.com" }] });
    expect([inserted.status, inserted.body.data[0].action]).toEqual([201, "insert"]);
  });

  test("delete answers per id, takes at most 100, and needs ids", async () => {
    const [a, b] = sandbox().seedCrm({ module: "Tasks", count: 2 });
    const answer = await crmCall(sandbox(), "DELETE", `/crm/v8/Tasks?ids=${a.id},5725767000999999999,${b.id}`);
    expect(answer.status).toBe(207);
    expect(answer.body.data).toEqual([
      { code: "SUCCESS", status: "success", message: "record deleted", details: { id: a.id } },
      { code: "INVALID_DATA", status: "error", message: expect.any(String), details: { id: "5725767000999999999" } },
      { code: "SUCCESS", status: "success", message: "record deleted", details: { id: b.id } },
    ]);
    expect(sandbox().state.crm.records.get("Tasks")!.size).toBe(0);
    const ids = Array.from({ length: 101 }, (_, i) => String(5725767000000000000n + BigInt(i))).join(",");
    expect((await crmCall(sandbox(), "DELETE", `/crm/v8/Tasks?ids=${ids}`)).body.code).toBe("LIMIT_EXCEEDED");
    expect((await crmCall(sandbox(), "DELETE", "/crm/v8/Tasks")).body.code).toBe("REQUIRED_PARAM_MISSING");
    sandbox().violations.splice(0); // record.json makes ids required
  });

  test("each call's stored changes become one write event per operation, in order", async () => {
    const events: unknown[] = [];
    const listener = (event: unknown) => events.push(event);
    sandbox().state.events.on("write", listener);
    const before = sandbox().state.writeLog.length;
    try {
      const inserted = await send(sandbox(), "POST", "/crm/v8/Campaigns", { data: [{ Campaign_Name: "Spring" }, { Campaign_Name: "Fall", Status: "Active" }] });
      const ids = inserted.body.data.map((d: { details: { id: string } }) => d.details.id);
      await send(sandbox(), "PUT", "/crm/v8/Campaigns", { data: [{ id: ids[0], Status: "Planning" }] });
      await crmCall(sandbox(), "DELETE", `/crm/v8/Campaigns?ids=${ids.join(",")}`);
      const log = sandbox().state.writeLog.slice(before);
      expect(log.map(({ module, operation, ids: written, affectedFields }) => ({ module, operation, ids: written, affectedFields }))).toEqual([
        { module: "Campaigns", operation: "insert", ids, affectedFields: [["Campaign_Name"], ["Campaign_Name", "Status"]] },
        { module: "Campaigns", operation: "update", ids: [ids[0]], affectedFields: [["Status"]] },
        { module: "Campaigns", operation: "delete", ids, affectedFields: undefined },
      ]);
      expect(events).toEqual(log);
    } finally {
      sandbox().state.events.off("write", listener);
    }
  });

  test("module scopes: leads.READ lists Leads but cannot write them or read Contacts", async () => {
    const scopes = ["ZohoCRM.modules.leads.READ"];
    expect((await crmCall(sandbox(), "GET", "/crm/v8/Leads?fields=Last_Name", { scopes })).status).toBe(200);
    expect((await crmCall(sandbox(), "POST", "/crm/v8/Leads", { scopes, json: { data: [{ Last_Name: "x" }] } })).body.code).toBe("OAUTH_SCOPE_MISMATCH");
    expect((await crmCall(sandbox(), "GET", "/crm/v8/Contacts?fields=Last_Name", { scopes })).status).toBe(403);
  });
});

describe("page tokens in every order", () => {
  const sandbox = useSandbox();

  /** Every id the list gives, page after page (page numbers to 2,000, then tokens); deletes `drop` after the first token page. */
  const walk = async (query: string, drop?: string) => {
    const ids: string[] = [];
    let path = `/crm/v8/Contacts?fields=Last_Name&per_page=200&${query}`;
    for (let page = 1, tokenPages = 0; ; ) {
      const { status, body } = await get(sandbox(), path);
      if (status === 204) break;
      ids.push(...body.data.map((r: CrmRecord) => r.id));
      if (!body.info.more_records) break;
      if (body.info.next_page_token && (page + 1) * 200 > 2000) {
        if (tokenPages++ === 1 && drop) sandbox().state.crm.records.get("Contacts")!.delete(drop);
        path = `/crm/v8/Contacts?fields=Last_Name&per_page=200&page_token=${body.info.next_page_token}`;
      } else path = `/crm/v8/Contacts?fields=Last_Name&per_page=200&${query}&page=${(page += 1)}`;
    }
    return ids;
  };

  test("id descending and Modified_Time: each record once, in order, past a record deleted mid-walk", async () => {
    const at = sandbox().clock.now();
    // Modified times run against id order, so the two orders differ.
    const seeded = sandbox().seedCrm({ module: "Contacts", count: 3_000 });
    seeded.forEach((r, i) => (r.Modified_Time = new Date(at - i * 1000).toISOString().replace(/\.\d{3}Z$/, "+00:00")));
    const byIdDesc = seeded.map((r) => r.id).reverse();
    expect(await walk("sort_order=desc")).toEqual(byIdDesc);
    expect(await walk("sort_by=Modified_Time&sort_order=asc")).toEqual(byIdDesc);
    const gone = byIdDesc[2_500];
    expect(await walk("sort_order=desc", gone)).toEqual(byIdDesc.filter((id) => id !== gone));
  });
});
