/**
 * Email from CRM records: the sender addresses the connection's user may use, the email templates of a
 * module, and sending one mail from a record (POST /{module}/{id}/actions/send_mail). Zoho sends the mail
 * itself, so it lands in the record's Emails related list and its workflow sees it.
 */
import type { ZohoClient } from "../http/client";
import { InputError } from "../http/errors";
import { uploadFiles, type NamedFile } from "./fileFields";
import { onlyOutcome } from "../http/outcomes";

export interface FromAddress {
  email: string;
  user_name: string;
  type: string;
  default: boolean;
  id: string;
}

export interface EmailTemplateSummary {
  id: string;
  name: string;
  subject: string | null;
  module: string | null;
}

export interface Recipient {
  user_name?: string;
  email: string;
}

export const listFromAddresses = async (client: ZohoClient): Promise<FromAddress[]> => {
  const response = await client.request<{ from_addresses?: FromAddress[] }>({ api: "crm", path: "/settings/emails/actions/from_addresses" });
  return response.data?.from_addresses ?? [];
};

/** The templates of one module (every module's when none is named); Zoho answers 204 when there are none. */
export const listEmailTemplates = async (client: ZohoClient, module?: string): Promise<EmailTemplateSummary[]> => {
  const response = await client.request<{ email_templates?: Array<Record<string, any>> }>({
    api: "crm",
    path: "/settings/email_templates",
    params: module ? { module } : undefined,
  });
  return (response.data?.email_templates ?? []).map((t) => ({
    id: String(t.id),
    name: String(t.name ?? ""),
    subject: t.subject ?? null,
    module: t.module?.api_name ?? null,
  }));
};

export interface Mail {
  from: string;
  to: Recipient[];
  cc: Recipient[];
  bcc: Recipient[];
  replyTo?: Recipient;
  subject?: string;
  content?: string;
  mailFormat: "html" | "text";
  templateId?: string;
  /** Files to attach: uploaded to Zoho's file store, then named by id in the mail. */
  attachments?: NamedFile[];
}

export interface SentMail {
  messageId: string;
  /** Recipients Zoho did not mail (unsubscribed, bounced before), with its reason. */
  blockedEmailAddresses: Array<{ email: string; reason: string }>;
}

/**
 * Sends one mail. The sender must be one of the user's from addresses (Zoho refuses others); checking it
 * first turns Zoho's bare INVALID_DATA into a message that lists the addresses the user may use.
 */
export const sendMail = async (client: ZohoClient, module: string, recordId: string, mail: Mail, fromLabel = "From Address"): Promise<SentMail> => {
  const senders = await listFromAddresses(client);
  const sender = senders.find((a) => a.email.toLowerCase() === mail.from.toLowerCase());
  if (!sender) {
    const allowed = senders.map((a) => a.email).join(", ") || "none";
    throw new InputError(`"${fromLabel}": ${mail.from} is not one of the connection user's Zoho sender addresses (${allowed}); pick one from the list.`);
  }
  const fileIds = mail.attachments?.length ? await uploadFiles(client, mail.attachments) : [];
  const body = {
    from: { user_name: sender.user_name, email: sender.email },
    to: mail.to,
    ...(mail.cc.length > 0 && { cc: mail.cc }),
    ...(mail.bcc.length > 0 && { bcc: mail.bcc }),
    ...(mail.replyTo && { reply_to: mail.replyTo }),
    ...(mail.subject !== undefined && { subject: mail.subject }),
    ...(mail.content !== undefined && mail.templateId === undefined && { content: mail.content }),
    ...(mail.templateId !== undefined && { template: { id: mail.templateId } }),
    mail_format: mail.mailFormat,
    ...(fileIds.length > 0 && { attachments: fileIds.map((id) => ({ id })) }),
  };
  // Not idempotent: a resent mail is a second mail, so only 429s (refused before sending) are retried.
  const response = await client.request({ api: "crm", method: "POST", path: `/${module}/${recordId}/actions/send_mail`, data: { data: [body] } });
  const details = onlyOutcome(response.data, `send the mail from ${module} record ${recordId}`);
  return { messageId: String(details.message_id ?? ""), blockedEmailAddresses: details.blocked_email_addresses ?? [] };
};
