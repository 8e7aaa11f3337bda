/**
 * Zoho Books in one place: every record type in Books' own words (path, JSON keys, id and name
 * fields, parent, PDF and status actions, taken from Zoho's Books OpenAPI files) and the paths and
 * bodies they make. The organization and the client are in client.ts; the steps' fields in src/fields/books.ts.
 */
import type { ZohoRequest } from "../http/client";

export interface BooksRecordType {
  /** Books' name for the collection (the picklist value), e.g. "invoices". */
  key: string;
  label: string;
  /** Path under /books/v3; a nested type's path follows its parent record's, e.g. contacts/{id}/contactpersons. */
  path: string;
  /** JSON key of one record in an answer, and of a list. */
  singular: string;
  plural: string;
  idField: string;
  /** The field that names a record in a list (document number or name). */
  nameField?: string;
  /** Nested types: the parent's type key and the field that carries its id. */
  parent?: { type: string; idField: string };
  /** Where Books writes a nested type that takes its parent id in the body instead of the path. */
  writePath?: string;
  /** Whether GET /{type}/{id}?accept=pdf gives the document as a PDF. */
  pdf?: boolean;
  /** Actions Books offers on one record: POST /{type}/{id}/{action}. */
  actions?: readonly RecordAction[];
}

/** The record actions Books offers, with the words its web app uses for them. */
export const RECORD_ACTION_LABELS = {
  "status/sent": "Mark as Sent",
  "status/open": "Mark as Open",
  "status/draft": "Mark as Draft",
  "status/void": "Void",
  "status/accepted": "Mark as Accepted",
  "status/declined": "Mark as Declined",
  "status/billed": "Mark as Billed",
  "status/cancelled": "Mark as Cancelled",
  "status/stop": "Stop",
  "status/resume": "Resume",
  "status/publish": "Publish",
  submit: "Submit for Approval",
  approve: "Approve",
  reject: "Reject",
  email: "Email",
  active: "Mark as Active",
  inactive: "Mark as Inactive",
  "paymentreminder/enable": "Enable Payment Reminders",
  "paymentreminder/disable": "Disable Payment Reminders",
  writeoff: "Write Off",
  "writeoff/cancel": "Cancel Write Off",
  primary: "Mark as Primary",
  "timer/start": "Start Timer",
  invite: "Resend Invitation",
} as const;

export type RecordAction = keyof typeof RECORD_ACTION_LABELS;

const ACTIVATION = ["active", "inactive"] as const;
const APPROVAL = ["submit", "approve"] as const;
const RECURRENCE = ["status/stop", "status/resume"] as const;

