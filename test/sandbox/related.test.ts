/**
 * Related records over real HTTP: the records that point at a record through a lookup, with
 * fields, paging, 204 when none, and the error answers.
 */
import type { CrmRecord } from "../../sandbox/state";
import { useSandbox } from "../helpers/sandbox";
import { crmCall } from "./crmApi";

describe("related records", () => {
  const sandbox = useSandbox();
  const call = (path: string) => crmCall(sandbox(), "GET", path);
  let zylker: CrmRecord;
  let acme: CrmRecord;
  let contacts: CrmRecord[];

  beforeAll(() => {
    [zylker, acme] = sandbox().seedCrm({ module: "Accounts", count: 2 });
    const at = (account: CrmRecord) => ({ name: account.Account_Name, id: account.id });
    contacts = sandbox().seedCrm({
      module: "Contacts",
      count: 3,
      fields: (i) => ({ Last_Name: `C${i}`, Account_Name: at(i < 2 ? zylker : acme) }),
    });
    sandbox().seedCrm({
      module: "Deals",
      count: 2,
      fields: (i) => ({ Deal_Name: `D${i}`, Account_Name: at(zylker), Contact_Name: { name: "C0", id: contacts[0].id } }),
    });
  });

  it("lists an account's contacts with the asked fields", async () => {
    const answer = await call(`/crm/v8/Accounts/${zylker.id}/Contacts?fields=Last_Name`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      data: [
        { id: contacts[0].id, Last_Name: "C0" },
        { id: contacts[1].id, Last_Name: "C1" },
      ],
      info: { per_page: 200, count: 2, page: 1, more_records: false },
    });
  });

  it("follows whichever lookup points back: deals of an account and of a contact", async () => {
    const ofAccount = await call(`/crm/v8/Accounts/${zylker.id}/Deals?fields=Deal_Name`);
    expect(ofAccount.body.data.map((d: { Deal_Name: string }) => d.Deal_Name)).toEqual(["D0", "D1"]);
    const ofContact = await call(`/crm/v8/Contacts/${contacts[0].id}/Deals?fields=Deal_Name,Contact_Name`);
    expect(ofContact.body.data[0]).toMatchObject({ Deal_Name: "D0", Contact_Name: { id: contacts[0].id } });
  });

  it("pages, and answers 204 when nothing is related", async () => {
    const page = await call(`/crm/v8/Accounts/${zylker.id}/Contacts?fields=Last_Name&per_page=1&page=2`);
    expect(page.body.data).toEqual([{ id: contacts[1].id, Last_Name: "C1" }]);
    expect(page.body.info).toEqual({ per_page: 1, count: 1, page: 2, more_records: false });
    const none = await call(`/crm/v8/Accounts/${acme.id}/Deals?fields=Deal_Name`);
    expect(none.status).toBe(204);
    expect(none.bytes.length).toBe(0);
  });
});

describe("related records errors", () => {
  // Wrong on purpose; related_records.json declares no error statuses.
  const sandbox = useSandbox({ contract: false });
  const call = (path: string) => crmCall(sandbox(), "GET", path);

  it("refuses an unknown relation, parent or module, and asks for fields", async () => {
    const [account] = sandbox().seedCrm({ module: "Accounts", count: 1 });
    const relation = await call(`/crm/v8/Accounts/${account.id}/Vendors?fields=Vendor_Name`);
    expect(relation.body).toEqual({
      code: "INVALID_DATA",
      details: { resource_path_index: 2 },
      message: "The relation name given seems to be invalid",
      status: "error",
    });
    expect((await call("/crm/v8/Accounts/1234567890123456789/Contacts?fields=Last_Name")).body.code).toBe("INVALID_DATA");
    expect((await call("/crm/v8/Nope/1/Contacts?fields=Last_Name")).body.code).toBe("INVALID_MODULE");
    const noFields = await call(`/crm/v8/Accounts/${account.id}/Contacts`);
    expect([noFields.status, noFields.body.code]).toEqual([400, "REQUIRED_PARAM_MISSING"]);
  });
});
