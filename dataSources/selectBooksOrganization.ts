import { listOrganizations } from "../src/books/client";
import { zohoDataSource } from "../src/step";

/** GET /organizations takes no organization_id, so this data source gets the plain client, not a Books one. */
export const selectBooksOrganization = zohoDataSource({
  display: {
    label: "Select Books Organization",
    description:
      "Pick one of the Zoho Books organizations the connection's user belongs to; the value is its organization_id. The one Zoho marks default says so.",
  },
  dataSourceType: "picklist",
  fields: {},
  perform: async (_context, _input, client) => {
    const organizations = await listOrganizations(client);
    return {
      result: organizations.map((org) => ({
        key: String(org.organization_id),
        label: `${org.name} (${org.organization_id})${org.is_default_org ? " - default" : ""}`,
      })),
    };
  },
  examplePayload: { result: [{ key: "10234695", label: "Zylker Inc (10234695) - default" }] },
});
