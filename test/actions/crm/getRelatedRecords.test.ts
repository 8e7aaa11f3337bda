import { crmGetRelatedRecords } from "../../../actions/crm/getRelatedRecords";
import { useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { expectNoRequest, run } from "../books/harness";

const sandbox = useSandbox();

const accountWithContacts = (count: number) => {
  const s = sandbox();
  const [account, other] = s.seedCrm({ module: "Accounts", count: 2 });
  const contacts = s.seedCrm({ module: "Contacts", count, fields: (i) => ({ Account_Name: { id: i === 0 ? other.id : account.id, name: "x" } }) });
  return { s, account, mine: contacts.slice(1) };
};

it("lists the related records with the asked fields", async () => {
  const { s, account, mine } = accountWithContacts(4);
  const before = s.log.length;
  const result = await run(crmGetRelatedRecords, s, { recordType: "Accounts", recordId: account.id, relatedList: "Contacts", fields: "Last_Name,Email" });
  expect(result.data.data).toEqual(mine.map((c) => ({ id: c.id, Last_Name: c.Last_Name, Email: c.Email })));
  expect(result.data.info).toEqual({ count: 3, more_records: false, next_page_token: null });
  expect(s.log[before]).toMatchObject({ path: `/crm/v8/Accounts/${account.id}/Contacts`, query: { fields: "Last_Name,Email", page: "1", per_page: "200" } });
  expectSameShape(result, crmGetRelatedRecords.examplePayload);
});

it("pages, and Fetch All reads every page", async () => {
  const { s, account, mine } = accountWithContacts(6);
  const page = await run(crmGetRelatedRecords, s, {
    recordType: "Accounts",
    recordId: account.id,
    relatedList: "Contacts",
    fields: "Last_Name",
    per_page: "2",
    page: "2",
  });
  expect(page.data.data.map((c: any) => c.id)).toEqual(mine.slice(2, 4).map((c) => c.id));
  expect(page.data.info.more_records).toBe(true);
  const all = await run(crmGetRelatedRecords, s, {
    recordType: "Accounts",
    recordId: account.id,
    relatedList: "Contacts",
    fields: "Last_Name",
    fetchAll: "true",
  });
  expect(all.data.data.map((c: any) => c.id)).toEqual(mine.map((c) => c.id));
});

it("rejects bad input before any request", async () => {
  const s = sandbox();
  const base = { recordType: "Accounts", recordId: "5725767000000000001", relatedList: "Contacts", fields: "Last_Name" };
  await expectNoRequest(s, async () => {
    await expect(run(crmGetRelatedRecords, s, { ...base, fields: "" })).rejects.toThrow(/"Fields".*Zoho requires them/);
    await expect(run(crmGetRelatedRecords, s, { ...base, relatedList: "Contact Roles" })).rejects.toThrow(/"Related List"/);
    await expect(run(crmGetRelatedRecords, s, { ...base, fields: Array.from({ length: 51 }, (_, i) => `F${i}`).join(",") })).rejects.toThrow(
      /at most 50 fields/,
    );
  });
});

it("reports Zoho's INVALID_DATA for a record that does not exist", async () => {
  const s = sandbox();
  await expect(
    run(crmGetRelatedRecords, s, { recordType: "Accounts", recordId: "5725767000009999999", relatedList: "Contacts", fields: "Last_Name" }),
  ).rejects.toThrow(/HTTP 400\) INVALID_DATA/);
});
