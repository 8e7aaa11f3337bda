import { crmCreateNote } from "../../../actions/crm/createNote";
import { connectionFor, useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { expectNoRequest, run } from "../books/harness";

const sandbox = useSandbox();

it("adds a note to the record and returns its id", async () => {
  const s = sandbox();
  const [account] = s.seedCrm({ module: "Accounts", count: 1 });
  const before = s.log.length;
  const result = await run(crmCreateNote, s, { recordType: "Accounts", recordId: account.id, noteTitle: "Call", noteContent: "Wants 20 seats." });
  expectSameShape(result, crmCreateNote.examplePayload);
  const [call] = s.log.slice(before);
  expect(call).toMatchObject({ method: "POST", path: "/crm/v8/Notes", status: 201 });
  expect((call.body as any).data).toEqual([
    { Note_Title: "Call", Note_Content: "Wants 20 seats.", Parent_Id: { module: { api_name: "Accounts" }, id: account.id } },
  ]);
  expect(s.state.crm.records.get("Notes")!.get(result.data.id)).toMatchObject({ Note_Content: "Wants 20 seats.", Parent_Id: { id: account.id } });
});

it("rejects bad input before any request", async () => {
  const s = sandbox();
  await expectNoRequest(s, async () => {
    await expect(run(crmCreateNote, s, { recordType: "Accounts", recordId: "5725767000000000001", noteContent: "  " })).rejects.toThrow(
      /"Note Content".*enter the note's text/,
    );
    await expect(run(crmCreateNote, s, { recordType: "Accounts", recordId: "not-an-id", noteContent: "x" })).rejects.toThrow(/"Record ID"/);
  });
});

it("reports Zoho's INVALID_DATA for a record that does not exist", async () => {
  const s = sandbox();
  await expect(run(crmCreateNote, s, { recordType: "Accounts", recordId: "5725767000009999999", noteContent: "x" })).rejects.toThrow(/INVALID_DATA.*Parent_Id/);
});

it("names the scope a token without note access lacks", async () => {
  const s = sandbox();
  const [account] = s.seedCrm({ module: "Accounts", count: 1 });
  const connection = connectionFor(s, { scopes: ["ZohoCRM.modules.accounts.ALL"] });
  await expect(run(crmCreateNote, s, { recordType: "Accounts", recordId: account.id, noteContent: "x" }, connection)).rejects.toThrow(
    /OAUTH_SCOPE_MISMATCH.*ZohoCRM\.modules\.ALL/,
  );
});
