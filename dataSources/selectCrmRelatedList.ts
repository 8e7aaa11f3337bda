import { recordType } from "../src/fields/crm";
import { zohoDataSource } from "../src/step";

interface RelatedListMeta {
  api_name: string | null;
  display_label?: string | null;
  /** Where Zoho serves the list, e.g. Accounts/{ENTITYID}/Contacts; null when the API cannot read it. */
  href?: string | null;
}

/** Notes and Attachments have their own actions (List Notes, List Attachments), which read them whole. */
const OWN_ACTIONS = new Set(["Notes", "Attachments"]);

export const selectCrmRelatedList = zohoDataSource({
  display: {
    label: "Select CRM Related List",
    description:
      "Pick a related list of a CRM module (e.g. an account's Contacts or Deals) by its label; the value is its API name. Notes and Attachments have their own actions and are not listed.",
  },
  dataSourceType: "picklist",
  fields: { recordType },
  perform: async (_context, input, client) => {
    const response = await client.request<{ related_lists?: RelatedListMeta[] }>({
      api: "crm",
      path: "/settings/related_lists",
      params: { module: input.recordType },
    });
    const lists = response.status === 204 ? [] : (response.data?.related_lists ?? []);
    return {
      // Zoho's order is the record page's order; a list without an href cannot be read through the API.
      result: lists
        .filter((l): l is RelatedListMeta & { api_name: string } => Boolean(l.api_name && l.href) && !OWN_ACTIONS.has(String(l.api_name)))
        .map((l) => ({ key: l.api_name, label: `${l.display_label ?? l.api_name} (${l.api_name})` })),
    };
  },
  examplePayload: {
    result: [
      { key: "Contacts", label: "Contacts (Contacts)" },
      { key: "Deals", label: "Deals (Deals)" },
    ],
  },
});
