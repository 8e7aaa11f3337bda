/**
 * The connection's default scopes let Bulk Write Records run (issue 19, item 7): its upload needs
 * ZohoFiles.files.ALL, which the default now includes; a connection without it gets an error that
 * names the scope. The sandbox's accounts server issues a token with exactly the default scopes.
 */
import { invoke } from "@prismatic-io/spectral/dist/testing";
import { crmBulkWriteRecords } from "../../actions/crm/bulkWriteRecords";
import { DEFAULT_SCOPES } from "../../connections";
import { configureBulkPolling } from "../../src/bulk";
import { connectionFor, useSandbox } from "../helpers/sandbox";

const sandbox = useSandbox();
beforeAll(() => configureBulkPolling({ firstDelayMs: 5, maxDelayMs: 20 }));

const defaults = DEFAULT_SCOPES.split(" ");
const write = (scopes: string[]) =>
  invoke(crmBulkWriteRecords, { connection: connectionFor(sandbox(), { scopes }), recordType: "Contacts", records: [{ Last_Name: "Scoped" }], operation: "insert" } as never);

it("a connection with the default scopes runs Bulk Write Records", async () => {
  expect(defaults).toContain("ZohoFiles.files.ALL");
  const { result } = await write(defaults);
  expect((result as { data: { counts: unknown } }).data.counts).toEqual({ total: 1, succeeded: 1, failed: 0 });
});

it("without ZohoFiles.files.ALL the error names the scope to add", async () => {
  await expect(write(defaults.filter((s) => s !== "ZohoFiles.files.ALL"))).rejects.toThrow(
    /OAUTH_SCOPE_MISMATCH.*add ZohoFiles\.files\.ALL \(bulk write uploads\) to the connection's Scopes and reconnect/,
  );
});
