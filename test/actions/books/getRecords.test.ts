import { exampleInvoice, examplePageContext } from "../../../actions/books/examples";
import { booksGetRecords } from "../../../actions/books/getRecords";
import { useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { booksCalls, expectNoRequest, run, seed } from "./harness";

const sandbox = useSandbox();
const list = (params: Record<string, unknown>) => run(booksGetRecords, sandbox(), params);
const listCalls = (from: number) => booksCalls(sandbox(), from).filter((call) => call.path !== "/books/v3/organizations");

let contacts: Array<Record<string, unknown>>;
beforeAll(() => {
  contacts = seed(sandbox(), "contacts", 450, { fields: (i) => ({ contact_name: `Contact ${String(i).padStart(3, "0")}` }) });
});

it("reads one page with its page_context", async () => {
  const from = sandbox().log.length;
  const { data } = await list({ recordType: "contacts", page: "2", per_page: "100" });
  expect(data.records).toHaveLength(100);
  expect(data.records[0].contact_name).toBe("Contact 100");
  expect(data.page_context).toMatchObject({ page: 2, per_page: 100, has_more_page: true });
  expect(listCalls(from)).toHaveLength(1);
  expect(listCalls(from)[0].query).toMatchObject({ page: "2", per_page: "100", organization_id: "10234695" });
});

it("defaults to page 1 of 200", async () => {
  const from = sandbox().log.length;
  const { data } = await list({ recordType: "contacts" });
  expect(data.records).toHaveLength(200);
  expect(listCalls(from)[0].query).toMatchObject({ page: "1", per_page: "200" });
});

it("with Fetch All follows has_more_page across every page", async () => {
  const from = sandbox().log.length;
  const { data } = await list({ recordType: "contacts", fetchAll: "true", page: "3" });
  expect(data.records).toHaveLength(450);
  expect(new Set(data.records.map((c: any) => c.contact_id))).toEqual(new Set(contacts.map((c) => c.contact_id)));
  expect(data.page_context).toMatchObject({ page: 3, has_more_page: false });
  expect(listCalls(from).map((call) => call.query.page)).toEqual(["1", "2", "3"]);
});

it("sends Search Fields as Books' list filters", async () => {
  const from = sandbox().log.length;
  const { data } = await list({
    recordType: "contacts",
    searchFields: [
      { key: "search_text", value: "Contact 44" },
      { key: "contact_name_startswith", value: "Contact 44" },
    ],
  });
  expect(data.records.map((c: any) => c.contact_name).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `Contact 44${i}`));
  expect(listCalls(from)[0].query).toMatchObject({ search_text: "Contact 44", contact_name_startswith: "Contact 44" });
});

it("filters invoices by status and last_modified_time, shaped like the example payload", async () => {
  const [item] = seed(sandbox(), "items", 1);
  const invoices = seed(sandbox(), "invoices", 3, { fields: { line_items: [{ item_id: item.item_id, quantity: 2 }] } });
  invoices[1].status = "sent";
  const { data } = await list({
    recordType: "invoices",
    searchFields: [
      { key: "status", value: "sent" },
      { key: "last_modified_time", value: "2000-01-01T00:00:00+0000" },
    ],
  });
  expect(data.records.map((i: any) => i.invoice_id)).toEqual([invoices[1].invoice_id]);
  expectSameShape(data, { records: [exampleInvoice], page_context: { ...examplePageContext, applied_filter: "Status.Sent" } });
});

it("lists estimates, items, and a project's tasks", async () => {
  seed(sandbox(), "estimates", 2);
  expect((await list({ recordType: "estimates" })).data.records.length).toBeGreaterThanOrEqual(2);
  expect((await list({ recordType: "items" })).data.records.length).toBeGreaterThanOrEqual(1);
  const tasks = seed(sandbox(), "tasks", 3);
  const from = sandbox().log.length;
  const { data } = await list({ recordType: "tasks", parentRecordId: tasks[0].project_id });
  expect(data.records.map((t: any) => t.task_id).sort()).toEqual(tasks.map((t) => t.task_id).sort());
  expect(listCalls(from)[0].path).toBe(`/books/v3/projects/${tasks[0].project_id}/tasks`);
});

it("rejects bad input before any request", async () => {
  await expectNoRequest(sandbox(), async () => {
    await expect(list({ recordType: "contacts", per_page: "500" })).rejects.toThrow(/Input "Per Page" \(per_page\): must be at most 200/);
    await expect(list({ recordType: "contacts", page: "first" })).rejects.toThrow(/Input "Page" \(page\): must be a whole number/);
    await expect(list({ recordType: "contacts", searchFields: [{ key: "page", value: "2" }] })).rejects.toThrow(
      /Input "Search Fields" \(searchFields\): organization_id, page and per_page have their own inputs/,
    );
    await expect(list({ recordType: "contactpersons" })).rejects.toThrow(/Input "Parent Record ID" \(parentRecordId\)/);
    await expect(list({ recordType: "Contacts" })).rejects.toThrow(/Input "Record Type" \(recordType\)/);
  });
});

it("turns Books' refusal of a filter into a clear error", async () => {
  await expect(list({ recordType: "invoices", searchFields: [{ key: "last_modified_time", value: "yesterday" }] })).rejects.toThrow(
    /Zoho Books error 2 \(HTTP 400\): Invalid value passed for last_modified_time/,
  );
});
