import { recordId } from "../../src/fields/crm";
import { inventoryModule, lineItemChanges } from "../../src/fields/inventory";
import { updateLineItems } from "../../src/crm/lineItems";
import { exampleLineItems } from "../../src/crm/lineItemExamples";
import { zohoAction } from "../../src/step";

export const crmUpdateLineItems = zohoAction({
  display: {
    label: "Update Line Items",
    description: "Change rows of a Quote, Sales Order, Purchase Order or Invoice by row id (quantity, price, discount, ...); every other row stays as it is.",
  },
  fields: { recordType: inventoryModule, recordId, lineItems: lineItemChanges },
  perform: async (_context, input, client) => ({ data: await updateLineItems(client, input.recordType, input.recordId, input.lineItems) }),
  examplePayload: { data: exampleLineItems },
});
