import { recordId } from "../../src/fields/crm";
import { inventoryModule, newLineItems } from "../../src/fields/inventory";
import { addLineItems } from "../../src/lineItems";
import { exampleLineItems } from "../../src/lineItemExamples";
import { zohoAction } from "../../src/step";

export const crmAddLineItems = zohoAction({
  display: {
    label: "Add Line Items",
    description:
      "Add product rows to a Quote, Sales Order, Purchase Order or Invoice, keeping every row it already has (the record is read first and its rows sent by id, so Zoho does not delete them).",
  },
  fields: { recordType: inventoryModule, recordId, lineItems: newLineItems },
  perform: async (_context, input, client) => ({ data: await addLineItems(client, input.recordType, input.recordId, input.lineItems) }),
  examplePayload: { data: exampleLineItems },
});
