/**
 * Inventory line items (Quoted_Items, Ordered_Items, Purchase_Items, Invoiced_Items) over real HTTP:
 * rows get ids, totals are computed, and an update that sends the subform replaces it, as Zoho does:
 * rows sent with their id are updated, rows without id added, rows left out deleted (the trap).
 */
import { useSandbox } from "../helpers/sandbox";
import { crmCall } from "./crmApi";

describe("line-item subforms", () => {
  const sandbox = useSandbox();

  const order = async (rows: unknown[]) => {
    const s = sandbox();
    const created = await crmCall(s, "POST", "/crm/v8/Sales_Orders", { json: { data: [{ Subject: "SO-1", Ordered_Items: rows }] } });
    expect(created.status).toBe(201);
    return created.body.data[0].details.id as string;
  };
  const itemsOf = async (module: string, id: string) => (await crmCall(sandbox(), "GET", `/crm/v8/${module}/${id}`)).body.data[0];

  it.each([
    ["Quotes", "Quoted_Items"],
    ["Sales_Orders", "Ordered_Items"],
    ["Purchase_Orders", "Purchase_Items"],
    ["Invoices", "Invoiced_Items"],
  ])("%s stores %s rows with ids, product lookups and totals", async (module, subform) => {
    const s = sandbox();
    const [product] = s.seedCrm({ module: "Products", count: 1 });
    const created = await crmCall(s, "POST", `/crm/v8/${module}`, {
      json: { data: [{ Subject: "Doc", [subform]: [{ Product_Name: { id: product.id }, Quantity: 3, List_Price: 12.5, Discount: 2.5 }] }] },
    });
    expect(created.status).toBe(201);
    const [row] = (await itemsOf(module, created.body.data[0].details.id))[subform];
    expect(row).toEqual({
      id: expect.stringMatching(/^\d+$/),
      Product_Name: { id: product.id, name: product.Product_Name },
      Quantity: 3,
      List_Price: 12.5,
      Discount: 2.5,
      Tax: 0,
      Total: 37.5,
      Net_Total: 35,
      Sequence_Number: 1,
    });
  });

  it("replaces the subform on update: rows left out are deleted, rows with their id kept and changed, rows without id added", async () => {
    const s = sandbox();
    const products = s.seedCrm({ module: "Products", count: 3 });
    const id = await order(products.map((p) => ({ Product_Name: { id: p.id }, Quantity: 1, List_Price: 10 })));
    const before = (await itemsOf("Sales_Orders", id)).Ordered_Items;
    expect(before).toHaveLength(3);

    // The trap: one new row without the others' ids leaves only that row.
    await crmCall(s, "PUT", `/crm/v8/Sales_Orders/${id}`, { json: { data: [{ Ordered_Items: [{ Product_Name: { id: products[0].id }, Quantity: 5 }] }] } });
    const trapped = (await itemsOf("Sales_Orders", id)).Ordered_Items;
    expect(trapped).toHaveLength(1);
    expect(before.map((r: { id: string }) => r.id)).not.toContain(trapped[0].id);

    // Sending the stored row's id keeps it (fields left out keep their values), and _delete removes one on purpose.
    await crmCall(s, "PUT", `/crm/v8/Sales_Orders/${id}`, {
      json: {
        data: [
          {
            Ordered_Items: [
              { id: trapped[0].id, Quantity: 7 },
              { Product_Name: { id: products[1].id }, Quantity: 2, List_Price: 4 },
            ],
          },
        ],
      },
    });
    const kept = (await itemsOf("Sales_Orders", id)).Ordered_Items;
    expect(kept[0]).toMatchObject({ id: trapped[0].id, Quantity: 7, Product_Name: { id: products[0].id }, Total: 0 });
    expect(kept).toHaveLength(2);
    await crmCall(s, "PUT", `/crm/v8/Sales_Orders/${id}`, { json: { data: [{ Ordered_Items: [{ id: kept[0].id }, { id: kept[1].id, _delete: null }] }] } });
    expect((await itemsOf("Sales_Orders", id)).Ordered_Items.map((r: { id: string }) => r.id)).toEqual([kept[0].id]);
  });

  it("refuses a row id the record does not hold, an unknown product and a row without quantity, naming the JSON path", async () => {
    const s = sandbox();
    const [product] = s.seedCrm({ module: "Products", count: 1 });
    const id = await order([{ Product_Name: { id: product.id }, Quantity: 1 }]);
    const strange = await crmCall(s, "PUT", `/crm/v8/Sales_Orders/${id}`, { json: { data: [{ Ordered_Items: [{ id: "123", Quantity: 1 }] }] } });
    expect(strange.body.data[0]).toMatchObject({ code: "INVALID_DATA", details: { api_name: "id", json_path: "$.data[0].Ordered_Items[0].id" } });
    const noProduct = await crmCall(s, "POST", "/crm/v8/Quotes", {
      json: { data: [{ Subject: "Q", Quoted_Items: [{ Product_Name: { id: "1" }, Quantity: 1 }] }] },
    });
    expect(noProduct.body.data[0]).toMatchObject({
      code: "INVALID_DATA",
      details: { api_name: "Product_Name", json_path: "$.data[0].Quoted_Items[0].Product_Name" },
    });
    const noQuantity = await crmCall(s, "POST", "/crm/v8/Quotes", { json: { data: [{ Subject: "Q", Quoted_Items: [{ Product_Name: { id: product.id } }] }] } });
    expect(noQuantity.body.data[0]).toMatchObject({ code: "MANDATORY_NOT_FOUND", details: { api_name: "Quantity" } });
  });
});
