import fs from "node:fs";
import path from "node:path";
import { createConnection } from "@prismatic-io/spectral/dist/testing";
import { parse as parseYaml } from "yaml";
import { BOOKS_RECORD_TYPES, collectionPath, recordOf, recordPath, writeBody, type BooksRecordType } from "../../src/books/catalog";
import { ORGANIZATIONS_TTL_MS, cachedOrganizations, pickOrganization } from "../../src/books/client";
import { stepTransport } from "../../src/http/transport";
import { InputError } from "../../src/http/errors";
import { booksInputSchema, booksValuesSchema } from "../../src/fields/books";
import { parseInputs } from "../../src/fields/parse";
import { recordId as recordIdSchema } from "../../src/fields/schemas";

const recordId = recordIdSchema();
import { BOOKS_FOLDER, oasDir } from "../contract/oasDir";
import { json, loopback } from "../helpers/loopback";
import { clientOfConnection } from "../../src/http/connection";

const type = (key: string) => BOOKS_RECORD_TYPES.find((t) => t.key === key) as BooksRecordType;

describe("the record-type table agrees with Zoho's Books OpenAPI files", () => {
  const folder = path.join(oasDir(), BOOKS_FOLDER);
  const present = fs.existsSync(folder);
  const docs = present
    ? fs
        .readdirSync(folder)
        .filter((f) => f.endsWith(".yml"))
        .map((f) => parseYaml(fs.readFileSync(path.join(folder, f), "utf8")))
    : [];
  /** Every declared operation by "METHOD /path" with parameter names blanked: "GET /contacts/{}/contactpersons". */
  const operations = new Map<string, { doc: any; op: any }>();
  for (const doc of docs) {
    for (const [key, item] of Object.entries<any>(doc.paths ?? {})) {
      for (const method of ["get", "post", "put", "delete"]) {
        const id = `${method.toUpperCase()} ${key.replace(/\{[^}]+\}/g, "{}")}`;
        // customer-debit-notes.yml redeclares /invoices for debit notes; invoices.yml is the real one.
        if (item[method] && !(operations.has(id) && doc.info?.title?.match(/debit/i))) operations.set(id, { doc, op: item[method] });
      }
    }
  }
  const resolve = (doc: any, node: any): any => {
    while (node?.$ref)
      node = node.$ref
        .replace("#/", "")
        .split("/")
        .reduce((at: any, part: string) => at[part], doc);
    return node;
  };
  /** Field names of a record schema (some files wrap one record in an array). */
  const fieldsOf = (doc: any, node: any): string[] => {
    const schema = resolve(doc, node);
    return Object.keys((schema?.type === "array" ? resolve(doc, schema.items) : schema)?.properties ?? {});
  };
  const answerKeys = (found: { doc: any; op: any }) => {
    const [, response] = Object.entries<any>(found.op.responses)[0];
    const schema = resolve(found.doc, response.content?.["application/json"]?.schema);
    return { doc: found.doc, properties: schema?.properties ?? {} };
  };
  const blank = (p: string) => p.replace("{parent}", "{}");
  const operation = (id: string) => {
    const found = operations.get(id);
    if (!found) throw new Error(`Zoho's files declare no ${id}`);
    return found;
  };

  (present ? it.each(BOOKS_RECORD_TYPES.map((t) => [t.key, t])) : it.skip.each([["(files absent)", type("invoices")]]))("%s", (_key, t) => {
    const list = `/${blank(t.path)}`;
    const write = t.writePath ? `/${t.writePath}` : list;
    const listed = answerKeys(operation(`GET ${list}`));
    expect(Object.keys(listed.properties)).toContain(t.plural);
    const got = answerKeys(operation(`GET ${list}/{}`));
    // Chart of accounts' GET spreads the account over the answer; every other type nests it.
    const nested = t.singular in got.properties;
    const record = nested ? fieldsOf(got.doc, got.properties[t.singular]) : Object.keys(got.properties);
    if (!nested) expect(record).toContain(t.idField);
    // Create answers name the record by the same singular key (vendor payments' file spreads it instead).
    const created = answerKeys(operation(`POST ${write}`)).properties;
    if (!created[t.idField] && Object.keys(created).length > 2) expect(Object.keys(created)).toContain(t.singular);
    // A file may leave a field out of one schema (sales orders' GET lacks salesorder_id): either schema will do.
    const fields = [...record, ...fieldsOf(listed.doc, listed.properties[t.plural])];
    expect(fields).toContain(t.idField);
    if (t.nameField) expect(fields).toContain(t.nameField);
    operation(`POST ${write}`);
    operation(`PUT ${write}/{}`);
    operation(`DELETE ${write}/{}`);
    for (const action of t.actions ?? []) operation(`POST ${write}/{}/${action}`);
  });
});

