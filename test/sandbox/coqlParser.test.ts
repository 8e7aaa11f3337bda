import { CrmFailure } from "../../sandbox/crm/crmFailure";
import { parseCoql, tokenize, type Condition } from "../../sandbox/crm/coql/coqlParser";

const errorOf = (query: string): CrmFailure => {
  try {
    parseCoql(query);
  } catch (e) {
    if (e instanceof CrmFailure) return e;
    throw e;
  }
  throw new Error(`parsed without error: ${query}`);
};

/** A compact, readable form of a where tree for assertions. */
const show = (c: Condition): string => {
  switch (c.type) {
    case "and":
    case "or":
      return `(${show(c.left)} ${c.type} ${show(c.right)})`;
    case "compare":
      return `${c.column.text} ${c.comparator} ${String(c.value.value)}`;
    case "like":
      return `${c.column.text} ${c.negated ? "not like" : "like"} ${c.pattern}`;
    case "in":
      return `${c.column.text} ${c.negated ? "not in" : "in"} [${c.values.map((v) => v.value).join("|")}]`;
    case "null":
      return `${c.column.text} is ${c.negated ? "not null" : "null"}`;
    case "between":
      return `${c.column.text} between ${c.low.value}..${c.high.value}`;
  }
};

const where = (clause: string) => show(parseCoql(`select id from Leads where ${clause}`).where);

describe("tokenize", () => {
  it("reads words, numbers, strings and two-character symbols with positions", () => {
    const tokens = tokenize("select a from X\nwhere b>=-1.5 and c != 'it''s'");
    expect(tokens.map((t) => [t.type, t.value])).toEqual([
      ["word", "select"],
      ["word", "a"],
      ["word", "from"],
      ["word", "X"],
      ["word", "where"],
      ["word", "b"],
      ["symbol", ">="],
      ["number", "-1.5"],
      ["word", "and"],
      ["word", "c"],
      ["symbol", "!="],
      ["string", "it's"],
      ["end", ""],
    ]);
    expect(tokens[4]).toMatchObject({ line: 2, column: 1 });
    expect(tokens[7]).toMatchObject({ line: 2, column: 10 });
  });

  it("unescapes backslash escapes and doubled quotes in both quote styles", () => {
    expect(
      tokenize(`'a\\'b' "c""d" "e\\"f"`)
        .slice(0, 3)
        .map((t) => t.value),
    ).toEqual(["a'b", 'c"d', 'e"f']);
  });

  it("rejects an unterminated string and an unknown character with their position", () => {
    expect(() => tokenize("select a from X where b = 'open")).toThrow(CrmFailure);
    expect(errorOf("select a from X where b = 'open").details).toMatchObject({ line: 1, column: 27 });
    expect(errorOf("select a from X where b = #").details).toEqual({ line: 1, column: 27, near: "#" });
  });
});

describe("parseCoql: valid queries", () => {
  it("reads select columns, module, where, order by and the default limit", () => {
    const q = parseCoql("SELECT Last_Name, Owner.name, Account_Name.Account_Name FROM Contacts WHERE Last_Name = 'Burns' ORDER BY Last_Name DESC, id");
    expect(q.select.map((s) => (s.type === "column" ? s.column.path : []))).toEqual([["Last_Name"], ["Owner", "name"], ["Account_Name", "Account_Name"]]);
    expect(q.module).toBe("Contacts");
    expect(q.orderBy.map((o) => [o.column.text, o.direction])).toEqual([
      ["Last_Name", "desc"],
      ["id", "asc"],
    ]);
    expect([q.offset, q.limit]).toEqual([0, 200]);
  });

  it.each([
    ["Age = 30", "Age = 30"],
    ["Age != 30", "Age != 30"],
    ["Age <> 30", "Age != 30"],
    ["Age < 30", "Age < 30"],
    ["Age > 30", "Age > 30"],
    ["Age <= 30", "Age <= 30"],
    ["Age >= 30", "Age >= 30"],
    ["Name like 'Bu%'", "Name like Bu%"],
    ["Name not like '%x%'", "Name not like %x%"],
    ["Status in ('A', 'B', 3)", "Status in [A|B|3]"],
    ["Status not in ('A')", "Status not in [A]"],
    ["Email is null", "Email is null"],
    ["Email IS NOT NULL", "Email is not null"],
    [
      "Created_Time between '2024-01-01T00:00:00+00:00' and '2024-02-01T00:00:00+00:00'",
      "Created_Time between 2024-01-01T00:00:00+00:00..2024-02-01T00:00:00+00:00",
    ],
    ["Active = true", "Active = true"],
    ["Lead_Source = Advertisement", "Lead_Source = Advertisement"],
    ["Owner.email = 'a@b.c'", "Owner.email = a@b.c"],
    ["'External' = 'x'", "External = x"],
  ])("comparator: %s", (clause, shown) => {
    expect(where(clause)).toBe(shown);
  });

  it("keeps 19-digit numbers as text", () => {
    const q = parseCoql("select id from Leads where id = 4150868000000624013");
    expect(q.where).toMatchObject({ type: "compare", value: { type: "number", value: "4150868000000624013" } });
  });

  it("groups by brackets: two criteria per level, any depth", () => {
    expect(where("A = 1 and B = 2")).toBe("(A = 1 and B = 2)");
    expect(where("(A = 1 and B = 2) or C = 3")).toBe("((A = 1 and B = 2) or C = 3)");
    expect(where("A = 1 and (B = 2 or C = 3)")).toBe("(A = 1 and (B = 2 or C = 3))");
    expect(where("((A = 1))")).toBe("A = 1");
    expect(where("(A between 1 and 2) and B = 3")).toBe("(A between 1..2 and B = 3)");
  });

  it.each([
    ["limit 50", 0, 50],
    ["limit 400, 200", 400, 200],
    ["limit 200 offset 400", 400, 200],
    ["LIMIT 2000", 0, 2000],
    ["limit 98000, 2000", 98000, 2000],
    ["limit 0", 0, 0],
  ])("limit form: %s", (clause, offset, limit) => {
    expect(parseCoql(`select id from Leads where id is not null ${clause}`)).toMatchObject({ offset, limit });
  });

  it("reads COUNT(...) in the select list and tolerates a trailing semicolon", () => {
    const q = parseCoql("select COUNT(id) from Leads where id is not null;");
    expect(q.select).toEqual([{ type: "count", column: { path: ["id"], text: "id" } }]);
  });
});

