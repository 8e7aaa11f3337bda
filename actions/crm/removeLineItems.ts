import { recordId } from "../../src/fields/crm";
import { inventoryModule, lineItemIds } from "../../src/fields/inventory";
import { removeLineItems } from "../../src/crm/lineItems";
import { exampleLineItems } from "../../src/crm/lineItemExamples";
import { zohoAction } from "../../src/step";

export const crmRemoveLineItems = zohoAction({
  display: {
    label: "Remove Line Items",
    description: "Delete rows of a Quote, Sales Order, Purchase Order or Invoice by row id; every other row stays as it is.",
  },
  fields: { recordType: inventoryModule, recordId, lineItemIds },
  perform: async (_context, input, client) => ({ data: await removeLineItems(client, input.recordType, input.recordId, input.lineItemIds) }),
  examplePayload: { data: exampleLineItems },
});
