/**
 * Every Books record type the sandbox serves, one row each, in Books' own words: the path under
 * /books/v3, the JSON keys of one record and of a list, the id field, the field a list shows and
 * searches, the document number Books generates, the fields a create must carry and the messages
 * Books answers with (taken from Zoho's Books OpenAPI files).
 */
import type { BooksRecord } from "./store";

export type SortOrder = "A" | "D";

export interface RecordType {
  /** Books' name for the collection, e.g. "invoices"; the key of this table and of seedBooks. */
  key: string;
  /** List path under /books/v3; a nested type names its parent's id as a parameter. */
  path: string;
  singular: string;
  plural: string;
  idField: string;
  /** How Books names one record in its messages ("Invoice does not exist."). */
  label: string;
  /** The part of the OAuth scope, as in ZohoBooks.<scope>.READ. */
  scope: string;
  /** The field a list shows first (document number or name). */
  nameField?: string;
  /** Books numbers documents itself when the body has no number: "INV-" gives INV-000001, "" gives "1". */
  numberPrefix?: string;
  /** Vendor payments are numbered 1, 2, ... as JSON numbers. */
  numberIsInteger?: boolean;
  /** Fields a create must carry (Books answers "Invalid value passed for <field>" without them). */
  mandatory: string[];
  /** Fields Books fills in when a create leaves them out (the initial status, a contact's type). */
  defaults?: BooksRecord;
  /** Fields `search_text` looks in. */
  search: string[];
  /** Fields a list filters on by value, with Books' `_startswith` and `_contains` variants. */
  filters: string[];
  /** Order of a list without sort_column; Books lists names alphabetically and documents newest first. */
  sort?: { column: string; order: SortOrder };
  /** Documents with line items: Books totals them (and keeps an unpaid balance where it has one). */
  lineItems?: { balance: boolean };
  messages: { created: string; updated: string; deleted: string };
  /** Status Books answers a create with when it is not 201. */
  createStatus?: 200 | 201;
  /** Nested types: the parent's key and the field that carries the parent id. */
  parent?: { key: string; idField: string };
  /** Where a nested type is written when Books takes the parent id from the body (contact persons). */
  writePath?: string;
  /** How an answer carries the record where Books does not answer `{<singular>: {...}}` (Zoho's OpenAPI files). */
  answers?: Partial<Record<"get" | "create" | "update", RecordShape>>;
}

/**
 * `object` is `{<singular>: record}`; `array` is `{<singular>: [record]}`; `flat` spreads the record's
 * fields over the answer; `message` answers only code and message.
 */
export type RecordShape = "object" | "array" | "flat" | "message";

const byName = (column: string) => ({ column, order: "A" as const });

const customerDocument = {
  mandatory: ["customer_id", "line_items"],
  filters: ["customer_id", "customer_name", "reference_number"],
  defaults: { status: "draft" },
};

const vendorDocument = {
  filters: ["vendor_id", "vendor_name", "reference_number"],
};

