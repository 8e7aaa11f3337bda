/**
 * COQL over real HTTP: every comparator, bracket grouping, lookups, ordering, the limit forms,
 * COUNT, paging through thousands of rows, and Zoho's error answers for invalid queries.
 */
import type { CrmRecord } from "../../sandbox/state";
import { minifiedUser } from "../../sandbox/crm/records/writes";
import { useSandbox } from "../helpers/sandbox";
import { acceptGap, GAPS } from "./contractGaps";
import { crmCall } from "./crmApi";

const sandbox = useSandbox();

const coql = (select_query: string, scopes?: string[]) => crmCall(sandbox(), "POST", "/crm/v8/coql", { json: { select_query }, scopes });

/** First names of the rows a query returns, in order. */
const firstNames = async (where: string, tail = "order by First_Name") => {
  const answer = await coql(`select First_Name from Contacts where ${where} ${tail}`);
  if (answer.status === 204) {
    return [];
  }
  expect(answer.status).toBe(200);
  return answer.body.data.map((row: { First_Name: string }) => row.First_Name);
};

const errorOf = async (query: string) => {
  const answer = await coql(query);
  expect(answer.status).toBe(400);
  expect(answer.body.status).toBe("error");
  return answer.body as { code: string; message: string; details: Record<string, unknown> };
};

let accounts: Record<string, CrmRecord>;
let contacts: Record<string, CrmRecord>;

beforeAll(() => {
  const s = sandbox();
  const seededAccounts = s.seedCrm({
    module: "Accounts",
    count: 3,
    fields: (i) =>
      [
        { Account_Name: "Zylker", Industry: "Technology", Employees: 50 },
        { Account_Name: "Acme", Industry: "Manufacturing", Employees: 500 },
        { Account_Name: "Globex", Industry: "Retail", Employees: 5 },
      ][i],
  });
  accounts = Object.fromEntries(seededAccounts.map((a) => [a.Account_Name as string, a]));
  const link = (name?: string) => (name ? { name, id: accounts[name].id } : null);
  const users = s.state.users.map(minifiedUser);
  const rows = [
    {
      First_Name: "Ann",
      Last_Name: "Burns",
      Account_Name: link("Zylker"),
      Date_of_Birth: "1980-01-15",
      Department: "Sales",
      Email_Opt_Out: true,
      Owner: users[0],
    },
    {
      First_Name: "Bob",
      Last_Name: "Burns",
      Account_Name: link("Acme"),
      Date_of_Birth: "1985-06-01",
      Department: "Support",
      Email_Opt_Out: false,
      Owner: users[1],
    },
    {
      First_Name: "Carl",
      Last_Name: "Smith",
      Account_Name: link("Zylker"),
      Date_of_Birth: "1990-03-20",
      Department: "Sales",
      Email_Opt_Out: false,
      Owner: users[2],
    },
    {
      First_Name: "Dana",
      Last_Name: "O'Neil",
      Account_Name: link("Globex"),
      Date_of_Birth: "1975-12-31",
      Department: null,
      Email_Opt_Out: true,
      Owner: users[0],
    },
    {
      First_Name: "Eve",
      Last_Name: "Stone",
      Account_Name: link("Acme"),
      Date_of_Birth: null,
      Department: "Marketing",
      Email_Opt_Out: false,
      Owner: users[1],
    },
    {
      First_Name: "Finn",
      Last_Name: "Burnside",
      Account_Name: null,
      Date_of_Birth: "1995-07-07",
      Department: "Sales",
      Email_Opt_Out: true,
      Owner: users[2],
    },
  ];
  const seeded = s.seedCrm({ module: "Contacts", count: rows.length, fields: (i) => rows[i] });
  contacts = Object.fromEntries(seeded.map((c) => [c.First_Name as string, c]));
});

