/**
 * What Books does to a record besides CRUD: status changes (POST /invoices/{id}/status/sent ...),
 * approval, active/inactive, emailing a document, and printing several documents into one PDF.
 * Messages and HTTP statuses are Zoho's, from its Books OpenAPI files.
 */
import { ok } from "../respond";
import { booksSlice } from "../state";
import type { Route } from "../types";
import { answering, invalidValue } from "./failure";
import { organizationOf } from "./organizations";
import { PRINTABLE, documentPdf } from "./pdf";
import { recordType } from "./recordTypes";
import { bodyOf, scopesFor, updateRecord } from "./records";
import { type BooksRecord, findRecord } from "./store";

interface Action {
  /** After /{type}/{id}/, e.g. "status/sent". */
  path: string;
  changes: BooksRecord;
  message: string;
  /** Books answers some actions 201. */
  status?: 200 | 201;
}

const statusAction = (path: string, status: string, message: string, http: 200 | 201 = 200): Action => ({ path, changes: { status }, message, status: http });
const approval = (label: string): Action[] => [
  statusAction("submit", "pending_approval", `The ${label} has been submitted for approval successfully.`),
  statusAction("approve", "approved", `You have approved the ${label}.`),
];
const activation = (label: string, http: 200 | 201 = 200, field = "status"): Action[] =>
  (["active", "inactive"] as const).map((state) => ({
    path: state,
    changes: field === "status" ? { status: state } : { [field]: state === "active" },
    message: `The ${label} has been marked as ${state}.`,
    status: http,
  }));

const ACTIONS: Record<string, Action[]> = {
  invoices: [
    statusAction("status/sent", "sent", "Invoice status has been changed to Sent."),
    statusAction("status/void", "void", "Invoice status has been changed to Void."),
    statusAction("status/draft", "draft", "Status of invoice changed from void to draft"),
    ...approval("invoice"),
  ],
  estimates: [
    statusAction("status/sent", "sent", "Estimate status has been changed to Sent"),
    statusAction("status/accepted", "accepted", "Estimate status has been changed to Accepted."),
    statusAction("status/declined", "declined", "Estimate status has been changed to Declined."),
    ...approval("estimate"),
  ],
  salesorders: [
    statusAction("status/open", "open", "Sales order status has been changed to Open.", 201),
    statusAction("status/void", "void", "Sales order status has been changed to Void.", 201),
    ...approval("Sales Order"),
  ],
  purchaseorders: [
    statusAction("status/open", "open", "The purchase order has been marked as open.", 201),
    statusAction("status/billed", "billed", "The purchase order has been marked as billed.", 201),
    statusAction("status/cancelled", "cancelled", "The purchase order has been cancelled.", 201),
    ...approval("purchase order"),
  ],
  bills: [
    statusAction("status/void", "void", "The bill has been marked as void.", 201),
    statusAction("status/open", "open", "The status of the bill has been changed to open.", 201),
    ...approval("bill"),
  ],
  creditnotes: [
    statusAction("status/void", "void", "The credit note has been marked as void."),
    statusAction("status/draft", "draft", "The credit note has been marked as Draft."),
    statusAction("status/open", "open", "Status of the credit note has been changed to open."),
    ...approval("Credit Note"),
  ],
  retainerinvoices: [
    statusAction("status/sent", "sent", "Retainer Invoice status has been changed to Sent."),
    statusAction("status/void", "void", "Retainer Invoice status has been changed to 'Void'."),
    statusAction("status/draft", "draft", "Status of retainer invoice changed from void to draft."),
    ...approval("Retainer Invoice"),
  ],
  vendorcredits: [
    statusAction("status/open", "open", "The status of the vendor credit has been changed to open.", 201),
    statusAction("status/void", "void", "The vendor credit has been voided.", 201),
    ...approval("vendor credit"),
  ],
  recurringinvoices: [
    statusAction("status/stop", "stopped", "The recurring invoice has been stopped.", 201),
    statusAction("status/resume", "active", "The recurring invoice has been resumed.", 201),
  ],
  recurringexpenses: [
    statusAction("status/stop", "stopped", "The recurring expense has been stopped."),
    statusAction("status/resume", "active", "The recurring expense has been activated."),
  ],
  journals: [statusAction("status/publish", "published", "Journal has been published.", 201)],
  contacts: activation("contact"),
  items: activation("item"),
  projects: activation("project"),
  users: activation("user"),
  chartofaccounts: activation("account", 201, "is_active"),
  bankaccounts: activation("account", 201, "is_active"),
};

interface Email {
  message: string;
  status?: 200 | 201;
  /** Fields Books wants besides to_mail_ids. */
  required?: string[];
  /** The status a draft takes once emailed. */
  sentStatus?: string;
}

