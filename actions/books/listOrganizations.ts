import { listOrganizations } from "../../src/books/client";
import { zohoAction } from "../../src/step";
import { exampleOrganization } from "./examples";

/** GET /organizations takes no organization_id, so this step gets the plain client, not a Books one. */
export const booksListOrganizations = zohoAction({
  display: {
    label: "List Books Organizations",
    description: "List the Zoho Books organizations the connection's user belongs to, with the one Zoho marks default (is_default_org).",
  },
  fields: {},
  perform: async (_context, _input, client) => ({ data: await listOrganizations(client) }),
  examplePayload: { data: [exampleOrganization] },
});
