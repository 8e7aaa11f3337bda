import { action } from "@prismatic-io/spectral";
import { clientFor } from "../../src/context";
import { exampleLead } from "../../src/examples";
import { connectionInput } from "../../src/inputs";
import { rawRequestInputs, sendRawRequest } from "../../src/rawRequest";

export const crmRawRequest = action({
  display: {
    label: "Raw Request",
    description: "Send any request to the Zoho CRM API (v8) with the connection's token, e.g. for an endpoint no other action covers. Paths are relative to {api domain}/crm/v8.",
  },
  inputs: { connection: connectionInput, ...rawRequestInputs },
  perform: async (context, params) => {
    const client = clientFor(context, params);
    const { data } = await sendRawRequest(client, "crm", params);
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