const EMAILS: Record<string, Email> = {
  invoices: { message: "Your invoice has been sent.", sentStatus: "sent" },
  estimates: { message: "Your estimate has been sent.", sentStatus: "sent" },
  retainerinvoices: { message: "Your retainer invoice has been sent.", sentStatus: "sent" },
  salesorders: { message: "Your Sales Order has been sent.", status: 201, required: ["subject", "body"], sentStatus: "open" },
  purchaseorders: { message: "Your purchase order has been sent.", status: 201, required: ["body"], sentStatus: "open" },
  creditnotes: { message: "Your creditnote has been sent.", required: ["subject", "body"], sentStatus: "open" },
  salesreceipts: { message: "Your Sales Receipt has been sent.", status: 201, required: ["subject", "body"] },
  contacts: { message: "Email has been sent.", required: ["subject", "body"] },
};

/** The types Books prints several of at once: GET /{type}/pdf?{id_field}s=1,2. */
const BATCH_PRINTABLE = ["invoices", "estimates", "salesorders"];

export interface SentEmail {
  organization_id: string;
  type: string;
  id: string;
  to_mail_ids: string[];
  cc_mail_ids?: unknown;
  subject?: unknown;
  body?: unknown;
  at: number;
}

/** Every email the sandbox "sent", oldest first: Books' only visible effect of POST /{type}/{id}/email. */
declare module "../state" {
  interface BooksSlices {
    emails: SentEmail[];
  }
}

export const sentEmails = booksSlice("emails", (): SentEmail[] => []);

const actionRoute = (key: string, action: Action): Route => {
  const type = recordType(key);
  return {
    method: "POST",
    pattern: `/books/v3/${type.path}/:id/${action.path}`,
    api: "books",
    scopes: scopesFor(type, "CREATE"),
    write: true,
    handler: answering((req, ctx) => {
      const org = organizationOf(req, ctx);
      updateRecord(ctx.state, org, type, findRecord(ctx.state, org.organization_id, type, req.params.id), { ...action.changes });
      return ok({ code: 0, message: action.message }, action.status ?? 200);
    }),
  };
};

const emailRoute = (key: string, email: Email): Route => {
  const type = recordType(key);
  return {
    method: "POST",
    pattern: `/books/v3/${type.path}/:id/email`,
    api: "books",
    scopes: scopesFor(type, "CREATE"),
    write: true,
    handler: answering((req, ctx) => {
      const org = organizationOf(req, ctx);
      const record = findRecord(ctx.state, org.organization_id, type, req.params.id);
      const body = bodyOf(req);
      const to = body.to_mail_ids;
      if (!Array.isArray(to) || to.length === 0 || !to.every((address) => typeof address === "string" && address.includes("@")))
        throw invalidValue("to_mail_ids");
      const missing = (email.required ?? []).find((field) => typeof body[field] !== "string" || body[field] === "");
      if (missing) throw invalidValue(missing);
      // Documents remember they were emailed; a contact has nothing to mark.
      const changes: BooksRecord = { is_emailed: true };
      if (email.sentStatus && record.status === "draft") changes.status = email.sentStatus;
      if (PRINTABLE.has(type.key)) updateRecord(ctx.state, org, type, record, changes);
      sentEmails(ctx.state).push({
        organization_id: org.organization_id,
        type: type.key,
        id: req.params.id,
        to_mail_ids: to,
        cc_mail_ids: body.cc_mail_ids,
        subject: body.subject,
        body: body.body,
        at: ctx.clock.now(),
      });
      return ok({ code: 0, message: email.message }, email.status ?? 200);
    }),
  };
};

const batchPdfRoute = (key: string): Route => {
  const type = recordType(key);
  const parameter = `${type.idField}s`;
  return {
    method: "GET",
    pattern: `/books/v3/${type.path}/pdf`,
    api: "books",
    scopes: scopesFor(type, "READ"),
    handler: answering((req, ctx) => {
      const org = organizationOf(req, ctx);
      const ids = (req.query.get(parameter) ?? "")
        .split(",")
        .map((id) => id.trim())
        .filter(Boolean);
      if (ids.length === 0) throw invalidValue(parameter);
      const records = ids.map((id) => {
        try {
          return findRecord(ctx.state, org.organization_id, type, id);
        } catch {
          throw invalidValue(parameter);
        }
      });
      return documentPdf(type, ...records);
    }),
  };
};

export const routes: Route[] = [
  ...Object.entries(ACTIONS).flatMap(([key, actions]) => actions.map((action) => actionRoute(key, action))),
  ...Object.entries(EMAILS).map(([key, email]) => emailRoute(key, email)),
  ...BATCH_PRINTABLE.map(batchPdfRoute),
];
