/** The Books pick lists, run through spectral's invokeDataSource against the sandbox over HTTP. */
import { recordType as recordTypeField } from "../../src/fields/books";
import { selectBooksOrganization } from "../../dataSources/selectBooksOrganization";
import { selectBooksRecord } from "../../dataSources/selectBooksRecord";
import { selectBooksRecordType } from "../../dataSources/selectBooksRecordType";
import { seedBooks } from "../../sandbox/books";
import { ensureOrganizations } from "../../sandbox/books/organizations";
import { BOOKS_RECORD_TYPES } from "../../src/books/catalog";
import { configureTestTransport } from "../../src/http/transport";
import { startTestSandbox, useSandbox, type TestSandbox } from "../helpers/sandbox";
import { expectSameShape } from "../helpers/shape";
import { apiCalls, runDataSource } from "./harness";

beforeAll(() => configureTestTransport({ retry: { baseDelayMs: 5, maxDelayMs: 2000 } }));

const ORGS = [
  { organization_id: "700001", name: "Alpha Ltd", is_default_org: false },
  { organization_id: "700002", name: "Beta GmbH", is_default_org: true },
];
const sandbox = useSandbox({ booksOrganizations: ORGS });
beforeAll(() => ensureOrganizations(sandbox().state, { booksOrganizations: ORGS }));

const seed = (s: TestSandbox, type: string, count: number, organizationId: string, fields?: (i: number) => Record<string, unknown>) =>
  seedBooks(s.state, { type, count, organizationId, fields });

describe("selectBooksOrganization", () => {
  it("lists the user's organizations as name (id), marking the default, in one call", async () => {
    const s = sandbox();
    const from = s.log.length;
    const out = await runDataSource(selectBooksOrganization, s);
    expectSameShape(out, selectBooksOrganization.examplePayload);
    expect(out.result).toEqual([
      { key: "700001", label: "Alpha Ltd (700001)" },
      { key: "700002", label: "Beta GmbH (700002) - default" },
    ]);
    expect(apiCalls(s, from).map((call) => call.path)).toEqual(["/books/v3/organizations"]);
  });
});

describe("selectBooksRecordType", () => {
  it("lists every type the Books actions take, as their Record Type picklist does, without calling Zoho", async () => {
    const s = sandbox();
    const from = s.log.length;
    const out = await runDataSource(selectBooksRecordType, s);
    expectSameShape(out, selectBooksRecordType.examplePayload);
    expect(out.result).toEqual(
      (recordTypeField.input as { model?: Array<{ label: string; value: string }> }).model!.map((choice) => ({ key: choice.value, label: choice.label })),
    );
    expect(out.result).toHaveLength(BOOKS_RECORD_TYPES.length);
    expect(out.result).toContainEqual({ key: "invoices", label: "Invoices" });
    expect(s.log.length).toBe(from);
  });
});

describe("selectBooksRecord", () => {
  it("without search text: the 200 newest of the type in the organization named, in one call", async () => {
    const s = sandbox();
    const invoices = seed(s, "invoices", 230, "700001");
    seed(s, "invoices", 2, "700002");
    s.clock.advance(5_000);
    const [newest] = seed(s, "invoices", 1, "700001");
    const from = s.log.length;
    const out = await runDataSource(selectBooksRecord, s, { organizationId: "700001", recordType: "invoices" });
    expectSameShape(out, selectBooksRecord.examplePayload);
    expect(out.result).toHaveLength(200);
    expect(out.result[0]).toEqual({ key: newest.invoice_id, label: `${newest.invoice_number} (${newest.invoice_id})` });
    const other = invoices.find((invoice) => invoice.invoice_id === out.result[1].key)!;
    expect(out.result[1].label).toBe(`${other.invoice_number} (${other.invoice_id})`);
    const calls = apiCalls(s, from);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      path: "/books/v3/invoices",
      query: { organization_id: "700001", sort_column: "last_modified_time", sort_order: "D", page: "1", per_page: "200" },
    });
    expect(calls[0].query.search_text).toBeUndefined();
  });

  it("with search text: Books' search_text, by each type's own id and name fields", async () => {
    const s = sandbox();
    const [target] = seed(s, "contacts", 1, "700001", () => ({ contact_name: "Quasar Optics" }));
    seed(s, "contacts", 4, "700001");
    const from = s.log.length;
    const out = await runDataSource(selectBooksRecord, s, { organizationId: "700001", recordType: "contacts", searchText: "Quasar" });
    expect(out.result).toEqual([{ key: target.contact_id, label: `Quasar Optics (${target.contact_id})` }]);
    expect(apiCalls(s, from)).toEqual([
      expect.objectContaining({ path: "/books/v3/contacts", query: expect.objectContaining({ organization_id: "700001", search_text: "Quasar" }) }),
    ]);
  });

  it("without an organization: looks it up as the Books actions do and uses the default", async () => {
    const s = sandbox();
    const items = seed(s, "items", 2, "700002", (i) => ({ name: `Widget ${i}` }));
    const from = s.log.length;
    const out = await runDataSource(selectBooksRecord, s, { recordType: "items" });
    expect(out.result.map((option: any) => option.key).sort()).toEqual(items.map((item) => item.item_id).sort());
    expect(out.result.map((option: any) => option.label)).toEqual(expect.arrayContaining([`Widget 0 (${items[0].item_id})`]));
    const calls = apiCalls(s, from);
    expect(calls.at(-1)).toMatchObject({ path: "/books/v3/items", query: { organization_id: "700002" } });
    expect(calls.filter((call) => call.path === "/books/v3/items")).toHaveLength(1);
  });

  it("nested types list under the parent given, and say so when it is missing", async () => {
    const s = sandbox();
    const persons = seed(s, "contactpersons", 2, "700001", (i) => ({ first_name: `Person${i}` }));
    const parentId = String(persons[0].contact_id);
    const from = s.log.length;
    const out = await runDataSource(selectBooksRecord, s, { organizationId: "700001", recordType: "contactpersons", parentRecordId: parentId });
    expect(out.result.map((option: any) => option.label).sort()).toEqual(persons.map((p) => `${p.first_name} (${p.contact_person_id})`).sort());
    expect(apiCalls(s, from)[0].path).toBe(`/books/v3/contacts/${parentId}/contactpersons`);
    const before = s.log.length;
    await expect(runDataSource(selectBooksRecord, s, { organizationId: "700001", recordType: "contactpersons" })).rejects.toThrow(
      /Parent Record ID.*contact_id/,
    );
    await expect(runDataSource(selectBooksRecord, s, { organizationId: "700001", recordType: "receipts" })).rejects.toThrow(
      /Record Type.*invoices or contacts/,
    );
    expect(s.log.length).toBe(before);
  });
});

it("with one organization that is not marked default, the record list uses it", async () => {
  const s = await startTestSandbox({ booksOrganizations: [{ organization_id: "800001", name: "Solo", is_default_org: false }] });
  try {
    ensureOrganizations(s.state, { booksOrganizations: [{ organization_id: "800001", name: "Solo", is_default_org: false }] });
    expect((await runDataSource(selectBooksOrganization, s)).result).toEqual([{ key: "800001", label: "Solo (800001)" }]);
    seed(s, "estimates", 1, "800001");
    const out = await runDataSource(selectBooksRecord, s, { recordType: "estimates" });
    expect(out.result).toHaveLength(1);
    expect(s.log.at(-1)!.query.organization_id).toBe("800001");
    s.assertContract();
  } finally {
    await s.stop();
  }
});
