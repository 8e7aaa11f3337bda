import { input } from "@prismatic-io/spectral";
import { recordType } from "../src/fields/crm";
import { cleanText, field } from "../src/fields/field";
import { optionalText } from "../src/fields/schemas";
import { zohoDataSource } from "../src/step";

const searchText = field(
  input({
    label: "Search Text",
    type: "string",
    required: false,
    comments: "Optional word to search for (at least 2 characters). Empty: the 200 most recently modified records.",
    example: "Smith",
    clean: cleanText,
  }),
  optionalText,
);

/** Each standard module's record name field; custom modules use Name. */
const NAME_FIELD: Record<string, string> = {
  Leads: "Full_Name",
  Contacts: "Full_Name",
  Accounts: "Account_Name",
  Deals: "Deal_Name",
  Campaigns: "Campaign_Name",
  Tasks: "Subject",
  Calls: "Subject",
  Events: "Event_Title",
  Cases: "Subject",
  Solutions: "Solution_Title",
  Products: "Product_Name",
  Vendors: "Vendor_Name",
  Price_Books: "Price_Book_Name",
  Quotes: "Subject",
  Sales_Orders: "Subject",
  Purchase_Orders: "Subject",
  Invoices: "Subject",
};

/** One call, never a scan: Zoho's word search, or the newest 200 records. */
export const selectCrmRecord = zohoDataSource({
  display: { label: "Select CRM Record", description: "Pick a record of a CRM module by name: found by search text, or from the 200 most recently modified." },
  dataSourceType: "picklist",
  fields: { recordType, searchText },
  perform: async (_context, input, client) => {
    const nameField = NAME_FIELD[input.recordType] ?? "Name";
    const response = input.searchText
      ? await client.request({ api: "crm", path: `/${input.recordType}/search`, params: { word: input.searchText, per_page: 200 } })
      : await client.request({
          api: "crm",
          path: `/${input.recordType}`,
          params: { fields: nameField, sort_by: "Modified_Time", sort_order: "desc", per_page: 200 },
        });
    const records: Array<Record<string, any>> = response.status === 204 ? [] : (response.data?.data ?? []);
    return { result: records.map((r) => ({ key: String(r.id), label: `${r[nameField] ?? r.Name ?? r.id} (${r.id})` })) };
  },
  examplePayload: { result: [{ key: "5725767000000524157", label: "Jane Smith (5725767000000524157)" }] },
});
