import { BooksFailure } from "../../sandbox/books/failure";
import { listPage } from "../../sandbox/books/listing";
import { recordType } from "../../sandbox/books/recordTypes";
import { booksTime, parseBooksTime } from "../../sandbox/books/store";

const invoices = recordType("invoices");
const contacts = recordType("contacts");
const base = Date.UTC(2026, 10, 22, 10, 15, 30);

const invoice = (n: number, extra: Record<string, unknown> = {}) => ({
  invoice_id: String(5725767000000000100n + BigInt(n)),
  invoice_number: `INV-${String(n).padStart(6, "0")}`,
  customer_name: n % 2 ? "Bowman & Co" : "Zylker Traders",
  status: n % 3 ? "draft" : "sent",
  total: n * 10,
  created_time: booksTime(base + n * 1000),
  last_modified_time: booksTime(base + n * 60_000),
  ...extra,
});

const records = Array.from({ length: 7 }, (_, i) => invoice(i + 1));
const query = (params: Record<string, string>) => new URLSearchParams(params);
const numbers = (page: { records: Array<Record<string, unknown>> }) => page.records.map((r) => r.invoice_number);

describe("Books list paging, filters and sort", () => {
  test("pages newest first with has_more_page until the last page", () => {
    const first = listPage(invoices, records, query({ per_page: "3" }));
    expect(numbers(first)).toEqual(["INV-000007", "INV-000006", "INV-000005"]);
    expect(first.page_context).toEqual({
      page: 1,
      per_page: 3,
      has_more_page: true,
      report_name: "Invoices",
      applied_filter: "Status.All",
      sort_column: "created_time",
      sort_order: "D",
    });
    const last = listPage(invoices, records, query({ per_page: "3", page: "3" }));
    expect(numbers(last)).toEqual(["INV-000001"]);
    expect(last.page_context.has_more_page).toBe(false);
  });

  test("per_page is capped at 200 and bad page values are Books' invalid-value error", () => {
    expect(listPage(invoices, records, query({ per_page: "500" })).page_context.per_page).toBe(200);
    expect(() => listPage(invoices, records, query({ page: "0" }))).toThrow(new BooksFailure(2, "Invalid value passed for page"));
    expect(() => listPage(invoices, records, query({ per_page: "x" }))).toThrow("Invalid value passed for per_page");
  });

  test("ties in the sort column keep creation order through the ids", () => {
    const same = records.map((r) => ({ ...r, created_time: booksTime(base) }));
    expect(numbers(listPage(invoices, same, query({ sort_order: "A" })))).toEqual(numbers({ records }));
  });

  test("sort_column sorts numbers as numbers, ascending unless told", () => {
    const amounts = [invoice(1, { total: 9 }), invoice(2, { total: 10 }), invoice(3, { total: 100 })];
    expect(numbers(listPage(invoices, amounts, query({ sort_column: "total" })))).toEqual(["INV-000001", "INV-000002", "INV-000003"]);
    expect(numbers(listPage(invoices, amounts, query({ sort_column: "total", sort_order: "D" })))).toEqual(["INV-000003", "INV-000002", "INV-000001"]);
    expect(() => listPage(invoices, amounts, query({ sort_order: "up" }))).toThrow("Invalid value passed for sort_order");
  });

  test("names sort alphabetically by default", () => {
    const people = ["Zoe", "adam", "Mia"].map((name, i) => ({ contact_id: String(i + 1), contact_name: name, created_time: booksTime(base) }));
    const page = listPage(contacts, people, query({}));
    expect(page.records.map((r) => r.contact_name)).toEqual(["adam", "Mia", "Zoe"]);
    expect(page.page_context).toMatchObject({ sort_column: "contact_name", sort_order: "A" });
  });

  test("search_text looks in the number, reference and customer name, ignoring case", () => {
    expect(numbers(listPage(invoices, records, query({ search_text: "zylker" })))).toEqual(["INV-000006", "INV-000004", "INV-000002"]);
    expect(numbers(listPage(invoices, records, query({ search_text: "000003" })))).toEqual(["INV-000003"]);
  });

  test("status and filter_by=Status.X keep one status; Status.All keeps all", () => {
    const sent = listPage(invoices, records, query({ status: "sent" }));
    expect(numbers(sent)).toEqual(["INV-000006", "INV-000003"]);
    expect(sent.page_context.applied_filter).toBe("Status.Sent");
    expect(numbers(listPage(invoices, records, query({ filter_by: "Status.Sent" })))).toEqual(["INV-000006", "INV-000003"]);
    expect(listPage(invoices, records, query({ filter_by: "Status.All" })).records).toHaveLength(7);
  });

  test("last_modified_time keeps records modified at or after it, in Books' offset formats", () => {
    const since = booksTime(base + 5 * 60_000);
    expect(numbers(listPage(invoices, records, query({ last_modified_time: since })))).toEqual(["INV-000007", "INV-000006", "INV-000005"]);
    // The same instant written in another zone, with the + decoded to a space as a query string does.
    expect(listPage(invoices, records, query({ last_modified_time: "2026-11-22T15:50:30 0530" })).records).toHaveLength(3);
    expect(() => listPage(invoices, records, query({ last_modified_time: "yesterday" }))).toThrow("Invalid value passed for last_modified_time");
  });

  test("a field filters by value, _startswith and _contains", () => {
    expect(listPage(invoices, records, query({ customer_name: "bowman & co" })).records).toHaveLength(4);
    expect(numbers(listPage(invoices, records, query({ invoice_number_startswith: "INV-00000", invoice_number_contains: "7" })))).toEqual(["INV-000007"]);
    expect(listPage(invoices, records, query({ customer_name_startswith: "Acme" })).records).toEqual([]);
  });

  test("Books timestamps read back with and without a colon in the offset", () => {
    expect(booksTime(base + 999)).toBe("2026-11-22T10:15:30+0000");
    expect(parseBooksTime("2026-11-22T02:15:30-0800")).toBe(base);
    expect(parseBooksTime("2026-11-22T10:15:30+00:00")).toBe(base);
  });
});
