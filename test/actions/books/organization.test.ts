/** Which organization a Books action works in when Organization ID is empty, and what it costs. */
import { booksGetRecords } from "../../../actions/books/getRecords";
import { ensureOrganizations } from "../../../sandbox/books/organizations";
import { startTestSandbox, connectionFor, type TestSandbox } from "../../helpers/sandbox";
import { booksCalls, run, seed } from "./harness";

const withSandbox = async (
  booksOrganizations: Array<{ organization_id: string; name: string; is_default_org: boolean }>,
  body: (sandbox: TestSandbox) => Promise<void>,
) => {
  const sandbox = await startTestSandbox({ booksOrganizations });
  // seedBooks reads the organizations without the sandbox's options: fill them from the options first.
  ensureOrganizations(sandbox.state, { booksOrganizations });
  try {
    await body(sandbox);
    sandbox.assertContract();
  } finally {
    await sandbox.stop();
  }
};

const organizationsUsed = (sandbox: TestSandbox, from: number) =>
  booksCalls(sandbox, from)
    .filter((call) => call.path !== "/books/v3/organizations")
    .map((call) => call.query.organization_id);

it("uses the only organization, even when Zoho does not mark it default", async () => {
  await withSandbox([{ organization_id: "700001", name: "Solo Ltd", is_default_org: false }], async (sandbox) => {
    seed(sandbox, "items", 2, { organizationId: "700001" });
    const { data } = await run(booksGetRecords, sandbox, { recordType: "items" });
    expect(data.records).toHaveLength(2);
    expect(organizationsUsed(sandbox, 0)).toEqual(["700001"]);
  });
});

it("uses the default among several, and the one named in Organization ID", async () => {
  const orgs = [
    { organization_id: "700001", name: "Alpha", is_default_org: false },
    { organization_id: "700002", name: "Beta", is_default_org: true },
  ];
  await withSandbox(orgs, async (sandbox) => {
    seed(sandbox, "items", 1, { organizationId: "700001" });
    seed(sandbox, "items", 3, { organizationId: "700002" });
    expect((await run(booksGetRecords, sandbox, { recordType: "items" })).data.records).toHaveLength(3);
    const from = sandbox.log.length;
    expect((await run(booksGetRecords, sandbox, { recordType: "items", organizationId: "700001" })).data.records).toHaveLength(1);
    // A named organization needs no lookup.
    expect(booksCalls(sandbox, from).map((call) => call.path)).toEqual(["/books/v3/items"]);
  });
});

it("fails listing the organizations by name and id when none is the default, before any other call", async () => {
  const orgs = [
    { organization_id: "700001", name: "Alpha", is_default_org: false },
    { organization_id: "700002", name: "Beta", is_default_org: false },
  ];
  await withSandbox(orgs, async (sandbox) => {
    await expect(run(booksGetRecords, sandbox, { recordType: "items" })).rejects.toThrow(
      /Input "Organization ID" \(organizationId\).*Alpha \(700001\), Beta \(700002\)/,
    );
    expect(booksCalls(sandbox, 0).map((call) => call.path)).toEqual(["/books/v3/organizations"]);
  });
});

it("says so when the organization named is not the user's", async () => {
  await withSandbox([{ organization_id: "700001", name: "Solo Ltd", is_default_org: true }], async (sandbox) => {
    await expect(run(booksGetRecords, sandbox, { recordType: "items", organizationId: "999999" })).rejects.toThrow(
      /not associated with the CompanyID.*Pick the organization in the Organization ID input/,
    );
  });
});

it("looks the organizations up once per connection across the steps of a flow", async () => {
  await withSandbox([{ organization_id: "700001", name: "Solo Ltd", is_default_org: true }], async (sandbox) => {
    const connection = connectionFor(sandbox);
    for (let step = 0; step < 3; step++) await run(booksGetRecords, sandbox, { recordType: "items" }, connection);
    await run(booksGetRecords, sandbox, { recordType: "items" }, connectionFor(sandbox));
    expect(booksCalls(sandbox, 0).filter((call) => call.path === "/books/v3/organizations")).toHaveLength(2);
    expect(organizationsUsed(sandbox, 0)).toEqual(["700001", "700001", "700001", "700001"]);
  });
});
