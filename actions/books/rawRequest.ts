import { action } from "@prismatic-io/spectral";
import { resolveOrganizationId } from "../../src/books/client";
import { clientFor } from "../../src/http/clientFor";
import { organizationId } from "../../src/fields/books";
import { connectionInput, debugRequest } from "../../src/fields/common";
import { oneBody, rawRequestFields, rawRequestInputs, sendRawRequest, type RawRequest } from "../../src/http/rawRequest";
import { parseFields } from "../../src/step";
import { exampleInvoice, examplePageContext } from "./examples";

/**
 * Not zohoAction: the organization is looked up only when the request needs one (GET /organizations
 * does not), which takes the connection, and the raw-request inputs are checked before it.
 */
const fields = { organizationId, ...rawRequestFields };

const inputs = {
  connection: connectionInput,
  organizationId: organizationId.input,
  ...rawRequestInputs,
  url: {
    ...rawRequestInputs.url,
    comments: "A path under https://www.zohoapis.<region>/books/v3, e.g. /invoices or /contacts/460000000026049.",
    example: "/invoices",
  },
  debugRequest: debugRequest.input,
};

/** GET /organizations is the one Books call without organization_id, and a query that names one keeps it. */
const needsOrganization = (request: RawRequest): boolean => {
  const url = new URL(request.url, "https://books.invalid/books/v3/");
  const path = url.pathname.replace(/^\/books\/v3(?=\/)/, "").replace(/\/+$/, "");
  if (request.method === "GET" && path === "/organizations") return false;
  return !url.searchParams.has("organization_id") && !request.queryParams.some(({ key }) => key === "organization_id");
};

export const booksRawRequest = action({
  display: {
    label: "Books Raw Request",
    description: "Send any request to the Zoho Books API v3 with the connection's token; organization_id is added unless the query names one.",
  },
  inputs,
  perform: async (context, params) => {
    const { organizationId, ...request } = parseFields(fields, params, oneBody);
    const client = clientFor(context, params);
    const extra = needsOrganization(request) ? { organization_id: await resolveOrganizationId(client, params.connection, organizationId) } : {};
    const { data } = await sendRawRequest(client, "books", request, extra);
    return { data };
  },
  examplePayload: { data: { code: 0, message: "success", invoices: [exampleInvoice], page_context: examplePageContext } },
});
