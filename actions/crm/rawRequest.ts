import { exampleLead } from "../../src/examples";
import { oneBody, rawRequestFields, sendRawRequest } from "../../src/http/rawRequest";
import { zohoAction } from "../../src/step";

export const crmRawRequest = zohoAction({
  display: {
    label: "Raw Request",
    description:
      "Send any request to the Zoho CRM API (v8) with the connection's token, e.g. for an endpoint no other action covers. Paths are relative to {api domain}/crm/v8.",
  },
  // Debug Request stands among spectral's raw-request inputs, where builders know it from other components.
  fields: rawRequestFields,
  debug: false,
  refine: (schema) => oneBody(schema),
  perform: async (_context, input, client) => {
    const { data } = await sendRawRequest(client, "crm", input);
    return { data };
  },
  examplePayload: {
    data: {
      data: [exampleLead],
      info: {
        per_page: 200,
        count: 1,
        page: 1,
        sort_by: "id",
        sort_order: "desc",
        more_records: true,
        next_page_token: "c8582e7f1ba7bd0b93fdeb4fbe1e2e4e4d02d15c6d2e4d35ba9d97bf6a1b1c9f",
        page_token_expiry: "2026-11-23T10:15:30+00:00",
      },
    },
  },
});
