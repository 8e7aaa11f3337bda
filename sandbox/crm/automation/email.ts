/**
 * Email from CRM records: the sender addresses a user may use (GET /settings/emails/actions/from_addresses),
 * the org's email templates (GET /settings/email_templates[?module=], GET /settings/email_templates/{id}) and
 * POST /{module}/{id}/actions/send_mail. Sent mail lands in a mailbox tests read with `mailbox(state)`,
 * after templates' merge fields are filled from the record, as Zoho sends it. Shapes follow send_mail.json,
 * email_templates.json and from_addresses.json.
 */
import { noContent, ok, recordStatus, zohoTime } from "../../respond";
import { crmSlice, type CrmModule, type CrmRecord, type SandboxState } from "../../state";
import type { Route, SandboxRequest } from "../../types";
import { CrmFailure } from "../crmFailure";
import { crmRoute } from "../crmRoute";
import { moduleNamed } from "../records/parents";
import { callerOf, dataEntries, minifiedUser } from "../records/writes";

export interface Address {
  user_name: string;
  email: string;
}

export interface SentMail {
  message_id: string;
  module: string;
  record_id: string;
  from: Address;
  to: Address[];
  cc: Address[];
  bcc: Address[];
  reply_to?: Address;
  subject: string;
  content: string;
  mail_format: "html" | "text";
  template_id?: string;
  /** Ids of the files (POST /crm/v8/files) sent along. */
  attachment_ids: string[];
  /** Addresses Zoho refused to mail (unsubscribed, bounced before): reported, not delivered. */
  blocked: string[];
  sent_time: string;
}

export interface EmailTemplate {
  id: string;
  name: string;
  module: string;
  subject: string;
  /** HTML with merge fields `${Module.Field_API_Name}`. */
  content: string;
  folder: string;
}

interface EmailSlice {
  templates: EmailTemplate[];
  mailbox: SentMail[];
  /** Addresses that bounced or unsubscribed: Zoho reports them in blocked_email_addresses. */
  blocked: Set<string>;
  /** The org-wide sender (type org_email) besides each user's own address. */
  orgAddress: Address & { id: string };
}

/** Templates a fresh org has, so pick lists and Send Email have something to offer. */
const SEED_TEMPLATES = [
  {
    name: "Lead welcome",
    module: "Leads",
    subject: "Welcome, ${Leads.First_Name}",
    content: "<p>Dear ${Leads.Full_Name},</p><p>Thanks for your interest in ${Leads.Company}.</p>",
  },
  { name: "Lead follow-up", module: "Leads", subject: "Following up", content: "<p>Hello ${Leads.Last_Name}, shall we talk this week?</p>" },
  {
    name: "Deal proposal",
    module: "Deals",
    subject: "Proposal for ${Deals.Deal_Name}",
    content: "<p>Please find our proposal for ${Deals.Deal_Name} (${Deals.Amount}).</p>",
  },
];

declare module "../../state" {
  interface CrmSlices {
    email: EmailSlice;
  }
}

export const emailSlice = crmSlice(
  "email",
  (state): EmailSlice => ({
    templates: SEED_TEMPLATES.map((t) => ({ ...t, id: state.nextId(), folder: "Public Email Templates" })),
    mailbox: [],
    blocked: new Set(),
    // The org's shared sender, configured apart from any user's own address (Setup > Channels > Email).
    orgAddress: { id: state.nextId(), user_name: String(state.org.company_name ?? "Zylker"), email: "support@zylker.com" },
  }),
);

/** Everything sent so far, oldest first (tests read it to see what went out). */
export const mailbox = (state: SandboxState): SentMail[] => emailSlice(state).mailbox;

/** Adds a template (tests); returns it with its id. */
export const addEmailTemplate = (state: SandboxState, template: Omit<EmailTemplate, "id" | "folder">): EmailTemplate => {
  const stored = { ...template, id: state.nextId(), folder: "Public Email Templates" };
  emailSlice(state).templates.push(stored);
  return stored;
};

/** The addresses the caller may send from: their own (the default) and the org's. */
const fromAddresses = (state: SandboxState, req: SandboxRequest) => {
  const caller = callerOf(state, req);
  const org = emailSlice(state).orgAddress;
  return [
    { id: caller.id, email: caller.email, user_name: caller.name, type: "primary", default: true },
    { id: org.id, email: org.email, user_name: org.user_name, type: "org_email", default: false },
  ];
};

