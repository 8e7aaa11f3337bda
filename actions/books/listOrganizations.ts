import { action } from "@prismatic-io/spectral";
import { listOrganizations } from "../../src/books";
import { clientFor } from "../../src/context";
import { connectionInput, debugRequest } from "../../src/inputs";
import { exampleOrganization } from "./examples";

export const booksListOrganizations = action({
  display: {
    label: "List Books Organizations",
    description: "List the Zoho Books organizations the connection's user belongs to, with the one Zoho marks default (is_default_org).",
  },
  inputs: { connection: connectionInput, debugRequest },
  perform: async (context, params) => ({ data: await listOrganizations(clientFor(context, params)) }),
  examplePayload: { data: [exampleOrganization] },
});