describe("paths", () => {
  it("puts top-level records under their own path", () => {
    expect(collectionPath(type("invoices"), undefined)).toBe("/invoices");
    expect(recordPath(type("taxes"), "9", undefined, "PUT")).toBe("/settings/taxes/9");
    expect(recordPath(type("timeentries"), "9", undefined)).toBe("/projects/timeentries/9");
  });

  it("nests tasks under their project for every call", () => {
    expect(collectionPath(type("tasks"), "7", "POST")).toBe("/projects/7/tasks");
    expect(recordPath(type("tasks"), "9", "7", "DELETE")).toBe("/projects/7/tasks/9");
    expect(writeBody(type("tasks"), "7", { task_name: "Design" })).toEqual({ task_name: "Design" });
  });

  it("reads contact persons under their contact but writes them flat with contact_id in the body", () => {
    expect(recordPath(type("contactpersons"), "9", "7")).toBe("/contacts/7/contactpersons/9");
    expect(collectionPath(type("contactpersons"), "7", "POST")).toBe("/contacts/contactpersons");
    expect(recordPath(type("contactpersons"), "9", "7", "PUT")).toBe("/contacts/contactpersons/9");
    expect(writeBody(type("contactpersons"), "7", { first_name: "Ann" })).toEqual({ contact_id: "7", first_name: "Ann" });
  });
});

describe("recordOf", () => {
  it("takes the record from its singular key, without the envelope", () => {
    expect(recordOf(type("invoices"), { code: 0, message: "success", invoice: { invoice_id: "1" } })).toEqual({ invoice_id: "1" });
  });
  it("unwraps the one-record list some answers carry (a contact person's create)", () => {
    expect(recordOf(type("contactpersons"), { code: 0, message: "Created", contact_person: [{ contact_person_id: "3" }] })).toEqual({ contact_person_id: "3" });
  });
  it("reads a record spread over the answer (chart of accounts)", () => {
    expect(recordOf(type("chartofaccounts"), { code: 0, message: "success", account_id: "5", account_name: "Rent" })).toEqual({
      account_id: "5",
      account_name: "Rent",
    });
  });
  it("keeps Books' message when it answered nothing else (a user's create)", () => {
    expect(recordOf(type("users"), { code: 0, message: "Your invitation has been sent." })).toEqual({ message: "Your invitation has been sent." });
  });
});

describe("input schema", () => {
  const schema = booksInputSchema({ recordId });
  const parse = (params: Record<string, unknown>) => parseInputs(schema, params, { parentRecordId: "Parent Record ID", recordType: "Record Type" });

  it("parses raw platform strings and attaches the type's row", () => {
    const input = parse({ recordType: " invoices ", recordId: "460000000026049", organizationId: "10234695", parentRecordId: "" });
    expect(input).toMatchObject({ recordId: "460000000026049", organizationId: "10234695", parentRecordId: undefined });
    expect(input.type.singular).toBe("invoice");
  });

  it("rejects an unknown record type, naming the input", () => {
    expect(() => parse({ recordType: "Invoices", recordId: "1" })).toThrow(/Input "Record Type" \(recordType\): must be a Books record type/);
  });

  it("requires the parent id of a nested type", () => {
    expect(() => parse({ recordType: "tasks", recordId: "1" })).toThrow(
      /Input "Parent Record ID" \(parentRecordId\): tasks are nested under projects: enter the project_id/,
    );
  });

  it("refuses a parent type that is not the nested type's parent", () => {
    expect(() => parse({ recordType: "tasks", recordId: "1", parentRecordId: "2", parentRecordType: "contacts" })).toThrow(
      /parentRecordType.*belong to projects/,
    );
  });

  it("refuses a parent for a type that has none, rather than ignoring it", () => {
    expect(() => parse({ recordType: "invoices", recordId: "1", parentRecordId: "2" })).toThrow(/parentRecordId.*not nested/);
  });

  it("rejects non-numeric record and organization ids", () => {
    expect(() => parse({ recordType: "invoices", recordId: "INV-1" })).toThrow(/recordId.*numeric/);
    expect(() => parse({ recordType: "invoices", recordId: "1", organizationId: "Zylker" })).toThrow(/organizationId.*numeric Books organization id/);
  });

  it("merges record values and refuses a write with none", () => {
    const values = booksValuesSchema({});
    const input = parseInputs(values, { recordType: "items", dynamicValues: '{"name":"Bolt","rate":2}', fieldValues: [{ key: "rate", value: "3" }] });
    expect(input.values).toEqual({ name: "Bolt", rate: "3" });
    expect(() => parseInputs(values, { recordType: "items", dynamicValues: "", fieldValues: [] }, { fieldValues: "Field Values" })).toThrow(
      /Input "Field Values" \(fieldValues\): enter the record's fields/,
    );
    expect(() => parseInputs(values, { recordType: "items", dynamicValues: "{oops" })).toThrow(/dynamicValues.*not valid JSON/);
  });
});

