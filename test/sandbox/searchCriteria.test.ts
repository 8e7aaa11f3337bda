import type { CrmModule, CrmRecord } from "../../sandbox/state";
import { CrmFailure } from "../../sandbox/crm/crmFailure";
import { compileCriteria, parseCriteria } from "../../sandbox/crm/search/searchCriteria";

const field = (api_name: string, data_type: string) => ({ api_name, field_label: api_name, data_type });

const contacts = {
  api_name: "Contacts",
  fields: [
    field("Last_Name", "text"),
    field("First_Name", "text"),
    field("Email", "email"),
    field("Age", "integer"),
    field("Birthday", "date"),
    field("Account_Name", "lookup"),
    field("Description", "textarea"),
  ],
} as unknown as CrmModule;

const record = (id: string, fields: Record<string, unknown>): CrmRecord => ({
  id,
  Created_Time: "2024-01-01T00:00:00+00:00",
  Modified_Time: `2024-01-0${id}T00:00:00+00:00`,
  ...fields,
});

const records = [
  record("1", {
    Last_Name: "Burns",
    First_Name: "Bob",
    Email: "bob@x.io",
    Age: 30,
    Birthday: "1990-05-01",
    Account_Name: { id: "900", name: "Zylker" },
  }),
  record("2", { Last_Name: "Burns, B", First_Name: "Mary", Email: "mary@x.io", Age: 41, Birthday: "1983-01-10" }),
  record("3", { Last_Name: "Burnside", First_Name: "Al", Email: "al@y.io", Age: 25, Account_Name: { id: "901", name: "ABC Inc" } }),
  record("4", { Last_Name: "Smith (Jr)", First_Name: "Bea", Age: null }),
];

const search = (criteria: string) => records.filter(compileCriteria(parseCriteria(criteria), contacts)).map((r) => r.id);

const errorOf = (criteria: string): CrmFailure => {
  try {
    search(criteria);
  } catch (e) {
    if (e instanceof CrmFailure) return e;
    throw e;
  }
  throw new Error(`no error for ${criteria}`);
};

describe("parseCriteria", () => {
  it("reads nested groups with escaped brackets and commas in values", () => {
    expect(parseCriteria("((Last_Name:equals:Burns\\,B)and(First_Name:starts_with:M))")).toEqual({
      type: "and",
      children: [
        { type: "condition", field: "Last_Name", operator: "equals", values: ["Burns,B"] },
        { type: "condition", field: "First_Name", operator: "starts_with", values: ["M"] },
      ],
    });
    expect(parseCriteria("(Last_Name:equals:Smith \\(Jr\\))")).toEqual({
      type: "condition",
      field: "Last_Name",
      operator: "equals",
      values: ["Smith (Jr)"],
    });
  });

  it("keeps colons in values, so datetimes need no escaping", () => {
    expect(parseCriteria("(Modified_Time:greater_equal:2024-01-02T00:00:00+00:00)")).toMatchObject({
      values: ["2024-01-02T00:00:00+00:00"],
    });
  });

  it.each([
    ["Last_Name:equals:Burns", "expected '('"],
    ["(Last_Name:equals:Burns", "expected ')'"],
    ["(Last_Name:equals:Burns))", "unexpected text"],
    ["(Last_Name equals Burns)", "field:operator:value"],
    ["((A:equals:1)and(B:equals:2)or(C:equals:3))", "mixed"],
    ["(Last_Name:equals:Smith (Jr))", "unescaped bracket"],
  ])("rejects %s as INVALID_QUERY", (criteria, reason) => {
    const e = errorOf(criteria);
    expect(e.code).toBe("INVALID_QUERY");
    expect(String(e.details.reason)).toContain(reason);
  });

  it("allows ten criteria and refuses eleven", () => {
    const chain = (n: number) => `(${Array.from({ length: n }, (_, i) => `(Age:not_equal:${i})`).join("and")})`;
    expect(() => parseCriteria(chain(10))).not.toThrow();
    expect(() => parseCriteria(chain(11))).toThrow(expect.objectContaining({ code: "CRITERIA_LIMIT_EXCEEDED" }));
  });
});

describe("compileCriteria", () => {
  it("equals finds a run of words in text fields, exactly elsewhere", () => {
    expect(search("(Last_Name:equals:Burns)")).toEqual(["1", "2"]);
    expect(search("(Last_Name:equals:burns\\, b)")).toEqual(["2"]);
    expect(search("(Email:equals:BOB@x.io)")).toEqual(["1"]);
    expect(search("(Email:equals:bob)")).toEqual([]);
    expect(search("(Age:equals:41)")).toEqual(["2"]);
  });

  it("supports each operator", () => {
    expect(search("(Last_Name:not_equal:Burns)")).toEqual(["2", "3", "4"]);
    expect(search("(Last_Name:starts_with:burn)")).toEqual(["1", "2", "3"]);
    expect(search("(First_Name:in:Bob,Al)")).toEqual(["1", "3"]);
    expect(search("(Age:greater_than:30)")).toEqual(["2"]);
    expect(search("(Age:greater_equal:30)")).toEqual(["1", "2"]);
    expect(search("(Age:less_than:30)")).toEqual(["3"]);
    expect(search("(Age:less_equal:30)")).toEqual(["1", "3"]);
    expect(search("(Age:between:25,30)")).toEqual(["1", "3"]);
    expect(search("(Birthday:less_than:1985-01-01)")).toEqual(["2"]);
    expect(search("(Modified_Time:greater_equal:2024-01-03T00:00:00+00:00)")).toEqual(["3", "4"]);
    expect(search("(Account_Name:equals:zylker)")).toEqual(["1"]);
    expect(search("(Account_Name:equals:901)")).toEqual(["3"]);
  });

  it("combines with and/or and nesting", () => {
    expect(search("((Last_Name:starts_with:Burn)and(Age:greater_than:26))")).toEqual(["1", "2"]);
    expect(search("((First_Name:equals:Bea)or(Age:equals:25))")).toEqual(["3", "4"]);
    expect(search("(((Last_Name:starts_with:Burn)and(Age:less_than:35))or(First_Name:equals:Bea))")).toEqual(["1", "3", "4"]);
  });

  it("rejects unknown fields, wrong operators and values of the wrong type", () => {
    expect(errorOf("(Nope:equals:1)").details).toMatchObject({ api_name: "Nope" });
    expect(errorOf("(Last_Name:greater_than:B)").details).toMatchObject({ operator: "greater_than", reason: "invalid operator found" });
    expect(errorOf("(Last_Name:contains:B)").details).toMatchObject({ operator: "contains" });
    expect(errorOf("(Age:equals:old)").details).toMatchObject({ expected_data_type: "integer" });
    expect(errorOf("(Modified_Time:greater_than:2024-01-01)").details).toMatchObject({ expected_data_type: "datetime" });
    expect(errorOf("(Age:between:1)").details).toMatchObject({ operator: "between" });
    expect(errorOf("(Last_Name:equals:Burns,B)").details).toMatchObject({ operator: "equals" });
    const many = Array.from({ length: 101 }, (_, i) => `n${i}`).join(",");
    expect(errorOf(`(First_Name:in:${many})`).message).toBe('Only 100 values are allowed in "IN" criteria');
  });
});
