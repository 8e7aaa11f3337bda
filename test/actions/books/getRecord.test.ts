import { exampleInvoice } from "../../../actions/books/examples";
import { booksGetRecord } from "../../../actions/books/getRecord";
import { useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { booksCalls, expectNoRequest, run, seed } from "./harness";

const sandbox = useSandbox();
const get = (params: Record<string, unknown>) => run(booksGetRecord, sandbox(), params);

it("gets an invoice by id, shaped like the example payload", async () => {
  const [item] = seed(sandbox(), "items", 1);
  const [invoice] = seed(sandbox(), "invoices", 1, { fields: { line_items: [{ item_id: item.item_id, quantity: 2 }] } });
  const from = sandbox().log.length;
  const { data } = await get({ recordType: "invoices", recordId: invoice.invoice_id });
  expect(data).toEqual(invoice);
  expectSameShape(data, exampleInvoice);
  expect(booksCalls(sandbox(), from).at(-1)).toMatchObject({ path: `/books/v3/invoices/${invoice.invoice_id}`, query: { organization_id: "10234695" } });
});

it("gets a contact, an item and an estimate", async () => {
  for (const [recordType, idField] of [
    ["contacts", "contact_id"],
    ["items", "item_id"],
    ["estimates", "estimate_id"],
  ]) {
    const [record] = seed(sandbox(), recordType, 1);
    const { data } = await get({ recordType, recordId: record[idField] });
    expect(data).toMatchObject({ [idField]: record[idField] });
  }
});

it("gets a contact person under its contact, and a task under its project", async () => {
  const [person] = seed(sandbox(), "contactpersons", 1);
  const from = sandbox().log.length;
  expect((await get({ recordType: "contactpersons", parentRecordId: person.contact_id, recordId: person.contact_person_id })).data).toMatchObject({
    first_name: person.first_name,
  });
  expect(booksCalls(sandbox(), from).at(-1)!.path).toBe(`/books/v3/contacts/${person.contact_id}/contactpersons/${person.contact_person_id}`);
  const [task] = seed(sandbox(), "tasks", 1);
  expect((await get({ recordType: "tasks", parentRecordType: "projects", parentRecordId: task.project_id, recordId: task.task_id })).data).toMatchObject({
    task_name: task.task_name,
  });
});

it("reads an account that Books spreads over the answer", async () => {
  const [account] = seed(sandbox(), "chartofaccounts", 1);
  const { data } = await get({ recordType: "chartofaccounts", recordId: account.account_id });
  expect(data).toEqual(account);
});

it("says a missing record does not exist (Books code 1002)", async () => {
  await expect(get({ recordType: "invoices", recordId: "460000000000001" })).rejects.toThrow(
    /Zoho Books error 1002 \(HTTP 404\): Invoice does not exist\. Check the record id\./,
  );
});

it("rejects bad input before any request", async () => {
  await expectNoRequest(sandbox(), async () => {
    await expect(get({ recordType: "invoices", recordId: "INV-000001" })).rejects.toThrow(/Input "Record ID" \(recordId\): must be a numeric Zoho id/);
    await expect(get({ recordType: "tasks", recordId: "1" })).rejects.toThrow(/Input "Parent Record ID" \(parentRecordId\)/);
    await expect(get({ recordType: "tasks", recordId: "1", parentRecordId: "2", parentRecordType: "contacts" })).rejects.toThrow(
      /Input "Parent Record Type" \(parentRecordType\)/,
    );
    await expect(get({ recordType: "", recordId: "1" })).rejects.toThrow(/Input "Record Type" \(recordType\)/);
  });
});