describe("COQL comparators", () => {
  it.each([
    ["Last_Name = 'Burns'", ["Ann", "Bob"]],
    ["Last_Name = 'burns'", ["Ann", "Bob"]],
    ["Department != 'Sales'", ["Bob", "Eve"]],
    ["Date_of_Birth < '1985-06-01'", ["Ann", "Dana"]],
    ["Date_of_Birth <= '1985-06-01'", ["Ann", "Bob", "Dana"]],
    ["Date_of_Birth > '1990-03-20'", ["Finn"]],
    ["Date_of_Birth >= '1990-03-20'", ["Carl", "Finn"]],
    ["Last_Name like 'Burn%'", ["Ann", "Bob", "Finn"]],
    ["Last_Name like '%on%'", ["Eve"]],
    ["Last_Name like '%s'", ["Ann", "Bob"]],
    ["Last_Name not like 'Burn%'", ["Carl", "Dana", "Eve"]],
    ["First_Name in ('Ann', 'Eve', 'Zed')", ["Ann", "Eve"]],
    ["First_Name not in ('Ann', 'Eve')", ["Bob", "Carl", "Dana", "Finn"]],
    ["Date_of_Birth is null", ["Eve"]],
    ["Department is null", ["Dana"]],
    ["Date_of_Birth is not null", ["Ann", "Bob", "Carl", "Dana", "Finn"]],
    ["Date_of_Birth between '1980-01-01' and '1990-12-31'", ["Ann", "Bob", "Carl"]],
    ["Email_Opt_Out = true", ["Ann", "Dana", "Finn"]],
    ["Email_Opt_Out = false", ["Bob", "Carl", "Eve"]],
    ["Last_Name = 'O''Neil'", ["Dana"]],
    ["Last_Name = 'O\\'Neil'", ["Dana"]],
    ["Last_Name = 'Nobody'", []],
  ])("%s", async (where, expected) => {
    expect(await firstNames(where)).toEqual(expected);
  });

  it("compares ids exactly, all 19 digits", async () => {
    expect(await firstNames(`id = ${contacts.Carl.id}`)).toEqual(["Carl"]);
    expect(await firstNames(`id in ('${contacts.Ann.id}', ${contacts.Eve.id})`)).toEqual(["Ann", "Eve"]);
    expect(await firstNames(`id > ${contacts.Dana.id}`)).toEqual(["Eve", "Finn"]);
  });

  it("filters on datetimes given with an offset", async () => {
    const created = Date.parse(contacts.Ann.Created_Time);
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "+00:00");
    expect(await firstNames(`Created_Time >= '${iso(created - 60_000)}'`)).toHaveLength(6);
    expect(await firstNames(`Created_Time > '${iso(created + 60_000)}'`)).toEqual([]);
  });
});

describe("COQL grouping", () => {
  it("follows the brackets: the same criteria grouped two ways give different rows", async () => {
    expect(await firstNames("(Last_Name like 'Burn%' and Department = 'Sales') or Email_Opt_Out = true")).toEqual(["Ann", "Dana", "Finn"]);
    expect(await firstNames("Last_Name like 'Burn%' and (Department = 'Sales' or Email_Opt_Out = true)")).toEqual(["Ann", "Finn"]);
    expect(await firstNames("((Last_Name = 'Burns' or Last_Name = 'Smith') and (Department = 'Sales' and Email_Opt_Out = false))")).toEqual(["Carl"]);
  });

  it("refuses three criteria on one level, as Zoho asks for brackets", async () => {
    const error = await errorOf("select First_Name from Contacts where Last_Name like 'Burn%' and Department = 'Sales' or Email_Opt_Out = true");
    expect(error.code).toBe("SYNTAX_ERROR");
    expect(error.message).toBe("error occurred while parsing the query");
    expect(error.details).toMatchObject({ near: "or" });
  });
});

