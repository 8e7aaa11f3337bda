import { booksListOrganizations } from "../../../actions/books/listOrganizations";
import { connectionFor, useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { booksCalls, run } from "./harness";

const sandbox = useSandbox({
  booksOrganizations: [
    { organization_id: "10234695", name: "Zylker Inc", is_default_org: true },
    { organization_id: "10234696", name: "Zylker Europe", is_default_org: false },
  ],
});

it("lists the user's organizations with the default flag, without organization_id", async () => {
  const from = sandbox().log.length;
  const { data } = await run(booksListOrganizations, sandbox(), {});
  expect(data.map((o: any) => [o.organization_id, o.name, o.is_default_org])).toEqual([
    ["10234695", "Zylker Inc", true],
    ["10234696", "Zylker Europe", false],
  ]);
  expectSameShape(data, booksListOrganizations.examplePayload!.data);
  const calls = booksCalls(sandbox(), from);
  expect(calls).toHaveLength(1);
  expect(calls[0]).toMatchObject({ method: "GET", path: "/books/v3/organizations" });
  expect(calls[0].query).not.toHaveProperty("organization_id");
});

it("asks again on each run (the list is never stale)", async () => {
  const connection = connectionFor(sandbox());
  const from = sandbox().log.length;
  await run(booksListOrganizations, sandbox(), {}, connection);
  await run(booksListOrganizations, sandbox(), {}, connection);
  expect(booksCalls(sandbox(), from)).toHaveLength(2);
});

it("names the missing scope's refusal", async () => {
  const connection = connectionFor(sandbox(), { scopes: ["ZohoCRM.modules.ALL"] });
  await expect(run(booksListOrganizations, sandbox(), {}, connection)).rejects.toThrow(/Zoho Books error 57/);
});
