/**
 * Inventory line items through spectral's harness against the sandbox, whose subforms replace their
 * rows on update as Zoho's do (so the trap is real here): Create Record with a friendly list, and
 * Add, Update and Remove Line Items never dropping a row they were not asked to touch.
 */
import { invoke } from "@prismatic-io/spectral/dist/testing";
import { crmAddLineItems } from "../../../actions/crm/addLineItems";
import { crmCreateRecord } from "../../../actions/crm/createRecord";
import { crmRemoveLineItems } from "../../../actions/crm/removeLineItems";
import { crmUpdateLineItems } from "../../../actions/crm/updateLineItems";
import { crmUpdateRecord } from "../../../actions/crm/updateRecord";
import { environmentState } from "../../../sandbox/state";
import { connectionFor, useSandbox, type TestSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";

const sandbox = useSandbox();
const run = async (action: { perform: unknown }, s: TestSandbox, params: Record<string, unknown>) =>
  (await invoke(action as never, { connection: connectionFor(s), ...params } as never)).result as any;

type Row = { id: string; Product_Name: { id: string }; Quantity: number; List_Price: number; Discount: number; Sequence_Number?: number };
const rowsOf = (s: TestSandbox, module: string, id: string) =>
  environmentState(s.state).crm.records.get(module)!.get(id)![
    { Quotes: "Quoted_Items", Sales_Orders: "Ordered_Items", Purchase_Orders: "Purchase_Items", Invoices: "Invoiced_Items" }[module]!
  ] as Row[];

/** A Sales Order with `count` rows, created through Create Record from a friendly list. */
const orderWith = async (s: TestSandbox, count: number) => {
  const products = s.seedCrm({ module: "Products", count: Math.min(count, 5) });
  const lineItems = Array.from({ length: count }, (_, i) => ({
    productId: products[i % products.length].id,
    quantity: i + 1,
    listPrice: 10 + i,
    discount: i % 3,
  }));
  const created = await run(crmCreateRecord, s, {
    recordType: "Sales_Orders",
    fieldValues: [{ key: "Subject", value: "SO" }],
    dynamicValues: { Ordered_Items: lineItems },
  });
  return { id: created.data.id as string, products };
};

it("Create Record takes line items as a list of product id, quantity, list price and discount", async () => {
  const s = sandbox();
  const { id, products } = await orderWith(s, 3);
  expect(rowsOf(s, "Sales_Orders", id).map((r) => [r.Product_Name.id, r.Quantity, r.List_Price, r.Discount])).toEqual([
    [products[0].id, 1, 10, 0],
    [products[1].id, 2, 11, 1],
    [products[2].id, 3, 12, 2],
  ]);
});

it("adding one row to a 20-row order keeps the other 20 untouched", async () => {
  const s = sandbox();
  const { id, products } = await orderWith(s, 20);
  const before = structuredClone(rowsOf(s, "Sales_Orders", id));
  expect(before).toHaveLength(20);
  const result = await run(crmAddLineItems, s, {
    recordType: "Sales_Orders",
    recordId: id,
    lineItems: JSON.stringify([{ productId: products[0].id, quantity: 99, listPrice: 1 }]),
  });
  expectSameShape(result, crmAddLineItems.examplePayload);
  const after = rowsOf(s, "Sales_Orders", id);
  expect(after).toHaveLength(21);
  expect(after.slice(0, 20)).toEqual(before);
  expect(after[20]).toMatchObject({ Product_Name: { id: products[0].id }, Quantity: 99, List_Price: 1, id: expect.any(String) });
  expect(result.data.lineItems).toEqual(after);
});

it("the trap is real: Update Record with the subform but without the rows' ids leaves only what it sent", async () => {
  const s = sandbox();
  const { id, products } = await orderWith(s, 20);
  await run(crmUpdateRecord, s, {
    recordType: "Sales_Orders",
    recordId: id,
    dynamicValues: { Ordered_Items: [{ Product_Name: { id: products[0].id }, Quantity: 1 }] },
  });
  expect(rowsOf(s, "Sales_Orders", id)).toHaveLength(1);
});

it("Update Line Items changes only the rows it names; Remove Line Items deletes only the rows it names", async () => {
  const s = sandbox();
  const { id } = await orderWith(s, 20);
  const before = structuredClone(rowsOf(s, "Sales_Orders", id));
  await run(crmUpdateLineItems, s, { recordType: "Sales_Orders", recordId: id, lineItems: [{ id: before[4].id, quantity: 50, discount: 5 }] });
  const updated = rowsOf(s, "Sales_Orders", id);
  expect(updated).toHaveLength(20);
  expect(updated[4]).toMatchObject({ id: before[4].id, Quantity: 50, Discount: 5, List_Price: before[4].List_Price, Product_Name: before[4].Product_Name });
  expect(updated.filter((_, i) => i !== 4)).toEqual(before.filter((_, i) => i !== 4));

  await run(crmRemoveLineItems, s, { recordType: "Sales_Orders", recordId: id, lineItemIds: [before[0].id, before[19].id] });
  const removed = rowsOf(s, "Sales_Orders", id);
  expect(removed.map((r) => r.id)).toEqual(before.slice(1, 19).map((r) => r.id));
  expect(removed.filter((r) => r.id !== before[4].id).map(({ Sequence_Number: _s, ...r }) => r)).toEqual(
    before
      .slice(1, 19)
      .filter((r) => r.id !== before[4].id)
      .map(({ Sequence_Number: _s, ...r }) => r),
  );
});

it("adds one row from the Product, Quantity, List Price and Discount inputs, after any Line Items", async () => {
  const s = sandbox();
  const { id, products } = await orderWith(s, 2);
  const before = structuredClone(rowsOf(s, "Sales_Orders", id));
  await run(crmAddLineItems, s, {
    recordType: "Sales_Orders",
    recordId: id,
    lineItems: [{ productId: products[1].id, quantity: 1 }],
    product: products[0].id,
    quantity: "4",
    listPrice: "25.5",
    discount: "3",
  });
  const rows = rowsOf(s, "Sales_Orders", id);
  expect(rows.slice(0, 2)).toEqual(before);
  expect(rows.slice(2).map((r) => [r.Product_Name.id, r.Quantity, r.List_Price, r.Discount])).toEqual([
    [products[1].id, 1, 0, 0],
    [products[0].id, 4, 25.5, 3],
  ]);
  const beforeCalls = s.log.length;
  await expect(run(crmAddLineItems, s, { recordType: "Sales_Orders", recordId: id, product: products[0].id })).rejects.toThrow(
    /Quantity.*give the Product row's quantity/,
  );
  await expect(run(crmAddLineItems, s, { recordType: "Sales_Orders", recordId: id })).rejects.toThrow(/Line Items.*or one row with Product and Quantity/);
  await expect(run(crmAddLineItems, s, { recordType: "Sales_Orders", recordId: id, product: products[0].id, quantity: "0" })).rejects.toThrow(
    /Quantity.*must be more than 0/,
  );
  expect(s.log.length).toBe(beforeCalls);
});

it.each([
  ["Quotes", "Quoted_Items"],
  ["Purchase_Orders", "Purchase_Items"],
  ["Invoices", "Invoiced_Items"],
])("adds a row to a %s record's %s and keeps the stored rows", async (module) => {
  const s = sandbox();
  const products = s.seedCrm({ module: "Products", count: 2 });
  const created = await run(crmCreateRecord, s, {
    recordType: module,
    fieldValues: [{ key: "Subject", value: "Doc" }],
    dynamicValues: {
      [module === "Quotes" ? "Quoted_Items" : module === "Invoices" ? "Invoiced_Items" : "Purchase_Items"]: [{ productId: products[0].id, quantity: 1 }],
    },
  });
  const [first] = structuredClone(rowsOf(s, module, created.data.id));
  await run(crmAddLineItems, s, { recordType: module, recordId: created.data.id, lineItems: [{ productId: products[1].id, quantity: 2 }] });
  const rows = rowsOf(s, module, created.data.id);
  expect(rows).toHaveLength(2);
  expect(rows[0]).toEqual(first);
});

it("refuses bad line items before any request, and unknown row ids after reading the record without writing", async () => {
  const s = sandbox();
  const { id } = await orderWith(s, 2);
  const before = s.log.length;
  await expect(run(crmAddLineItems, s, { recordType: "Sales_Orders", recordId: id, lineItems: [{ quantity: 1 }] })).rejects.toThrow(
    /Line Items.*line item 0 has no valid product id|Line Items.*needs a product/,
  );
  await expect(run(crmAddLineItems, s, { recordType: "Leads", recordId: id, lineItems: [{ productId: "1", quantity: 1 }] })).rejects.toThrow(
    /Module.*must be one of Quotes, Sales_Orders, Purchase_Orders, Invoices/,
  );
  await expect(run(crmUpdateLineItems, s, { recordType: "Sales_Orders", recordId: id, lineItems: [{ quantity: 3 }] })).rejects.toThrow(
    /Line Items.*needs the "id" of the row to change/,
  );
  await expect(run(crmRemoveLineItems, s, { recordType: "Sales_Orders", recordId: id, lineItemIds: "" })).rejects.toThrow(/Line Item IDs.*at least one/);
  await expect(
    run(crmCreateRecord, s, {
      recordType: "Quotes",
      fieldValues: [{ key: "Subject", value: "Q" }],
      dynamicValues: { Quoted_Items: [{ productId: "1", quantity: -1 }] },
    }),
  ).rejects.toThrow(/Quoted_Items: line item 0: Quantity must be a number of 0 or more/);
  expect(s.log.length).toBe(before);

  const writes = environmentState(s.state).writeLog.length;
  await expect(run(crmRemoveLineItems, s, { recordType: "Sales_Orders", recordId: id, lineItemIds: ["123"] })).rejects.toThrow(
    /Line item 123 is not a line item of Sales_Orders record .*Nothing was changed/,
  );
  expect(environmentState(s.state).writeLog.length).toBe(writes);
  expect(rowsOf(s, "Sales_Orders", id)).toHaveLength(2);
});