describe("COQL lookups, ordering, limits and COUNT", () => {
  it("reads fields through a lookup and returns the lookup itself as {id}", async () => {
    const answer = await coql(
      "select First_Name, Account_Name, Account_Name.Account_Name, Account_Name.Industry from Contacts where Account_Name.Industry = 'Manufacturing' order by First_Name",
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      data: [
        {
          First_Name: "Bob",
          Account_Name: { id: accounts.Acme.id },
          "Account_Name.Account_Name": "Acme",
          "Account_Name.Industry": "Manufacturing",
          id: contacts.Bob.id,
        },
        {
          First_Name: "Eve",
          Account_Name: { id: accounts.Acme.id },
          "Account_Name.Account_Name": "Acme",
          "Account_Name.Industry": "Manufacturing",
          id: contacts.Eve.id,
        },
      ],
      info: { count: 2, more_records: false },
    });
    expect(await firstNames("Account_Name.Employees > 10")).toEqual(["Ann", "Bob", "Carl", "Eve"]);
    expect(await firstNames("Account_Name is null")).toEqual(["Finn"]);
    expect(await firstNames(`Account_Name = ${accounts.Globex.id}`)).toEqual(["Dana"]);
  });

  it("reads the owner's fields through Owner", async () => {
    const owner = minifiedUser(sandbox().state.users[1]);
    expect(await firstNames(`Owner.email = '${owner.email}'`)).toEqual(["Bob", "Eve"]);
    const answer = await coql(`select Owner.name, Owner from Contacts where First_Name = 'Bob'`);
    expect(answer.body.data).toEqual([{ "Owner.name": owner.name, Owner: { name: owner.name, id: owner.id }, id: contacts.Bob.id }]);
  });

  it("orders by several columns, empty values last when descending", async () => {
    expect(await firstNames("id is not null", "order by Last_Name asc, First_Name desc")).toEqual(["Bob", "Ann", "Finn", "Dana", "Carl", "Eve"]);
    expect(await firstNames("id is not null", "order by Date_of_Birth desc")).toEqual(["Finn", "Carl", "Bob", "Ann", "Dana", "Eve"]);
    expect(await firstNames("id is not null", "order by Account_Name.Account_Name, First_Name")).toEqual(["Finn", "Bob", "Eve", "Dana", "Ann", "Carl"]);
  });

  it.each([
    ["limit 2", ["Ann", "Bob"], true],
    ["limit 2, 2", ["Carl", "Dana"], true],
    ["limit 2 offset 4", ["Eve", "Finn"], false],
    ["limit 4, 10", ["Eve", "Finn"], false],
  ])("pages with %s", async (limit, names, more) => {
    const answer = await coql(`select First_Name from Contacts where id is not null order by First_Name ${limit}`);
    expect(answer.body.data.map((r: { First_Name: string }) => r.First_Name)).toEqual(names);
    expect(answer.body.info).toEqual({ count: names.length, more_records: more });
  });

  it("answers 204 with no body past the last row", async () => {
    const answer = await coql("select First_Name from Contacts where id is not null limit 10, 5");
    expect(answer.status).toBe(204);
    expect(answer.bytes.length).toBe(0);
  });

  it("counts rows with COUNT()", async () => {
    const answer = await coql("select COUNT(id) from Contacts where Last_Name like 'Burn%'");
    expect(answer.body).toEqual({ data: [{ "COUNT(id)": 3 }], info: { count: 1, more_records: false } });
    const counted = await coql("select COUNT(Date_of_Birth) from Contacts where id is not null");
    expect(counted.body.data).toEqual([{ "COUNT(Date_of_Birth)": 5 }]);
  });
});

describe("COQL paging over thousands of rows", () => {
  it("reaches every row exactly once with limit offset, count", async () => {
    const seeded = sandbox().seedCrm({ module: "Leads", count: 4321, fields: (i) => ({ Last_Name: `Lead ${i % 7}` }) });
    for (const order of ["", "order by Last_Name desc"]) {
      const seen: string[] = [];
      for (let offset = 0, more = true; more; offset += 2000) {
        const answer = await coql(`select Last_Name from Leads where Last_Name like 'Lead%' ${order} limit ${offset}, 2000`);
        expect(answer.status).toBe(200);
        seen.push(...answer.body.data.map((row: { id: string }) => row.id));
        more = answer.body.info.more_records;
        expect(answer.body.info.count).toBe(more ? 2000 : 321);
      }
      expect(seen).toHaveLength(seeded.length);
      expect(new Set(seen)).toEqual(new Set(seeded.map((r) => r.id)));
    }
  });
});