export const RECORD_TYPES: RecordType[] = [
  {
    key: "contacts",
    path: "contacts",
    singular: "contact",
    plural: "contacts",
    idField: "contact_id",
    label: "Contact",
    scope: "contacts",
    nameField: "contact_name",
    mandatory: ["contact_name"],
    defaults: { status: "active", contact_type: "customer" },
    search: ["contact_name", "company_name", "email"],
    filters: ["contact_name", "company_name", "email", "contact_type", "first_name", "last_name", "phone"],
    sort: byName("contact_name"),
    messages: { created: "The contact has been created", updated: "Contact has been updated successfully", deleted: "The contact has been deleted." },
  },
  {
    key: "contactpersons",
    path: "contacts/:contact_id/contactpersons",
    writePath: "contacts/contactpersons",
    parent: { key: "contacts", idField: "contact_id" },
    singular: "contact_person",
    plural: "contact_persons",
    idField: "contact_person_id",
    label: "Contact person",
    scope: "contacts",
    nameField: "first_name",
    mandatory: ["first_name"],
    search: ["first_name", "last_name", "email"],
    filters: ["first_name", "last_name", "email"],
    sort: byName("first_name"),
    answers: { create: "array", update: "array" },
    messages: {
      created: "The contactperson has been Created",
      updated: "The contactperson details has been updated.",
      deleted: "The contact person has been deleted.",
    },
  },
  {
    key: "estimates",
    path: "estimates",
    singular: "estimate",
    plural: "estimates",
    idField: "estimate_id",
    label: "Estimate",
    scope: "estimates",
    nameField: "estimate_number",
    numberPrefix: "EST-",
    ...customerDocument,
    search: ["estimate_number", "reference_number", "customer_name"],
    filters: ["estimate_number", ...customerDocument.filters],
    lineItems: { balance: false },
    messages: { created: "The estimate has been created", updated: "Estimate information has been updated.", deleted: "The estimate has been deleted." },
  },
  {
    key: "salesorders",
    path: "salesorders",
    singular: "salesorder",
    plural: "salesorders",
    idField: "salesorder_id",
    label: "Sales Order",
    scope: "salesorders",
    nameField: "salesorder_number",
    numberPrefix: "SO-",
    ...customerDocument,
    search: ["salesorder_number", "reference_number", "customer_name"],
    filters: ["salesorder_number", ...customerDocument.filters],
    lineItems: { balance: false },
    answers: { get: "array", create: "array", update: "array" },
    messages: { created: "Sales Order Created Successfully.", updated: "Sales Order Updated Successfully.", deleted: "Sales Order Deleted Successfully." },
  },
  {
    key: "invoices",
    path: "invoices",
    singular: "invoice",
    plural: "invoices",
    idField: "invoice_id",
    label: "Invoice",
    scope: "invoices",
    nameField: "invoice_number",
    numberPrefix: "INV-",
    ...customerDocument,
    search: ["invoice_number", "reference_number", "customer_name"],
    filters: ["invoice_number", ...customerDocument.filters],
    lineItems: { balance: true },
    messages: { created: "The invoice has been created.", updated: "Invoice information has been updated.", deleted: "The invoice has been deleted." },
  },
  {
    key: "recurringinvoices",
    path: "recurringinvoices",
    singular: "recurring_invoice",
    plural: "recurring_invoices",
    idField: "recurring_invoice_id",
    label: "Recurring Invoice",
    scope: "invoices",
    nameField: "recurrence_name",
    mandatory: ["recurrence_name", "customer_id", "recurrence_frequency"],
    defaults: { status: "active" },
    search: ["recurrence_name", "customer_name"],
    filters: ["recurrence_name", "customer_id", "customer_name"],
    lineItems: { balance: false },
    messages: {
      created: "The recurring invoice has been created.",
      updated: "The recurring invoice has been updated.",
      deleted: "The recurring invoice is deleted successfully.",
    },
  },
  {
    key: "creditnotes",
    path: "creditnotes",
    singular: "creditnote",
    plural: "creditnotes",
    idField: "creditnote_id",
    label: "Credit Note",
    scope: "creditnotes",
    nameField: "creditnote_number",
    numberPrefix: "CN-",
    ...customerDocument,
    search: ["creditnote_number", "reference_number", "customer_name"],
    filters: ["creditnote_number", ...customerDocument.filters],
    lineItems: { balance: true },
    messages: { created: "The credit note has been created.", updated: "The credit note has been updated.", deleted: "The credit note has been deleted." },
  },
  {
    key: "customerpayments",
    path: "customerpayments",
    singular: "payment",
    plural: "customer_payments",
    idField: "payment_id",
    label: "Payment",
    scope: "customerpayments",
    nameField: "payment_number",
    numberPrefix: "",
    mandatory: ["customer_id", "payment_mode", "amount"],
    search: ["payment_number", "reference_number", "customer_name"],
    filters: ["payment_number", "customer_id", "customer_name", "reference_number", "payment_mode"],
    messages: { created: "The payment has been created.", updated: "The payment details have been updated.", deleted: "The payment has been deleted." },
  },
  {
    key: "retainerinvoices",
    path: "retainerinvoices",
    singular: "retainerinvoice",
    plural: "retainerinvoices",
    idField: "retainerinvoice_id",
    label: "Retainer Invoice",
    scope: "invoices",
    nameField: "retainerinvoice_number",
    numberPrefix: "RET-",
    ...customerDocument,
    search: ["retainerinvoice_number", "reference_number", "customer_name"],
    filters: ["retainerinvoice_number", ...customerDocument.filters],
    lineItems: { balance: true },
    messages: {
      created: "The retainer invoice has been created.",
      updated: "Retainer Invoice information has been updated.",
      deleted: "The retainer invoice has been deleted.",
    },
  },
  {
    key: "items",
    path: "items",
    singular: "item",
    plural: "items",
    idField: "item_id",
    label: "Item",
    scope: "settings",
    nameField: "name",
    mandatory: ["name", "rate"],
    defaults: { status: "active" },
    search: ["name", "description", "sku"],
    filters: ["name", "description", "sku", "product_type"],
    sort: byName("name"),
    messages: { created: "The item has been added.", updated: "Item details have been saved.", deleted: "The item has been deleted." },
  },
  {
    key: "purchaseorders",
    path: "purchaseorders",
    singular: "purchaseorder",
    plural: "purchaseorders",
    idField: "purchaseorder_id",
    label: "Purchase Order",
    scope: "purchaseorders",
    nameField: "purchaseorder_number",
    numberPrefix: "PO-",
    mandatory: ["vendor_id", "line_items"],
    defaults: { status: "draft" },
    search: ["purchaseorder_number", "reference_number", "vendor_name"],
    filters: ["purchaseorder_number", ...vendorDocument.filters],
    lineItems: { balance: false },
    messages: { created: "Purchase Order has been added.", updated: "Purchase Order has been updated.", deleted: "The purchase order has been deleted." },
  },
  {
    key: "bills",
    path: "bills",
    singular: "bill",
    plural: "bills",
    idField: "bill_id",
    label: "Bill",
    scope: "bills",
    nameField: "bill_number",
    mandatory: ["vendor_id", "bill_number"],
    defaults: { status: "open" },
    search: ["bill_number", "reference_number", "vendor_name"],
    filters: ["bill_number", ...vendorDocument.filters],
    lineItems: { balance: true },
    messages: { created: "The bill has been created.", updated: "Bill information has been updated.", deleted: "The bill has been deleted." },
  },
  {
    key: "vendorcredits",
    path: "vendorcredits",
    singular: "vendor_credit",
    plural: "vendorcredits",
    idField: "vendor_credit_id",
    label: "Vendor Credit",
    scope: "debitnotes",
    nameField: "vendor_credit_number",
    numberPrefix: "DN-",
    mandatory: ["vendor_id"],
    defaults: { status: "open" },
    search: ["vendor_credit_number", "reference_number", "vendor_name"],
    filters: ["vendor_credit_number", ...vendorDocument.filters],
    lineItems: { balance: true },
    messages: {
      created: "Vendor credit has been created.",
      updated: "Vendor credit information has been updated.",
      deleted: "The vendor credit has been deleted.",
    },
  },
  {
    key: "vendorpayments",
    path: "vendorpayments",
    singular: "vendorpayment",
    plural: "vendorpayments",
    idField: "payment_id",
    label: "Vendor Payment",
    scope: "vendorpayments",
    nameField: "payment_number",
    numberPrefix: "",
    numberIsInteger: true,
    mandatory: ["vendor_id", "amount"],
    search: ["payment_number", "reference_number", "vendor_name"],
    filters: ["payment_number", ...vendorDocument.filters, "payment_mode"],
    answers: { update: "array" },
    messages: {
      created: "The payment made to the vendor has been recorded.",
      updated: "The details of the payment made to the vendor has been updated",
      deleted: "The payment has been deleted.",
    },
  },
  {
    key: "expenses",
    path: "expenses",
    singular: "expense",
    plural: "expenses",
    idField: "expense_id",
    label: "Expense",
    scope: "expenses",
    mandatory: ["account_id", "amount"],
    search: ["description", "reference_number", "customer_name"],
    filters: ["account_id", "customer_id", "vendor_id", "reference_number", "description"],
    createStatus: 200,
    messages: { created: "The expense has been recorded.", updated: "Expense information has been updated.", deleted: "The expense has been deleted." },
  },
  {
    key: "recurringexpenses",
    path: "recurringexpenses",
    singular: "recurring_expense",
    plural: "recurring_expenses",
    idField: "recurring_expense_id",
    label: "Recurring Expense",
    scope: "expenses",
    nameField: "recurrence_name",
    mandatory: ["account_id", "recurrence_name", "start_date", "recurrence_frequency", "repeat_every", "amount"],
    defaults: { status: "active" },
    search: ["recurrence_name", "customer_name"],
    filters: ["recurrence_name", "account_id", "customer_id"],
    createStatus: 200,
    messages: {
      created: "The recurring expense has been created",
      updated: "Recurring expense information has been updated",
      deleted: "The recurring expense has been deleted.",
    },
  },
  {
    key: "projects",
    path: "projects",
    singular: "project",
    plural: "projects",
    idField: "project_id",
    label: "Project",
    scope: "projects",
    nameField: "project_name",
    mandatory: ["project_name", "customer_id", "billing_type", "user_id"],
    defaults: { status: "active" },
    search: ["project_name", "customer_name"],
    filters: ["project_name", "customer_id", "customer_name", "billing_type"],
    sort: byName("project_name"),
    messages: { created: "The project has been created.", updated: "The project information has been updated.", deleted: "The project has been deleted." },
  },
  {
    key: "tasks",
    path: "projects/:project_id/tasks",
    parent: { key: "projects", idField: "project_id" },
    singular: "task",
    plural: "tasks",
    idField: "task_id",
    label: "Task",
    scope: "projects",
    nameField: "task_name",
    mandatory: ["task_name"],
    search: ["task_name", "description"],
    filters: ["task_name"],
    sort: byName("task_name"),
    messages: { created: "The task has been added.", updated: "The task information has been updated.", deleted: "The task has been deleted successfully." },
  },
  {
    key: "timeentries",
    path: "projects/timeentries",
    singular: "time_entry",
    plural: "time_entries",
    idField: "time_entry_id",
    label: "Time Entry",
    scope: "projects",
    mandatory: ["project_id", "task_id", "user_id", "log_date"],
    search: ["notes"],
    filters: ["project_id", "task_id", "user_id", "log_date"],
    messages: {
      created: "Your timesheet entry has been added.",
      updated: "The timesheet's information has been updated.",
      deleted: "The time entry has been deleted.",
    },
  },
  {
    key: "users",
    path: "users",
    singular: "user",
    plural: "users",
    idField: "user_id",
    label: "User",
    scope: "settings",
    nameField: "name",
    mandatory: ["name", "email"],
    defaults: { status: "invited" },
    search: ["name", "email"],
    filters: ["name", "email", "user_role"],
    sort: byName("name"),
    createStatus: 200,
    answers: { create: "message", update: "message" },
    messages: {
      created: "Your invitation has been sent.",
      updated: "The user information has been updated.",
      deleted: "The user has been removed from your organization.",
    },
  },
  {
    key: "taxes",
    path: "settings/taxes",
    singular: "tax",
    plural: "taxes",
    idField: "tax_id",
    label: "Tax",
    scope: "settings",
    nameField: "tax_name",
    mandatory: ["tax_name", "tax_percentage"],
    search: ["tax_name"],
    filters: ["tax_name", "tax_type"],
    sort: byName("tax_name"),
    answers: { get: "array", create: "array", update: "array" },
    messages: { created: "The tax has been added.", updated: "Tax information has been saved.", deleted: "The record has been deleted." },
  },
  {
    key: "chartofaccounts",
    path: "chartofaccounts",
    singular: "chart_of_account",
    plural: "chartofaccounts",
    idField: "account_id",
    label: "Account",
    scope: "accountants",
    nameField: "account_name",
    mandatory: ["account_name", "account_type"],
    search: ["account_name", "account_code", "description"],
    filters: ["account_name", "account_type", "account_code"],
    sort: byName("account_name"),
    answers: { get: "flat" },
    messages: { created: "The account has been created.", updated: "The details of the account have been updated.", deleted: "The account has been deleted." },
  },
  {
    key: "journals",
    path: "journals",
    singular: "journal",
    plural: "journals",
    idField: "journal_id",
    label: "Journal",
    scope: "accountants",
    nameField: "entry_number",
    numberPrefix: "",
    mandatory: ["journal_date"],
    defaults: { status: "draft" },
    search: ["entry_number", "reference_number", "notes"],
    filters: ["entry_number", "reference_number"],
    messages: {
      created: "The journal entry has been created.",
      updated: "The journal entry has been updated.",
      deleted: "The selected journal entry has been deleted.",
    },
  },
  {
    key: "bankaccounts",
    path: "bankaccounts",
    singular: "bankaccount",
    plural: "bankaccounts",
    idField: "account_id",
    label: "Account",
    scope: "banking",
    nameField: "account_name",
    mandatory: ["account_name", "account_type"],
    search: ["account_name", "bank_name", "account_number"],
    filters: ["account_name", "account_type", "bank_name"],
    sort: byName("account_name"),
    messages: { created: "The account has been created.", updated: "The details of the account has been updated.", deleted: "The account has been deleted." },
  },
  {
    key: "banktransactions",
    path: "banktransactions",
    singular: "banktransaction",
    plural: "banktransactions",
    idField: "transaction_id",
    label: "Transaction",
    scope: "banking",
    mandatory: ["transaction_type"],
    defaults: { status: "manually_added" },
    search: ["reference_number", "description", "payee"],
    filters: ["account_id", "transaction_type", "reference_number"],
    messages: {
      created: "The bank transaction has been recorded.",
      updated: "The bank transaction has been updated.",
      deleted: "The transaction has been deleted.",
    },
  },
  {
    key: "currencies",
    path: "settings/currencies",
    singular: "currency",
    plural: "currencies",
    idField: "currency_id",
    label: "Currency",
    scope: "settings",
    nameField: "currency_code",
    mandatory: ["currency_code", "currency_format"],
    search: ["currency_code", "currency_name"],
    filters: ["currency_code", "currency_name"],
    sort: byName("currency_code"),
    messages: { created: "The currency has been added.", updated: "Currency information has been saved.", deleted: "The currency has been deleted." },
  },
  {
    key: "salesreceipts",
    path: "salesreceipts",
    singular: "salesreceipt",
    plural: "salesreceipts",
    idField: "sales_receipt_id",
    label: "Sales Receipt",
    scope: "invoices",
    nameField: "receipt_number",
    numberPrefix: "SR-",
    mandatory: ["customer_id", "payment_mode"],
    defaults: { status: "paid" },
    search: ["receipt_number", "reference_number", "customer_name"],
    filters: ["receipt_number", "customer_id", "customer_name", "reference_number"],
    lineItems: { balance: false },
    messages: {
      created: "Sales Receipt Created Successfully.",
      updated: "Sales Receipt Updated Successfully.",
      deleted: "Sales Receipt Deleted Successfully.",
    },
  },
];

const BY_KEY = new Map(RECORD_TYPES.map((type) => [type.key, type]));

export const recordType = (key: string): RecordType => {
  const type = BY_KEY.get(key);
  if (!type) throw new Error(`unknown Books record type ${key}`);
  return type;
};

export const DEFAULT_SORT = { column: "created_time", order: "D" as SortOrder };
