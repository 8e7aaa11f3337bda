import { recordId } from "../../src/fields/crm";
import { discount, inventoryModule, listPrice, optionalNewLineItems, product, quantity } from "../../src/fields/inventory";
import { addLineItems } from "../../src/crm/lineItems";
import { exampleLineItems } from "../../src/crm/lineItemExamples";
import { zohoAction } from "../../src/step";

export const crmAddLineItems = zohoAction({
  display: {
    label: "Add Line Items",
    description:
      "Add product rows to a Quote, Sales Order, Purchase Order or Invoice, keeping every row it already has (the record is read first and its rows sent by id, so Zoho does not delete them).",
  },
  fields: { recordType: inventoryModule, recordId, lineItems: optionalNewLineItems, product, quantity, listPrice, discount },
  refine: (schema) =>
    schema
      .superRefine((input, ctx) => {
        if (!input.lineItems && !input.product)
          ctx.addIssue({ code: "custom", path: ["lineItems"], message: "give the rows to add here, or one row with Product and Quantity" });
        if (input.product && input.quantity === undefined)
          ctx.addIssue({ code: "custom", path: ["quantity"], message: "give the Product row's quantity, e.g. 2" });
      })
      .transform((input) => {
        const row = { Product_Name: { id: input.product }, Quantity: input.quantity, List_Price: input.listPrice, Discount: input.discount };
        const single = input.product ? [Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined))] : [];
        return { ...input, rows: [...(input.lineItems ?? []), ...single] };
      }),
  perform: async (_context, input, client) => ({ data: await addLineItems(client, input.recordType, input.recordId, input.rows) }),
  examplePayload: { data: exampleLineItems },
});