describe("COQL errors", () => {
  it("requires a where clause", async () => {
    expect(await errorOf("select Last_Name from Contacts")).toEqual({
      code: "SYNTAX_ERROR",
      details: { clause: "where" },
      message: "error occurred while parsing the query",
      status: "error",
    });
  });

  it("points at the token it could not parse", async () => {
    expect(await errorOf("select Last_Name from Contacts where Last_Name = ")).toMatchObject({
      code: "SYNTAX_ERROR",
      details: { line: 1, column: 48, near: "=" },
    });
  });

  it.each([
    ["select Nope from Contacts where id is not null", { column_name: "Nope", clause: "select" }],
    ["select Last_Name from Contacts where Nope = 1", { column_name: "Nope", clause: "where" }],
    ["select Last_Name from Contacts where id is not null order by Nope", { column_name: "Nope", clause: "order by" }],
    ["select Last_Name.Nope from Contacts where id is not null", { column_name: "Last_Name.Nope", clause: "select" }],
    ["select Account_Name.Nope from Contacts where id is not null", { column_name: "Account_Name.Nope", clause: "select" }],
  ])("answers INVALID_QUERY for an unknown column: %s", async (query, details) => {
    expect(await errorOf(query)).toMatchObject({ code: "INVALID_QUERY", message: "column given seems to be invalid", details });
  });

  it("answers INVALID_QUERY for an unknown module", async () => {
    expect(await errorOf("select Last_Name from Nope where id is not null")).toMatchObject({
      code: "INVALID_QUERY",
      details: { module: "Nope" },
    });
  });

  it.each([
    ["Date_of_Birth = 'yesterday'", "date"],
    ["Created_Time > '2024-01-01T00:00:00Z'", "datetime"],
    ["Created_Time > '2024-01-01'", "datetime"],
    ["Email_Opt_Out = 'maybe'", "boolean"],
    ["Account_Name.Employees > 'many'", "integer"],
  ])("answers INVALID_QUERY for a value of the wrong type: %s", async (where, expected) => {
    expect(await errorOf(`select Last_Name from Contacts where ${where}`)).toMatchObject({
      code: "INVALID_QUERY",
      message: "value given seems to be invalid for the column",
      details: { expected_data_type: expected },
    });
  });

  it.each([
    ["Last_Name > 'B'", ">"],
    ["Email_Opt_Out like 'x%'", "like"],
    ["Account_Name between 1 and 2", "between"],
  ])("answers INVALID_QUERY for a comparator the field does not take: %s", async (where, operator) => {
    expect(await errorOf(`select Last_Name from Contacts where ${where}`)).toMatchObject({ code: "INVALID_QUERY", details: { operator } });
  });

  it("refuses multi-line fields in the where clause", async () => {
    expect(await errorOf("select Last_Name from Contacts where Description = 'x'")).toMatchObject({
      code: "INVALID_QUERY",
      message: "data type not supported",
    });
  });

  it("enforces the limits with LIMIT_EXCEEDED", async () => {
    expect(await errorOf("select Last_Name from Contacts where id is not null limit 2001")).toMatchObject({
      code: "LIMIT_EXCEEDED",
      details: { limit: 2000 },
    });
    expect(await errorOf("select Last_Name from Contacts where id is not null limit 99000, 2000")).toMatchObject({
      code: "LIMIT_EXCEEDED",
      details: { limit: 100000 },
    });
    const values = Array.from({ length: 51 }, (_, i) => `'n${i}'`).join(",");
    expect(await errorOf(`select Last_Name from Contacts where First_Name in (${values})`)).toMatchObject({
      code: "LIMIT_EXCEEDED",
      details: { limit: 50 },
    });
  });

  it("refuses COUNT next to a plain column", async () => {
    expect(await errorOf("select Last_Name, COUNT(id) from Contacts where id is not null")).toMatchObject({ code: "INVALID_QUERY" });
  });

  it("asks for select_query", async () => {
    const answer = await crmCall(sandbox(), "POST", "/crm/v8/coql", { json: { query: "select id from Leads where id is not null" } });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: "MANDATORY_NOT_FOUND", details: { api_name: "select_query" } });
    acceptGap(sandbox(), GAPS.coqlMissingQuery);
  });

  it("needs ZohoCRM.coql.READ and read access to the queried module", async () => {
    const leadsOnly = ["ZohoCRM.coql.READ", "ZohoCRM.modules.leads.READ"];
    expect((await coql("select Last_Name from Leads where id is not null limit 1", leadsOnly)).status).toBe(200);
    const contactsAnswer = await coql("select Last_Name from Contacts where id is not null", leadsOnly);
    expect([contactsAnswer.status, contactsAnswer.body.code]).toEqual([403, "OAUTH_SCOPE_MISMATCH"]);
    const noCoql = await coql("select Last_Name from Leads where id is not null", ["ZohoCRM.modules.ALL"]);
    expect([noCoql.status, noCoql.body.code]).toEqual([403, "OAUTH_SCOPE_MISMATCH"]);
  });
});
