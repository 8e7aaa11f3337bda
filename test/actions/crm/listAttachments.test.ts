import { crmAddAttachment } from "../../../actions/crm/addAttachment";
import { crmListAttachments } from "../../../actions/crm/listAttachments";
import { connectionFor, useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { expectNoRequest, run } from "../books/harness";

const sandbox = useSandbox();

const withAttachments = async (count: number) => {
  const s = sandbox();
  const [lead] = s.seedCrm({ module: "Leads", count: 1 });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push((await run(crmAddAttachment, s, { recordType: "Leads", recordId: lead.id, file: Buffer.from(`file ${i}`), fileName: `f${i}.txt` })).data.id);
  }
  return { s, lead, ids };
};

it("lists a record's attachments with the default fields Zoho requires", async () => {
  const { s, lead, ids } = await withAttachments(2);
  const before = s.log.length;
  const result = await run(crmListAttachments, s, { recordType: "Leads", recordId: lead.id });
  expect(result.data.data.map((a: any) => [a.id, a.File_Name, a.Size])).toEqual([
    [ids[0], "f0.txt", "6"],
    [ids[1], "f1.txt", "6"],
  ]);
  expect(result.data.info).toEqual({ count: 2, more_records: false, next_page_token: null });
  expect(s.log[before].query).toEqual({
    fields: "id,File_Name,Size,Created_Time,Modified_Time,Owner,Created_By,Modified_By,Parent_Id",
    page: "1",
    per_page: "200",
  });
  expectSameShape(result, crmListAttachments.examplePayload);
});

it("pages with page and per_page, and Fetch All reads every page", async () => {
  const { s, lead, ids } = await withAttachments(5);
  const second = await run(crmListAttachments, s, { recordType: "Leads", recordId: lead.id, page: "2", per_page: "2" });
  expect(second.data.data.map((a: any) => a.id)).toEqual(ids.slice(2, 4));
  expect(second.data.info.more_records).toBe(true);
  const before = s.log.length;
  const all = await run(crmListAttachments, s, { recordType: "Leads", recordId: lead.id, fetchAll: "true", fields: "id,File_Name" });
  expect(all.data.data.map((a: any) => a.id)).toEqual(ids);
  expect(all.data.info).toEqual({ count: 5, more_records: false, next_page_token: null });
  expect(s.log[before].query.fields).toBe("id,File_Name");
});

it("an empty list (Zoho's 204) is an empty result", async () => {
  const s = sandbox();
  const [lead] = s.seedCrm({ module: "Leads", count: 1 });
  expect(await run(crmListAttachments, s, { recordType: "Leads", recordId: lead.id })).toEqual({
    data: { data: [], info: { count: 0, more_records: false, next_page_token: null } },
  });
});

it("rejects bad input before any request", async () => {
  const s = sandbox();
  await expectNoRequest(s, async () => {
    await expect(run(crmListAttachments, s, { recordType: "Leads", recordId: "5725767000000000001", per_page: "500" })).rejects.toThrow(
      /"Per Page".*at most 200/,
    );
    await expect(run(crmListAttachments, s, { recordType: "Leads", recordId: "5725767000000000001", page: "11", per_page: "200" })).rejects.toThrow(
      /2,000-record limit/,
    );
    await expect(run(crmListAttachments, s, { recordType: "Leads", recordId: "5725767000000000001", fields: "File Name" })).rejects.toThrow(/"Fields"/);
  });
});

it("reports a missing scope in Zoho's words", async () => {
  const s = sandbox();
  const [lead] = s.seedCrm({ module: "Leads", count: 1 });
  const readOnlyContacts = connectionFor(s, { scopes: ["ZohoCRM.modules.contacts.READ"] });
  await expect(run(crmListAttachments, s, { recordType: "Leads", recordId: lead.id }, readOnlyContacts)).rejects.toThrow(/OAUTH_SCOPE_MISMATCH/);
});
