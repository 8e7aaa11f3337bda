/**
 * The Search API over real HTTP: criteria (operators, and/or nesting, escaped brackets and commas),
 * email, phone and word searches, paging up to Zoho's 2,000-record reach, and the error answers.
 */
import type { CrmRecord } from "../../sandbox/state";
import { useSandbox } from "../helpers/sandbox";
import { crmCall } from "./crmApi";

const sandbox = useSandbox();

const search = (module: string, params: Record<string, string>, scopes?: string[]) =>
  crmCall(sandbox(), "GET", `/crm/v8/${module}/search?${new URLSearchParams({ per_page: "200", ...params })}`, { scopes });

let leads: CrmRecord[];

/** Seeded leads' indexes among the answer's records, in answer order. */
const found = async (params: Record<string, string>) => {
  const answer = await search("Leads", params);
  if (answer.status === 204) return [];
  expect(answer.status).toBe(200);
  return answer.body.data.map((r: { id: string }) => leads.findIndex((l) => l.id === r.id));
};

beforeAll(() => {
  const rows = [
    {
      Last_Name: "Burns",
      First_Name: "Bob",
      Company: "ABC Inc",
      Email: "bob@abc.io",
      Phone: "+1 (555) 010-0001",
      Annual_Revenue: 1000,
      No_of_Employees: 10,
    },
    {
      Last_Name: "Burns, B",
      First_Name: "Mary",
      Company: "ABC",
      Email: "mary@abc.io",
      Phone: "555-010-0002",
      Annual_Revenue: 5000,
      No_of_Employees: 50,
    },
    {
      Last_Name: "Smith (Jr)",
      First_Name: "Al",
      Company: "Zylker",
      Email: "al@zylker.com",
      Phone: "+1 555 010 0003",
      Annual_Revenue: 250,
      No_of_Employees: 5,
    },
    {
      Last_Name: "Burnside",
      First_Name: "Bea",
      Company: "Globex",
      Email: "bea@globex.com",
      Phone: null,
      Annual_Revenue: 9999,
      No_of_Employees: 100,
    },
    {
      Last_Name: "Stone",
      First_Name: "Cy",
      Company: "Initech ABC",
      Email: "cy@initech.io",
      Phone: "555 010 0005",
      Annual_Revenue: 1000,
      No_of_Employees: 70,
    },
  ];
  leads = sandbox().seedCrm({ module: "Leads", count: rows.length, fields: (i) => rows[i] });
});

describe("search by criteria", () => {
  it.each([
    ["(Company:equals:ABC)", [0, 1, 4]],
    ["(Company:equals:abc inc)", [0]],
    ["(Last_Name:equals:Burns\\,B)", [1]],
    ["(Last_Name:equals:Smith \\(Jr\\))", [2]],
    ["(Email:equals:BOB@abc.io)", [0]],
    ["(Last_Name:not_equal:Burns)", [1, 2, 3, 4]],
    ["(Last_Name:starts_with:burn)", [0, 1, 3]],
    ["(First_Name:in:Bob,Al,Zed)", [0, 2]],
    ["(Annual_Revenue:greater_than:1000)", [1, 3]],
    ["(Annual_Revenue:greater_equal:1000)", [0, 1, 3, 4]],
    ["(Annual_Revenue:less_than:1000)", [2]],
    ["(Annual_Revenue:less_equal:1000)", [0, 2, 4]],
    ["(No_of_Employees:between:5,50)", [0, 1, 2]],
    ["((Last_Name:starts_with:Burn)and(No_of_Employees:greater_than:20))", [1, 3]],
    ["((Company:equals:Zylker)or(Company:equals:Globex))", [2, 3]],
    ["(((Last_Name:starts_with:Burn)and(No_of_Employees:less_than:60))or(First_Name:equals:Cy))", [0, 1, 4]],
    ["(Company:equals:Nobody)", []],
  ])("%s", async (criteria, expected) => {
    expect(await found({ criteria })).toEqual(expected);
  });

  it("compares datetimes given with an offset", async () => {
    const created = Date.parse(leads[0].Created_Time);
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "+00:00");
    expect(await found({ criteria: `(Created_Time:less_equal:${iso(created + 60_000)})` })).toEqual([0, 1, 2, 3, 4]);
    expect(await found({ criteria: `(Created_Time:greater_than:${iso(created + 60_000)})` })).toEqual([]);
  });

  it("answers only the asked fields, id always, when fields is given", async () => {
    const answer = await search("Leads", { criteria: "(First_Name:equals:Al)", fields: "Last_Name,Email" });
    expect(answer.body.data).toEqual([{ id: leads[2].id, Last_Name: "Smith (Jr)", Email: "al@zylker.com" }]);
    expect(answer.body.info).toEqual({ per_page: 200, count: 1, page: 1, more_records: false });
  });
});