export const BOOKS_RECORD_TYPES: readonly BooksRecordType[] = [
  {
    key: "contacts",
    label: "Contacts",
    path: "contacts",
    singular: "contact",
    plural: "contacts",
    idField: "contact_id",
    nameField: "contact_name",
    actions: [...ACTIVATION, "paymentreminder/enable", "paymentreminder/disable", "email"],
  },
  {
    key: "contactpersons",
    label: "Contact Persons",
    path: "contacts/{parent}/contactpersons",
    writePath: "contacts/contactpersons",
    parent: { type: "contacts", idField: "contact_id" },
    singular: "contact_person",
    plural: "contact_persons",
    idField: "contact_person_id",
    nameField: "first_name",
    actions: ["primary"],
  },
  {
    key: "estimates",
    label: "Estimates",
    path: "estimates",
    singular: "estimate",
    plural: "estimates",
    idField: "estimate_id",
    nameField: "estimate_number",
    pdf: true,
    actions: ["status/sent", "status/accepted", "status/declined", ...APPROVAL, "email"],
  },
  {
    key: "salesorders",
    label: "Sales Orders",
    path: "salesorders",
    singular: "salesorder",
    plural: "salesorders",
    idField: "salesorder_id",
    nameField: "salesorder_number",
    pdf: true,
    actions: ["status/open", "status/void", ...APPROVAL, "email"],
  },
  {
    key: "invoices",
    label: "Invoices",
    path: "invoices",
    singular: "invoice",
    plural: "invoices",
    idField: "invoice_id",
    nameField: "invoice_number",
    pdf: true,
    actions: [
      "status/sent",
      "status/void",
      "status/draft",
      ...APPROVAL,
      "email",
      "paymentreminder/enable",
      "paymentreminder/disable",
      "writeoff",
      "writeoff/cancel",
    ],
  },
  {
    key: "recurringinvoices",
    label: "Recurring Invoices",
    path: "recurringinvoices",
    singular: "recurring_invoice",
    plural: "recurring_invoices",
    idField: "recurring_invoice_id",
    nameField: "recurrence_name",
    actions: RECURRENCE,
  },
  {
    key: "creditnotes",
    label: "Credit Notes",
    path: "creditnotes",
    singular: "creditnote",
    plural: "creditnotes",
    idField: "creditnote_id",
    nameField: "creditnote_number",
    pdf: true,
    actions: ["status/open", "status/void", "status/draft", ...APPROVAL, "email"],
  },
  {
    key: "customerpayments",
    label: "Customer Payments",
    path: "customerpayments",
    singular: "payment",
    plural: "customer_payments",
    idField: "payment_id",
    nameField: "payment_number",
  },
  {
    key: "retainerinvoices",
    label: "Retainer Invoices",
    path: "retainerinvoices",
    singular: "retainerinvoice",
    plural: "retainerinvoices",
    idField: "retainerinvoice_id",
    nameField: "retainerinvoice_number",
    actions: ["status/sent", "status/void", "status/draft", ...APPROVAL, "email"],
  },
  { key: "items", label: "Items", path: "items", singular: "item", plural: "items", idField: "item_id", nameField: "name", actions: ACTIVATION },
  {
    key: "purchaseorders",
    label: "Purchase Orders",
    path: "purchaseorders",
    singular: "purchaseorder",
    plural: "purchaseorders",
    idField: "purchaseorder_id",
    nameField: "purchaseorder_number",
    pdf: true,
    actions: ["status/open", "status/billed", "status/cancelled", ...APPROVAL, "reject", "email"],
  },
  {
    key: "bills",
    label: "Bills",
    path: "bills",
    singular: "bill",
    plural: "bills",
    idField: "bill_id",
    nameField: "bill_number",
    pdf: true,
    actions: ["status/open", "status/void", ...APPROVAL],
  },
  {
    key: "vendorcredits",
    label: "Vendor Credits",
    path: "vendorcredits",
    singular: "vendor_credit",
    plural: "vendorcredits",
    idField: "vendor_credit_id",
    nameField: "vendor_credit_number",
    actions: ["status/open", "status/void", ...APPROVAL],
  },
  {
    key: "vendorpayments",
    label: "Vendor Payments",
    path: "vendorpayments",
    singular: "vendorpayment",
    plural: "vendorpayments",
    idField: "payment_id",
    nameField: "payment_number",
    actions: ["email"],
  },
  { key: "expenses", label: "Expenses", path: "expenses", singular: "expense", plural: "expenses", idField: "expense_id", nameField: "reference_number" },
  {
    key: "recurringexpenses",
    label: "Recurring Expenses",
    path: "recurringexpenses",
    singular: "recurring_expense",
    plural: "recurring_expenses",
    idField: "recurring_expense_id",
    nameField: "recurrence_name",
    actions: RECURRENCE,
  },
  {
    key: "projects",
    label: "Projects",
    path: "projects",
    singular: "project",
    plural: "projects",
    idField: "project_id",
    nameField: "project_name",
    actions: ACTIVATION,
  },
  {
    key: "tasks",
    label: "Project Tasks",
    path: "projects/{parent}/tasks",
    parent: { type: "projects", idField: "project_id" },
    singular: "task",
    plural: "tasks",
    idField: "task_id",
    nameField: "task_name",
  },
  {
    key: "timeentries",
    label: "Time Entries",
    path: "projects/timeentries",
    singular: "time_entry",
    plural: "time_entries",
    idField: "time_entry_id",
    nameField: "log_date",
    actions: ["timer/start"],
  },
  { key: "users", label: "Users", path: "users", singular: "user", plural: "users", idField: "user_id", nameField: "name", actions: ["invite", ...ACTIVATION] },
  { key: "taxes", label: "Taxes", path: "settings/taxes", singular: "tax", plural: "taxes", idField: "tax_id", nameField: "tax_name" },
  {
    key: "chartofaccounts",
    label: "Chart of Accounts",
    path: "chartofaccounts",
    singular: "chart_of_account",
    plural: "chartofaccounts",
    idField: "account_id",
    nameField: "account_name",
    actions: ACTIVATION,
  },
  {
    key: "journals",
    label: "Journals",
    path: "journals",
    singular: "journal",
    plural: "journals",
    idField: "journal_id",
    nameField: "entry_number",
    actions: ["status/publish"],
  },
  {
    key: "bankaccounts",
    label: "Bank Accounts",
    path: "bankaccounts",
    singular: "bankaccount",
    plural: "bankaccounts",
    idField: "account_id",
    nameField: "account_name",
    actions: ACTIVATION,
  },
  {
    key: "banktransactions",
    label: "Bank Transactions",
    path: "banktransactions",
    singular: "banktransaction",
    plural: "banktransactions",
    idField: "transaction_id",
    nameField: "reference_number",
  },
  {
    key: "currencies",
    label: "Currencies",
    path: "settings/currencies",
    singular: "currency",
    plural: "currencies",
    idField: "currency_id",
    nameField: "currency_code",
  },
  {
    key: "salesreceipts",
    label: "Sales Receipts",
    path: "salesreceipts",
    singular: "salesreceipt",
    plural: "salesreceipts",
    idField: "sales_receipt_id",
    nameField: "receipt_number",
    actions: ["email"],
  },
];

