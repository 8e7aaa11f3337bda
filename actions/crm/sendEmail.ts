import { sendMail } from "../../src/crm/email";
import { bcc, cc, content, emailTemplate, fromAddress, mailAttachments, mailFormat, replyTo, subject, to } from "../../src/fields/automation";
import { recordId, recordType } from "../../src/fields/crm";
import { zohoAction } from "../../src/step";

export const crmSendEmail = zohoAction({
  display: {
    label: "Send Email",
    description:
      "Send an email from a CRM record, as Zoho's Send Email does: from one of the user's sender addresses, with a subject and content or a template of the module filled from the record, and files from earlier steps attached. It shows in the record's Emails.",
  },
  fields: { recordType, recordId, fromAddress, to, cc, bcc, replyTo, emailTemplate, subject, content, mailFormat, attachments: mailAttachments },
  refine: (schema) =>
    schema.refine((v) => v.emailTemplate !== undefined || (v.subject !== undefined && v.content !== undefined), {
      path: ["content"],
      message: "give Subject and Content, or pick an Email Template",
    }),
  perform: async (_context, input, client) => {
    const sent = await sendMail(client, input.recordType, input.recordId, {
      from: input.fromAddress,
      to: input.to,
      cc: input.cc,
      bcc: input.bcc,
      replyTo: input.replyTo,
      subject: input.subject,
      content: input.content,
      mailFormat: input.mailFormat,
      templateId: input.emailTemplate,
      attachments: input.attachments,
    });
    return { data: sent };
  },
  examplePayload: {
    data: { messageId: "2cceafa194d037b63f2000181dd81864c2aa1a1e8e6a9a1e", blockedEmailAddresses: [] as Array<{ email: string; reason: string }> },
  },
});
