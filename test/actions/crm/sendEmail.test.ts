/** Send Email and its pick lists against the sandbox's mailbox, with contract checks on. */
import { crmSendEmail } from "../../../actions/crm/sendEmail";
import { selectCrmEmailTemplate } from "../../../dataSources/selectCrmEmailTemplate";
import { selectCrmFromAddress } from "../../../dataSources/selectCrmFromAddress";
import { emailSlice, mailbox } from "../../../sandbox/crm/automation/email";
import { runDataSource } from "../../dataSources/harness";
import { connectionFor, useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { expectNoRequest, run } from "../books/harness";

const sandbox = useSandbox();
const lead = (fields: Record<string, unknown> = {}) => sandbox().seedCrm({ module: "Leads", count: 1, fields: () => fields })[0];

it("sends subject and content from a record, to, cc and bcc, as plain text", async () => {
  const s = sandbox();
  const { id } = lead();
  const result = await run(crmSendEmail, s, {
    recordType: "Leads",
    recordId: id,
    fromAddress: "patriciaboyle@zylker.com",
    to: ["Sage Wieser <sage@example.com>", "leota@example.com"],
    cc: ["kris@example.com"],
    bcc: "audit@example.com",
    subject: "Your quote",
    content: "Hello, here it is.",
    mailFormat: "text",
  });
  expectSameShape(result, crmSendEmail.examplePayload);
  const sent = mailbox(s.state).at(-1)!;
  expect(result.data.messageId).toBe(sent.message_id);
  expect(sent).toMatchObject({
    module: "Leads",
    record_id: id,
    from: { email: "patriciaboyle@zylker.com", user_name: "Patricia Boyle" },
    to: [{ email: "sage@example.com", user_name: "Sage Wieser" }, { email: "leota@example.com" }],
    cc: [{ email: "kris@example.com" }],
    bcc: [{ email: "audit@example.com" }],
    subject: "Your quote",
    content: "Hello, here it is.",
    mail_format: "text",
  });
});

it("sends a template picked from the module's templates, filled from the record", async () => {
  const s = sandbox();
  const { id } = lead({ First_Name: "Sage", Last_Name: "Wieser", Company: "Truhlar" });
  const templates = await runDataSource(selectCrmEmailTemplate, s, { recordType: "Leads" });
  expect(templates.result.map((t: { label: string }) => t.label)).toEqual(["Lead welcome (Welcome, ${Leads.First_Name})", "Lead follow-up (Following up)"]);
  await run(crmSendEmail, s, {
    recordType: "Leads",
    recordId: id,
    fromAddress: "patriciaboyle@zylker.com",
    to: ["sage@example.com"],
    emailTemplate: templates.result[0].key,
  });
  expect(mailbox(s.state).at(-1)).toMatchObject({ subject: "Welcome, Sage", template_id: templates.result[0].key, mail_format: "html" });
  expect(mailbox(s.state).at(-1)!.content).toContain("Dear Sage Wieser");
});

it("lists the user's sender addresses", async () => {
  const { result } = await runDataSource(selectCrmFromAddress, sandbox());
  expect(result[0]).toEqual({ key: "patriciaboyle@zylker.com", label: "Patricia Boyle <patriciaboyle@zylker.com> (default)" });
  expect(result[1]).toEqual({ key: "support@zylker.com", label: "Zylker <support@zylker.com> (organization)" });
});

it("rejects bad input before anything is sent", async () => {
  const s = sandbox();
  const base = {
    recordType: "Leads",
    recordId: "5725767000000000001",
    fromAddress: "patriciaboyle@zylker.com",
    to: ["a@example.com"],
    subject: "s",
    content: "c",
  };
  await expectNoRequest(s, async () => {
    await expect(run(crmSendEmail, s, { ...base, to: [] })).rejects.toThrow(/"To".*at least one email address/);
    await expect(run(crmSendEmail, s, { ...base, cc: ["not an address"] })).rejects.toThrow(/"CC".*not an email address/);
    await expect(run(crmSendEmail, s, { ...base, content: "" })).rejects.toThrow(/"Content".*Subject and Content, or pick an Email Template/);
    await expect(run(crmSendEmail, s, { ...base, mailFormat: "rtf" })).rejects.toThrow(/"Mail Format".*html or text/);
    await expect(run(crmSendEmail, s, { ...base, fromAddress: "patricia" })).rejects.toThrow(/"From Address".*email address/);
    await expect(run(crmSendEmail, s, { ...base, recordId: "abc" })).rejects.toThrow(/"Record ID"/);
  });
});

it("refuses a sender that is not one of the user's addresses, sending no mail", async () => {
  const s = sandbox();
  const { id } = lead();
  const before = mailbox(s.state).length;
  await expect(
    run(crmSendEmail, s, { recordType: "Leads", recordId: id, fromAddress: "mallory@evil.example", to: ["a@example.com"], subject: "s", content: "c" }),
  ).rejects.toThrow(/"From Address": mallory@evil.example is not one of .*patriciaboyle@zylker.com/);
  expect(mailbox(s.state).length).toBe(before);
});

it("names the send_mail scope when the connection lacks it", async () => {
  const s = sandbox();
  const { id } = lead();
  const connection = connectionFor(s, { scopes: ["ZohoCRM.modules.ALL", "ZohoCRM.settings.ALL"] });
  await expect(
    run(
      crmSendEmail,
      s,
      { recordType: "Leads", recordId: id, fromAddress: "patriciaboyle@zylker.com", to: ["a@example.com"], subject: "s", content: "c" },
      connection,
    ),
  ).rejects.toThrow(/OAUTH_SCOPE_MISMATCH.*add ZohoCRM\.send_mail\.all\.CREATE/);
});

it("reports Zoho's refusal of another module's template", async () => {
  const s = sandbox();
  const { id } = lead();
  const deals = await runDataSource(selectCrmEmailTemplate, s, { recordType: "Deals" });
  await expect(
    run(crmSendEmail, s, {
      recordType: "Leads",
      recordId: id,
      fromAddress: "patriciaboyle@zylker.com",
      to: ["a@example.com"],
      emailTemplate: deals.result[0].key,
    }),
  ).rejects.toThrow(/INVALID_DATA.*template/);
});

it("attaches files from earlier steps: uploaded to Zoho's file store, then named in the mail", async () => {
  const s = sandbox();
  const { id } = lead();
  const pdf = { data: Buffer.from("%PDF-1.4 quote"), contentType: "application/pdf", fileName: "quote.pdf" };
  const csv = { data: Buffer.from("a,b\n1,2\n"), contentType: "text/csv" };
  await run(crmSendEmail, s, {
    recordType: "Leads",
    recordId: id,
    fromAddress: "patriciaboyle@zylker.com",
    to: ["sage@example.com"],
    subject: "Quote attached",
    content: "<p>See attached.</p>",
    attachments: [pdf, csv],
  });
  const sent = mailbox(s.state).at(-1)!;
  expect(sent.attachment_ids).toHaveLength(2);
  const files = s.state.crm.files as Map<string, { name: string; data: Buffer }>;
  expect(sent.attachment_ids.map((fileId) => files.get(fileId)!.name)).toEqual(["quote.pdf", "attachment-2.csv"]);
  expect(files.get(sent.attachment_ids[0])!.data.equals(pdf.data)).toBe(true);
});

it("rejects an attachment that is not a file, before anything is uploaded or sent", async () => {
  const s = sandbox();
  await expectNoRequest(s, async () => {
    await expect(
      run(crmSendEmail, s, {
        recordType: "Leads",
        recordId: "5725767000000000001",
        fromAddress: "patriciaboyle@zylker.com",
        to: ["a@example.com"],
        subject: "s",
        content: "c",
        attachments: [42],
      }),
    ).rejects.toThrow(/"Attachments".*item 1 is not a file/);
  });
});

it("names the email templates scope when the template pick list lacks it", async () => {
  const s = sandbox();
  const connection = connectionFor(s, { scopes: ["ZohoCRM.modules.ALL"] });
  await expect(runDataSource(selectCrmEmailTemplate, s, { recordType: "Leads" }, connection)).rejects.toThrow(/add ZohoCRM\.templates\.email\.READ/);
});

it("a Subject given with a template replaces the template's subject; blocked recipients are reported", async () => {
  const s = sandbox();
  const { id } = lead({ First_Name: "Sage" });
  emailSlice(s.state).blocked.add("gone@example.com");
  const templates = await runDataSource(selectCrmEmailTemplate, s, { recordType: "Leads" });
  const result = await run(crmSendEmail, s, {
    recordType: "Leads",
    recordId: id,
    fromAddress: "patriciaboyle@zylker.com",
    to: ["sage@example.com", "gone@example.com"],
    emailTemplate: templates.result[0].key,
    subject: "A subject of our own",
  });
  expect(mailbox(s.state).at(-1)).toMatchObject({ subject: "A subject of our own", template_id: templates.result[0].key });
  expect(result.data.blockedEmailAddresses).toEqual([{ email: "gone@example.com", reason: "unsubscribed" }]);
});

it("sends from the organization's address too", async () => {
  const s = sandbox();
  const { id } = lead();
  await run(crmSendEmail, s, { recordType: "Leads", recordId: id, fromAddress: "SUPPORT@zylker.com", to: ["a@example.com"], subject: "s", content: "c" });
  expect(mailbox(s.state).at(-1)!.from).toEqual({ email: "support@zylker.com", user_name: "Zylker" });
});
