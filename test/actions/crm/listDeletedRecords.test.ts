/** List Deleted Records against the sandbox's deleted list (Recycle Bin and purged), with contract checks on. */
import { crmListDeletedRecords } from "../../../actions/crm/listDeletedRecords";
import { useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { expectNoRequest, run } from "../books/harness";

const sandbox = useSandbox();

const remove = async (ids: string[]) => {
  const s = sandbox();
  await fetch(`${s.url}/crm/v8/Contacts?ids=${ids.join(",")}`, {
    method: "DELETE",
    headers: { Authorization: `Zoho-oauthtoken ${s.issueToken({}).accessToken}` },
  });
};

/** Zoho's deleted list as it stands: records deleted through the API, some later purged. */
const purge = (ids: string[]) => {
  const entries = (sandbox().state.crm.recycleBin as { entries: Map<string, Array<{ id: string; type: string }>> }).entries.get("Contacts")!;
  entries.filter((e) => ids.includes(e.id)).forEach((e) => (e.type = "permanent"));
};

it("lists deleted records newest first, by type, one page or all", async () => {
  const s = sandbox();
  const contacts = s.seedCrm({ module: "Contacts", count: 5 });
  const ids = contacts.map((c) => c.id);
  for (const id of ids) {
    await remove([id]);
    s.clock.advance(1_000);
  }
  purge(ids.slice(0, 2));
  const all = await run(crmListDeletedRecords, s, { recordType: "Contacts" });
  expectSameShape(all, crmListDeletedRecords.examplePayload);
  expect(all.data.data.map((r: { id: string }) => r.id)).toEqual([...ids].reverse());
  expect(all.data.data[0]).toMatchObject({ display_name: expect.any(String), type: "recycle" });
  const recycle = await run(crmListDeletedRecords, s, { recordType: "Contacts", deletedType: "recycle" });
  expect(recycle.data.data.map((r: { id: string }) => r.id)).toEqual(ids.slice(2).reverse());
  const permanent = await run(crmListDeletedRecords, s, { recordType: "Contacts", deletedType: "permanent" });
  expect(permanent.data.data.map((r: { id: string }) => r.id)).toEqual(ids.slice(0, 2).reverse());
  const paged = await run(crmListDeletedRecords, s, { recordType: "Contacts", per_page: "2", page: "2" });
  expect(paged.data).toMatchObject({ data: [{ id: ids[2] }, { id: ids[1] }], info: { page: 2, per_page: 2, more_records: true } });
  const every = await run(crmListDeletedRecords, s, { recordType: "Contacts", fetchAll: "true" });
  expect(every.data.data).toHaveLength(5);
});

it("reads only records deleted since a time; an empty list is no error", async () => {
  const s = sandbox();
  const [older, newer] = s.seedCrm({ module: "Contacts", count: 2 });
  await remove([older.id]);
  s.clock.advance(5_000);
  const since = new Date(Math.floor(s.clock.now() / 1000) * 1000).toISOString();
  await remove([newer.id]);
  const result = await run(crmListDeletedRecords, s, { recordType: "Contacts", deletedSince: since });
  expect(result.data.data.map((r: { id: string }) => r.id)).toEqual([newer.id]);
  expect(s.log.at(-1)!.headers["if-modified-since"]).toBeDefined();
  const none = await run(crmListDeletedRecords, s, { recordType: "Vendors" });
  expect(none.data).toEqual({ data: [], info: { page: 1, per_page: 200, count: 0, more_records: false } });
});

it("rejects bad input before any request", async () => {
  const s = sandbox();
  await expectNoRequest(s, async () => {
    await expect(run(crmListDeletedRecords, s, { recordType: "Contacts", deletedType: "trash" })).rejects.toThrow(/"Deleted Type".*all, recycle or permanent/);
    await expect(run(crmListDeletedRecords, s, { recordType: "Contacts", deletedSince: "last week" })).rejects.toThrow(/"Deleted Since".*ISO 8601/);
    await expect(run(crmListDeletedRecords, s, { recordType: "Contacts", per_page: "500" })).rejects.toThrow(/"Per Page"/);
  });
});
