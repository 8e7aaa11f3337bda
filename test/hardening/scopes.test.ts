/**
 * What the connection's Scopes comment promises (issue 19, item 7): the default covers every action
 * except Bulk Write Records (ZohoFiles.files.ALL, access to the user's Zoho files, for its upload)
 * and Composite Request (ZohoCRM.composite_requests.CUSTOM). With the default scopes, Bulk Write fails
 * with an error naming the scope to add; with it added, Bulk Write runs. Tokens come from the sandbox.
 */
import { invoke } from "@prismatic-io/spectral/dist/testing";
import { crmBulkWriteRecords } from "../../actions/crm/bulkWriteRecords";
import { crmCompositeRequest } from "../../actions/crm/compositeRequest";
import { connections, DEFAULT_SCOPES } from "../../connections";
import { configureBulkPolling } from "../../src/crm/bulk";
import { connectionFor, useSandbox } from "../helpers/sandbox";

const sandbox = useSandbox();
beforeAll(() => configureBulkPolling({ firstDelayMs: 5, maxDelayMs: 20 }));

const defaults = DEFAULT_SCOPES.split(" ");
const write = (scopes: string[]) =>
  invoke(crmBulkWriteRecords, {
    connection: connectionFor(sandbox(), { scopes }),
    recordType: "Contacts",
    records: [{ Last_Name: "Scoped" }],
    operation: "insert",
  } as never);

it("the Scopes comment names the two actions the default leaves out, and their scopes", () => {
  for (const connection of connections) {
    const comments = (connection.inputs as Record<string, { comments?: string }>).scopes.comments ?? "";
    expect(comments).not.toMatch(/covers every action and trigger of this component;/);
    expect(comments).toMatch(/except two.*Bulk Write Records needs ZohoFiles\.files\.ALL.*Composite Request needs ZohoCRM\.composite_requests\.CUSTOM/);
  }
  expect(defaults).not.toContain("ZohoFiles.files.ALL");
  expect(defaults).not.toContain("ZohoCRM.composite_requests.CUSTOM");
});

it("with the default scopes Bulk Write Records names ZohoFiles.files.ALL; with it added the write runs", async () => {
  await expect(write(defaults)).rejects.toThrow(
    /OAUTH_SCOPE_MISMATCH.*add ZohoFiles\.files\.ALL \(bulk write uploads\) to the connection's Scopes and reconnect/,
  );
  const { result } = await write([...defaults, "ZohoFiles.files.ALL"]);
  expect((result as { data: { counts: unknown } }).data.counts).toEqual({ total: 1, succeeded: 1, failed: 0 });
});

it("with the default scopes Composite Request names ZohoCRM.composite_requests.CUSTOM", async () => {
  const subRequests = JSON.stringify([{ method: "GET", uri: "/org" }]);
  await expect(invoke(crmCompositeRequest, { connection: connectionFor(sandbox(), { scopes: defaults }), subRequests } as never)).rejects.toThrow(
    /OAUTH_SCOPE_MISMATCH.*ZohoCRM\.composite_requests\.CUSTOM/,
  );
});