describe("pickOrganization", () => {
  const org = (id: string, name: string, isDefault = false) => ({ organization_id: id, name, is_default_org: isDefault });

  it("uses the only organization, default or not", () => {
    expect(pickOrganization([org("1", "Solo")])).toBe("1");
  });
  it("uses the one Zoho marks default among several", () => {
    expect(pickOrganization([org("1", "A"), org("2", "B", true), org("3", "C")])).toBe("2");
  });
  it("asks the user to choose when none is the single default, listing names and ids", () => {
    expect(() => pickOrganization([org("1", "Alpha"), org("2", "Beta")])).toThrow(InputError);
    expect(() => pickOrganization([org("1", "Alpha"), org("2", "Beta")])).toThrow(/Organization ID.*Alpha \(1\), Beta \(2\)/);
    expect(() => pickOrganization([org("1", "Alpha", true), org("2", "Beta", true)])).toThrow(/Alpha \(1\), Beta \(2\)/);
  });
  it("says so when the user has no Books organization", () => {
    expect(() => pickOrganization([])).toThrow(/belongs to no Zoho Books organization/);
  });
});

describe("cachedOrganizations", () => {
  const connection = (token: string) =>
    createConnection(
      { key: "zohoTemplatedConnection" } as never as Parameters<typeof createConnection>[0],
      { zohoRegion: "https://accounts.zoho.com" },
      { access_token: token, api_domain: "https://www.zohoapis.com" },
    );
  let failNext = false;
  let server: Awaited<ReturnType<typeof loopback>>;
  beforeAll(async () => {
    server = await loopback((_req, res) => {
      if (failNext) {
        failNext = false;
        return json(res, 400, { code: 57, message: "You are not authorized to perform this operation" });
      }
      json(res, 200, { code: 0, message: "success", organizations: [{ organization_id: "1", name: "A", is_default_org: true }] });
    });
    process.env.ZOHO_SANDBOX_URL = server.url;
  });
  afterAll(async () => {
    delete process.env.ZOHO_SANDBOX_URL;
    await server.close();
  });
  afterEach(() => jest.restoreAllMocks());

  const lookups = () => server.seen.filter((s) => s.url === "/books/v3/organizations").length;
  const fetch = (token: string) => {
    const c = connection(token);
    return cachedOrganizations(clientOfConnection(c, { transport: stepTransport() }), c);
  };

  it("asks Zoho once per connection, concurrent steps included", async () => {
    const before = lookups();
    const [a, b] = await Promise.all([fetch("token-a"), fetch("token-a")]);
    await fetch("token-a");
    expect(a).toEqual(b);
    expect(lookups() - before).toBe(1);
    await fetch("token-b");
    expect(lookups() - before).toBe(2);
  });

  it("asks again once the entry is older than the TTL", async () => {
    await fetch("token-c");
    const before = lookups();
    jest.spyOn(Date, "now").mockReturnValue(Date.now() + ORGANIZATIONS_TTL_MS);
    await fetch("token-c");
    expect(lookups() - before).toBe(1);
  });

  it("does not remember a failed lookup", async () => {
    failNext = true;
    await expect(fetch("token-d")).rejects.toThrow(/Zoho Books error 57/);
    await expect(fetch("token-d")).resolves.toHaveLength(1);
  });
});
