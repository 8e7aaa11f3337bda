import { dataSource } from "@prismatic-io/spectral";
import { listOrganizations } from "../src/books";
import { clientFor } from "../src/context";
import { connectionInput } from "../src/inputs";

export const selectBooksOrganization = dataSource({
  display: {
    label: "Select Books Organization",
    description: "Pick one of the Zoho Books organizations the connection's user belongs to; the value is its organization_id. The one Zoho marks default says so.",
  },
  dataSourceType: "picklist",
  inputs: { connection: connectionInput },
  perform: async (context, params) => {
    const organizations = await listOrganizations(clientFor(context, params));
    return {
      result: organizations.map((org) => ({
        key: String(org.organization_id),
        label: `${org.name} (${org.organization_id})${org.is_default_org ? " - default" : ""}`,
      })),
    };
  },
  examplePayload: { result: [{ key: "10234695", label: "Zylker Inc (10234695) - default" }] },
});