describe("search by email, phone and word", () => {
  it.each([
    [{ email: "bob@abc.io" }, [0]],
    [{ email: "MARY@ABC.IO" }, [1]],
    [{ email: "bob" }, []],
    [{ phone: "5550100002" }, [1]],
    [{ phone: "+1 555 010 0003" }, [2]],
    [{ word: "initech" }, [4]],
    [{ word: "abc" }, [0, 1, 4]],
  ])("%j", async (params, expected) => {
    expect(await found(params)).toEqual(expected);
  });

  it("answers 204 with no body when nothing matches", async () => {
    const answer = await search("Leads", { word: "no-such-word" });
    expect(answer.status).toBe(204);
    expect(answer.bytes.length).toBe(0);
  });
});

describe("search paging", () => {
  it("pages 200 at a time up to the 2,000th record, then answers LIMIT_REACHED", async () => {
    const pagers = sandbox().seedCrm({ module: "Contacts", count: 2100, fields: () => ({ Last_Name: "Pager" }) });
    const seen: string[] = [];
    for (let page = 1; page <= 10; page++) {
      const answer = await search("Contacts", { criteria: "(Last_Name:equals:Pager)", page: String(page) });
      expect(answer.body.info).toEqual({ per_page: 200, count: 200, page, more_records: true });
      seen.push(...answer.body.data.map((r: { id: string }) => r.id));
    }
    expect(seen).toEqual(pagers.slice(0, 2000).map((r) => r.id));
    const beyond = await search("Contacts", { criteria: "(Last_Name:equals:Pager)", page: "11" });
    expect(beyond.status).toBe(400);
    expect(beyond.body).toEqual({
      code: "LIMIT_REACHED",
      details: { limit: "2000" },
      message: "maximum response iteration limit reached",
      status: "error",
    });
  });

  it("says more_records false on the last page and caps per_page at 200", async () => {
    const last = await search("Leads", { criteria: "(Last_Name:starts_with:Burn)", per_page: "2", page: "2" });
    expect(last.body.info).toEqual({ per_page: 2, count: 1, page: 2, more_records: false });
    const capped = await search("Leads", { word: "abc", per_page: "500" });
    expect(capped.body.info.per_page).toBe(200);
  });
});

describe("search errors", () => {
  const errorOf = async (module: string, params: Record<string, string>) => {
    const answer = await search(module, params);
    expect(answer.status).toBe(400);
    return answer.body;
  };

  it.each([
    ["Last_Name:equals:Burns", "criteria"],
    ["(Last_Name:equals:Burns", "criteria"],
    ["((Last_Name:equals:A)and(Last_Name:equals:B)or(Last_Name:equals:C))", "criteria"],
    ["(Nope:equals:1)", "Nope"],
    ["(Last_Name:greater_than:B)", "Last_Name"],
    ["(No_of_Employees:equals:many)", "No_of_Employees"],
    ["(Last_Name:equals:Burns,B)", "Last_Name"],
  ])("answers INVALID_QUERY for %s", async (criteria, apiName) => {
    expect(await errorOf("Leads", { criteria })).toMatchObject({
      code: "INVALID_QUERY",
      message: "Invalid query formed",
      details: { api_name: apiName },
      status: "error",
    });
  });

  it("asks for one of criteria, email, phone or word", async () => {
    expect(await errorOf("Leads", {})).toEqual({
      code: "EXPECTED_PARAM_MISSING",
      details: { param_names: ["criteria", "email", "phone", "word"] },
      message: "One of the expected parameter is missing",
      status: "error",
    });
  });

  it("answers INVALID_MODULE for an unknown module", async () => {
    expect(await errorOf("Nope", { word: "x" })).toMatchObject({ code: "INVALID_MODULE", details: { resource_path_index: 0 } });
  });

  it("takes ZohoSearch.securesearch.READ or read access to the module", async () => {
    expect((await search("Leads", { word: "abc" }, ["ZohoSearch.securesearch.READ"])).status).toBe(200);
    expect((await search("Leads", { word: "abc" }, ["ZohoCRM.modules.leads.READ"])).status).toBe(200);
    const refused = await search("Contacts", { word: "abc" }, ["ZohoCRM.modules.leads.READ"]);
    expect([refused.status, refused.body.code]).toEqual([403, "OAUTH_SCOPE_MISMATCH"]);
  });
});