/** A template as email_templates.json describes one. */
const templateBody = (state: SandboxState, template: EmailTemplate) => {
  const module = state.crm.modules.get(template.module);
  const admin = minifiedUser(state.users[0]);
  const by = { name: admin.name, id: admin.id };
  const created = zohoTime(state.clock.now());
  return {
    id: template.id,
    name: template.name,
    subject: template.subject,
    content: template.content,
    mail_content: template.content,
    module: { api_name: template.module, id: module?.id ?? null },
    folder: { name: template.folder, id: `${template.id.slice(0, -3)}100` },
    created_by: by,
    modified_by: by,
    created_time: created,
    modified_time: created,
    last_usage_time: null,
    attachments: [],
    associated: false,
    consent_linked: false,
    favorite: false,
    editor_mode: "rich_text",
    category: "email_template",
    description: "",
    last_version_statistics: { tracked: 0, delivered: 0, opened: 0, bounced: 0, sent: 0, clicked: 0 },
  };
};

const listTemplates = (state: SandboxState, req: SandboxRequest) => {
  const moduleName = req.query.get("module");
  if (moduleName !== null && !state.crm.modules.get(moduleName)?.api_supported) {
    throw new CrmFailure("INVALID_MODULE", "the given module is not supported", { param_name: "module" });
  }
  const templates = emailSlice(state).templates.filter((t) => moduleName === null || t.module === moduleName);
  if (templates.length === 0) return noContent();
  return ok({
    email_templates: templates.map((t) => templateBody(state, t)),
    info: { per_page: 200, page: 1, count: templates.length, more_records: false },
  });
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** `{user_name, email}` entries of to/cc/bcc; INVALID_DATA pointing at the first bad one. */
const addresses = (value: unknown, key: string, required: boolean): Address[] => {
  if (value === undefined || value === null) {
    if (required) throw new CrmFailure("MANDATORY_NOT_FOUND", "required field not found", { api_name: key, json_path: `$.data[0].${key}` });
    return [];
  }
  const list = key === "reply_to" || key === "from" ? [value] : value;
  if (!Array.isArray(list) || (required && list.length === 0)) {
    throw new CrmFailure("INVALID_DATA", "invalid data", { api_name: key, json_path: `$.data[0].${key}` });
  }
  return list.map((entry, i) => {
    const email = (entry as { email?: unknown } | null)?.email;
    if (typeof email !== "string" || !EMAIL.test(email)) {
      const path = list === value ? `$.data[0].${key}[${i}].email` : `$.data[0].${key}.email`;
      throw new CrmFailure("INVALID_DATA", "invalid data", { api_name: "email", json_path: path });
    }
    const name = (entry as { user_name?: unknown }).user_name;
    return { email, user_name: typeof name === "string" ? name : email };
  });
};

/** `${Module.Field}` merge fields filled from the record; unknown fields become empty, as Zoho leaves them. */
const merge = (text: string, module: CrmModule, record: CrmRecord): string =>
  text.replace(/\$\{(\w+)\.(\w+)\}/g, (_, moduleName: string, field: string) => {
    if (moduleName !== module.api_name) return "";
    const value = record[field];
    return value === undefined || value === null ? "" : typeof value === "object" ? String((value as { name?: unknown }).name ?? "") : String(value);
  });

interface MailInput {
  from?: unknown;
  to?: unknown;
  cc?: unknown;
  bcc?: unknown;
  reply_to?: unknown;
  subject?: unknown;
  content?: unknown;
  mail_format?: unknown;
  template?: { id?: unknown };
  attachments?: unknown;
}

/** File ids uploaded with POST /crm/v8/files, when the sandbox has that endpoint's slice. */
const knownFile = (state: SandboxState, id: string): boolean => {
  return state.crm.files?.has(id) ?? false;
};

const sendMail = (state: SandboxState, req: SandboxRequest) => {
  const module = moduleNamed(state, req.params.module);
  const record = state.crm.records.get(module.api_name)?.get(req.params.id);
  if (!record) throw new CrmFailure("INVALID_DATA", "the id given seems to be invalid", { resource_path_index: 1 });
  const [entry] = dataEntries(req.json, 1) as MailInput[];
  const input = (entry && typeof entry === "object" ? entry : {}) as MailInput;

  const [from] = addresses(input.from, "from", true);
  if (!fromAddresses(state, req).some((a) => a.email.toLowerCase() === from.email.toLowerCase())) {
    throw new CrmFailure("INVALID_DATA", "the from address is not one of the user's from addresses", { api_name: "from", json_path: "$.data[0].from" });
  }
  const to = addresses(input.to, "to", true);
  const cc = addresses(input.cc, "cc", false);
  const bcc = addresses(input.bcc, "bcc", false);
  const replyTo = input.reply_to === undefined ? undefined : addresses(input.reply_to, "reply_to", false)[0];
  const format = input.mail_format ?? "html";
  if (format !== "html" && format !== "text") {
    throw new CrmFailure("INVALID_DATA", "invalid data", { api_name: "mail_format", json_path: "$.data[0].mail_format" });
  }

  let subject: string;
  let content: string;
  let templateId: string | undefined;
  if (input.template !== undefined && input.template !== null) {
    const template = emailSlice(state).templates.find((t) => t.id === String(input.template?.id));
    if (!template || template.module !== module.api_name) {
      throw new CrmFailure("INVALID_DATA", "the template given is not a template of this module", { api_name: "template", json_path: "$.data[0].template" });
    }
    templateId = template.id;
    subject = merge(typeof input.subject === "string" && input.subject !== "" ? input.subject : template.subject, module, record);
    content = merge(template.content, module, record);
  } else {
    for (const key of ["subject", "content"] as const) {
      if (typeof input[key] !== "string" || input[key] === "") {
        throw new CrmFailure("MANDATORY_NOT_FOUND", "required field not found", { api_name: key, json_path: `$.data[0].${key}` });
      }
    }
    subject = input.subject as string;
    content = input.content as string;
  }

  const attachmentIds = Array.isArray(input.attachments) ? input.attachments.map((a) => String((a as { id?: unknown })?.id)) : [];
  const unknownAttachment = attachmentIds.findIndex((id) => !knownFile(state, id));
  if (unknownAttachment >= 0) {
    throw new CrmFailure("INVALID_DATA", "invalid data", { api_name: "id", json_path: `$.data[0].attachments[${unknownAttachment}].id` });
  }

  const slice = emailSlice(state);
  const blocked = [...to, ...cc, ...bcc].map((a) => a.email).filter((email) => slice.blocked.has(email.toLowerCase()));
  const mail: SentMail = {
    message_id: `${state.nextId()}${Buffer.from(req.params.id).toString("hex").slice(0, 8)}`,
    module: module.api_name,
    record_id: record.id,
    from,
    to,
    cc,
    bcc,
    ...(replyTo && { reply_to: replyTo }),
    subject,
    content,
    mail_format: format,
    ...(templateId && { template_id: templateId }),
    attachment_ids: attachmentIds,
    blocked,
    sent_time: zohoTime(state.clock.now()),
  };
  slice.mailbox.push(mail);
  return ok({
    data: [
      recordStatus(true, "SUCCESS", "Your mail has been sent successfully.", {
        message_id: mail.message_id,
        blocked_email_addresses: blocked.map((email) => ({ email, reason: "unsubscribed" })),
      }),
    ],
  });
};

export const routes: Route[] = [
  crmRoute("GET", "/crm/v8/settings/emails/actions/from_addresses", { scopes: ["ZohoCRM.settings.emails.READ"] }, (req, ctx) =>
    ok({ from_addresses: fromAddresses(ctx.state, req) }),
  ),
  crmRoute("GET", "/crm/v8/settings/email_templates", { scopes: ["ZohoCRM.templates.email.READ"] }, (req, ctx) => listTemplates(ctx.state, req)),
  crmRoute("GET", "/crm/v8/settings/email_templates/:template", { scopes: ["ZohoCRM.templates.email.READ"] }, (req, ctx) => {
    const template = emailSlice(ctx.state).templates.find((t) => t.id === req.params.template);
    if (!template) return noContent();
    return ok({ email_templates: [templateBody(ctx.state, template)], info: { per_page: 1, page: 1, count: 1, more_records: false } });
  }),
  // Either the all-modules scope or the module's own (ZohoCRM.send_mail.leads.CREATE) lets a mail through.
  crmRoute("POST", "/crm/v8/:module/:id/actions/send_mail", { scopes: ["ZohoCRM.send_mail.all.CREATE", "ZohoCRM.send_mail.{module}.CREATE"] }, (req, ctx) =>
    sendMail(ctx.state, req),
  ),
];