const BY_KEY = new Map(BOOKS_RECORD_TYPES.map((type) => [type.key, type]));

export const booksRecordType = (key: string): BooksRecordType | undefined => BY_KEY.get(key);

export const PARENT_TYPES = [...new Set(BOOKS_RECORD_TYPES.flatMap((type) => (type.parent ? [type.parent.type] : [])))];

// Paths -------------------------------------------------------------------------------------------

type Method = NonNullable<ZohoRequest["method"]>;

/**
 * The collection path for a call: nested types live under their parent record, except that
 * Books writes contact persons under /contacts/contactpersons with the parent id in the body.
 */
export const collectionPath = (type: BooksRecordType, parentId: string | undefined, method: Method = "GET"): string => {
  if (method !== "GET" && type.writePath) return `/${type.writePath}`;
  return `/${type.path.replace("{parent}", parentId ?? "")}`;
};

export const recordPath = (type: BooksRecordType, recordId: string, parentId: string | undefined, method: Method = "GET"): string =>
  `${collectionPath(type, parentId, method)}/${recordId}`;

/** A write body with the parent id where Books wants it (the body, for types it writes flat). */
export const writeBody = (type: BooksRecordType, parentId: string | undefined, values: Record<string, unknown>): Record<string, unknown> =>
  type.writePath && type.parent ? { [type.parent.idField]: parentId, ...values } : values;

/**
 * The record in a Books answer: under its singular key (a one-record list for some answers, e.g.
 * a contact person's create and a sales order's get), or spread over the body as chart of accounts'
 * GET answers; Books' message alone when that is all it answered (a user's create or update).
 */
export const recordOf = (type: BooksRecordType, body: Record<string, unknown> | undefined): Record<string, unknown> => {
  const raw = body?.[type.singular];
  const nested = Array.isArray(raw) ? raw[0] : raw;
  if (nested && typeof nested === "object") return nested as Record<string, unknown>;
  const { code: _code, message, ...fields } = body ?? {};
  return fields[type.idField] === undefined ? { message } : fields;
};
