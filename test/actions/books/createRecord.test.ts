import { booksCreateRecord } from "../../../actions/books/createRecord";
import { exampleInvoice } from "../../../actions/books/examples";
import { connectionFor, useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { booksCalls, expectNoRequest, run, seed } from "./harness";

const sandbox = useSandbox();
const create = (params: Record<string, unknown>) => run(booksCreateRecord, sandbox(), params);

it("creates a contact from Field Values and returns the record without Books' envelope", async () => {
  const from = sandbox().log.length;
  const { data } = await create({
    recordType: "contacts",
    fieldValues: [
      { key: "contact_name", value: "Bowman and Co" },
      { key: "email", value: "ap@bowman.example.com" },
    ],
  });
  expect(data).toMatchObject({ contact_id: expect.stringMatching(/^\d+$/), contact_name: "Bowman and Co", email: "ap@bowman.example.com" });
  expect(data).not.toHaveProperty("code");
  const [lookup, post] = booksCalls(sandbox(), from);
  expect(lookup).toMatchObject({ method: "GET", path: "/books/v3/organizations" });
  expect(lookup.query).not.toHaveProperty("organization_id");
  expect(post).toMatchObject({ method: "POST", path: "/books/v3/contacts", query: { organization_id: "10234695" }, status: 201 });
});

it("creates an invoice from Dynamic Values (JSON text) shaped like the example payload", async () => {
  const [customer] = seed(sandbox(), "contacts", 1);
  const [item] = seed(sandbox(), "items", 1);
  const dynamicValues = JSON.stringify({ customer_id: customer.contact_id, line_items: [{ item_id: item.item_id, quantity: 2 }] });
  const { data } = await create({ recordType: "invoices", dynamicValues, fieldValues: [] });
  expect(data).toMatchObject({
    invoice_number: expect.stringMatching(/^INV-/),
    customer_id: customer.contact_id,
    status: "draft",
    total: 2 * Number(item.rate),
  });
  expectSameShape(data, exampleInvoice);
});

it("creates an item and an estimate; Field Values win over Dynamic Values", async () => {
  const item = (
    await create({ recordType: "items", dynamicValues: { name: "Bolt", rate: 3, description: "old" }, fieldValues: [{ key: "description", value: "M6 bolt" }] })
  ).data;
  expect(item).toMatchObject({ name: "Bolt", rate: 3, description: "M6 bolt" });
  const [customer] = seed(sandbox(), "contacts", 1);
  const estimate = (
    await create({
      recordType: "estimates",
      fieldValues: [
        { key: "customer_id", value: customer.contact_id },
        { key: "line_items", value: JSON.stringify([{ item_id: item.item_id, quantity: 4 }]) },
      ],
    })
  ).data;
  expect(estimate).toMatchObject({
    estimate_number: expect.stringMatching(/^EST-/),
    line_items: [expect.objectContaining({ item_id: item.item_id, quantity: 4 })],
  });
});

it("creates a contact person with contact_id in the body, as Books writes them", async () => {
  const [contact] = seed(sandbox(), "contacts", 1);
  const from = sandbox().log.length;
  const { data } = await create({
    recordType: "contactpersons",
    parentRecordType: "contacts",
    parentRecordId: contact.contact_id,
    fieldValues: [{ key: "first_name", value: "Ann" }],
  });
  expect(data).toMatchObject({ contact_person_id: expect.any(String), contact_id: contact.contact_id, first_name: "Ann" });
  const post = booksCalls(sandbox(), from).find((call) => call.method === "POST")!;
  expect(post.path).toBe("/books/v3/contacts/contactpersons");
  expect(post.body).toMatchObject({ contact_id: contact.contact_id, first_name: "Ann" });
});

it("creates a task under its project", async () => {
  const [project] = seed(sandbox(), "projects", 1);
  const from = sandbox().log.length;
  const { data } = await create({ recordType: "tasks", parentRecordId: project.project_id, fieldValues: [{ key: "task_name", value: "Design" }] });
  expect(data).toMatchObject({ task_name: "Design", project_id: project.project_id });
  expect(booksCalls(sandbox(), from).at(-1)!.path).toBe(`/books/v3/projects/${project.project_id}/tasks`);
});

it("rejects bad input before any request, naming the input", async () => {
  await expectNoRequest(sandbox(), async () => {
    await expect(create({ recordType: "invoice", fieldValues: [{ key: "customer_id", value: "1" }] })).rejects.toThrow(/Input "Record Type" \(recordType\)/);
    await expect(create({ recordType: "contactpersons", fieldValues: [{ key: "first_name", value: "Ann" }] })).rejects.toThrow(
      /Input "Parent Record ID" \(parentRecordId\).*contact_id/,
    );
    await expect(create({ recordType: "contacts", dynamicValues: '{"contact_name": ', fieldValues: [] })).rejects.toThrow(
      /Input "Dynamic Values" \(dynamicValues\): is not valid JSON/,
    );
    await expect(create({ recordType: "contacts", dynamicValues: "", fieldValues: [] })).rejects.toThrow(
      /Input "Field Values" \(fieldValues\): enter the record's fields/,
    );
    await expect(create({ recordType: "contacts", organizationId: "Zylker", fieldValues: [{ key: "contact_name", value: "A" }] })).rejects.toThrow(
      /Input "Organization ID" \(organizationId\)/,
    );
  });
});

it("turns Books' refusal into a clear error", async () => {
  const [item] = seed(sandbox(), "items", 1);
  const unknownCustomer = JSON.stringify({ customer_id: "460000000099999", line_items: [{ item_id: item.item_id }] });
  await expect(create({ recordType: "invoices", dynamicValues: unknownCustomer })).rejects.toThrow(
    /Zoho Books error 2 \(HTTP 400\): Invalid value passed for customer_id/,
  );
});

it("reports Books' refusal of a token without Books access", async () => {
  const connection = connectionFor(sandbox(), { scopes: ["ZohoCRM.modules.ALL"] });
  const from = sandbox().log.length;
  await expect(
    run(booksCreateRecord, sandbox(), { recordType: "contacts", organizationId: "10234695", fieldValues: [{ key: "contact_name", value: "A" }] }, connection),
  ).rejects.toThrow(/Zoho Books error 57 \(HTTP 401\): You are not authorized/);
  expect(booksCalls(sandbox(), from)).toHaveLength(1); // 401 is not retried, and the given organization needs no lookup
});