describe("parseCoql: invalid queries", () => {
  it("requires a where clause", () => {
    for (const query of ["select id from Leads", "select id from Leads order by id", "select id from Leads limit 5"]) {
      const e = errorOf(query);
      expect([e.code, e.message, e.details]).toEqual(["SYNTAX_ERROR", "error occurred while parsing the query", { clause: "where" }]);
    }
  });

  it("rejects three criteria on one level, pointing at the extra connective", () => {
    const e = errorOf("select id from Leads where A = 1 and B = 2 or C = 3");
    expect(e.code).toBe("SYNTAX_ERROR");
    expect(e.details).toEqual({ line: 1, column: 44, near: "or" });
    expect(errorOf("select id from Leads where A = 1 and B = 2 and C = 3").code).toBe("SYNTAX_ERROR");
  });

  it.each([
    ["select * from Leads where id is not null", "*"],
    ["select id Leads where id is not null", "Leads"],
    ["select id, from Leads where id is not null", "from"],
    ["select id from Leads where", "where"],
    ["select id from Leads where Name = ", "="],
    ["select id from Leads where Name like 5", "5"],
    ["select id from Leads where (Name = 'a'", "'a'"],
    ["select id from Leads where Name = 'a')", ")"],
    ["select id from Leads where Name in ()", ")"],
    ["select id from Leads where Name is not 5", "5"],
    ["select id from Leads where Name not between 1 and 2", "between"],
    ["select id from Leads where Name == 'a'", "="],
    ["select id from Leads where id is not null order id", "id"],
    ["select id from Leads where id is not null limit -5", "-5"],
    ["select id from Leads where id is not null limit 1.5", "1.5"],
    ["select id from Leads where id is not null limit 5 extra", "extra"],
    ["select id from Leads where Name = null", "null"],
    ["update Leads set a = 1 where id = 1", "update"],
  ])("syntax error: %s", (query, near) => {
    const e = errorOf(query);
    expect(e.code).toBe("SYNTAX_ERROR");
    expect(e.details).toMatchObject({ near });
  });

  it("enforces Zoho's limits with LIMIT_EXCEEDED", () => {
    const columns = Array.from({ length: 51 }, (_, i) => `F${i}`).join(", ");
    expect(errorOf(`select ${columns} from Leads where id is not null`)).toMatchObject({
      code: "LIMIT_EXCEEDED",
      details: { clause: "select", limit: 50 },
    });
    const values = Array.from({ length: 51 }, (_, i) => `'v${i}'`).join(", ");
    expect(errorOf(`select id from Leads where Name in (${values})`)).toMatchObject({
      code: "LIMIT_EXCEEDED",
      details: { operator: "in", limit: 50 },
    });
    const criteria = Array.from({ length: 26 }, (_, i) => `F${i} = ${i}`).reduce((acc, c) => `(${acc} and ${c})`);
    expect(errorOf(`select id from Leads where ${criteria}`)).toMatchObject({
      code: "LIMIT_EXCEEDED",
      details: { clause: "where", limit: 25 },
    });
    expect(errorOf("select id from Leads where id is not null limit 2001")).toMatchObject({
      code: "LIMIT_EXCEEDED",
      details: { clause: "limit", limit: 2000 },
    });
    expect(errorOf("select id from Leads where id is not null limit 98001, 2000")).toMatchObject({
      code: "LIMIT_EXCEEDED",
      details: { clause: "offset", limit: 100000 },
    });
    const orderBy = Array.from({ length: 11 }, (_, i) => `F${i}`).join(", ");
    expect(errorOf(`select id from Leads where id is not null order by ${orderBy}`)).toMatchObject({
      code: "LIMIT_EXCEEDED",
      details: { clause: "order by" },
    });
  });

  it("accepts exactly the limits", () => {
    const columns = Array.from({ length: 50 }, (_, i) => `F${i}`).join(", ");
    expect(parseCoql(`select ${columns} from Leads where id is not null`).select).toHaveLength(50);
    const criteria = Array.from({ length: 25 }, (_, i) => `F${i} = ${i}`).reduce((acc, c) => `(${acc} and ${c})`);
    expect(() => parseCoql(`select id from Leads where ${criteria}`)).not.toThrow();
  });

  it("rejects duplicate columns in select and order by with DUPLICATE_DATA", () => {
    expect(errorOf("select id, id from Leads where id is not null")).toMatchObject({
      code: "DUPLICATE_DATA",
      details: { clause: "select", column_name: "id" },
    });
    expect(errorOf("select id from Leads where id is not null order by id, id desc")).toMatchObject({
      code: "DUPLICATE_DATA",
      details: { clause: "order by" },
    });
  });
});
