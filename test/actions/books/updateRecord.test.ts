import { exampleInvoice } from "../../../actions/books/examples";
import { booksUpdateRecord } from "../../../actions/books/updateRecord";
import { useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { booksCalls, expectNoRequest, run, seed } from "./harness";

const sandbox = useSandbox();
const update = (params: Record<string, unknown>) => run(booksUpdateRecord, sandbox(), params);

it("updates an invoice and returns it as Books stored it", async () => {
  const [item] = seed(sandbox(), "items", 1);
  const [invoice] = seed(sandbox(), "invoices", 1, { fields: { line_items: [{ item_id: item.item_id, quantity: 1 }] } });
  const from = sandbox().log.length;
  // Books wants an invoice's customer and lines on every update.
  const dynamicValues = { customer_id: invoice.customer_id, line_items: [{ item_id: item.item_id, quantity: 3 }] };
  const { data } = await update({
    recordType: "invoices",
    recordId: invoice.invoice_id,
    dynamicValues,
    fieldValues: [{ key: "reference_number", value: "PO-1187" }],
  });
  expect(data).toMatchObject({
    invoice_id: invoice.invoice_id,
    reference_number: "PO-1187",
    invoice_number: invoice.invoice_number,
    total: 3 * Number(item.rate),
  });
  const { reference_number: _added, ...rest } = data;
  expectSameShape(rest, exampleInvoice);
  expect(booksCalls(sandbox(), from).at(-1)).toMatchObject({
    method: "PUT",
    path: `/books/v3/invoices/${invoice.invoice_id}`,
    body: { ...dynamicValues, reference_number: "PO-1187" },
  });
});

it("updates an item and a contact", async () => {
  const [item] = seed(sandbox(), "items", 1);
  expect((await update({ recordType: "items", recordId: item.item_id, dynamicValues: { name: item.name, rate: 42 } })).data).toMatchObject({
    item_id: item.item_id,
    rate: 42,
  });
  const [contact] = seed(sandbox(), "contacts", 1);
  expect(
    (
      await update({
        recordType: "contacts",
        recordId: contact.contact_id,
        fieldValues: [
          { key: "contact_name", value: contact.contact_name },
          { key: "company_name", value: "Bowman" },
        ],
      })
    ).data,
  ).toMatchObject({ company_name: "Bowman" });
});

it("updates a contact person through /contacts/contactpersons with its contact in the body", async () => {
  const [person] = seed(sandbox(), "contactpersons", 1);
  const from = sandbox().log.length;
  const { data } = await update({
    recordType: "contactpersons",
    parentRecordId: person.contact_id,
    recordId: person.contact_person_id,
    fieldValues: [{ key: "first_name", value: "Anna" }],
  });
  expect(data).toMatchObject({ contact_person_id: person.contact_person_id, first_name: "Anna" });
  expect(booksCalls(sandbox(), from).at(-1)).toMatchObject({
    path: `/books/v3/contacts/contactpersons/${person.contact_person_id}`,
    body: { contact_id: person.contact_id, first_name: "Anna" },
  });
});

it("rejects an update with no values, or a bad id, before any request", async () => {
  await expectNoRequest(sandbox(), async () => {
    await expect(update({ recordType: "items", recordId: "1", fieldValues: [] })).rejects.toThrow(/Input "Field Values" \(fieldValues\)/);
    await expect(update({ recordType: "items", recordId: "abc", fieldValues: [{ key: "rate", value: 1 }] })).rejects.toThrow(/Input "Record ID" \(recordId\)/);
    await expect(update({ recordType: "items", recordId: "1", dynamicValues: "[1, 2]" })).rejects.toThrow(
      /Input "Dynamic Values" \(dynamicValues\): must be a JSON object/,
    );
  });
});

it("says a missing record does not exist", async () => {
  await expect(update({ recordType: "items", recordId: "460000000000001", dynamicValues: { name: "x", rate: 1 } })).rejects.toThrow(
    /Zoho Books error 1002.*Item does not exist/,
  );
});
