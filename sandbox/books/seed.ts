/**
 * Test data for Books: `seedBooks(state, {type, count})` stores `count` records of a type in an
 * organization (the default one unless named) the way a POST creates them, so they look exactly
 * like records a client created; like CRM's seeded records they are existing data, not logged
 * writes. Whatever a record must refer to (a customer, a vendor, a project and task, a user) is
 * created once per call unless `fields` names it.
 */
import type { SandboxState } from "../state";
import { ensureOrganizations, type Organization } from "./organizations";
import { recordType } from "./recordTypes";
import { createRecord } from "./records";
import { type BooksRecord, booksDate } from "./store";

export interface SeedBooksOptions {
  /** Default: the organization marked is_default_org. */
  organizationId?: string;
  /** A key of RECORD_TYPES, e.g. "invoices", "contactpersons". */
  type: string;
  count: number;
  /** Fields for every record, or per record from its 0-based index; they win over the sample values. */
  fields?: BooksRecord | ((index: number) => BooksRecord);
  /** The contact (contact persons) or project (tasks) to seed under; default a new one. */
  parentId?: string;
}

/** What a reference field points to: a type, the body to create it with, its parent. */
interface Target {
  type: string;
  body: BooksRecord;
  parentId?: string;
}

/** The id of the record `field` points to: the one `fields` names, else one made from `target` (once per call). */
type Refer = (field: string, target: Target) => string;

const CUSTOMER: Target = { type: "contacts", body: { contact_name: "Seeded Customer", contact_type: "customer" } };
const VENDOR: Target = { type: "contacts", body: { contact_name: "Seeded Vendor", contact_type: "vendor" } };
const USER: Target = { type: "users", body: { name: "Seeded User", email: "seeded.user@zylker.com", status: "active" } };
const PROJECT: Target = { type: "projects", body: {} };
const ACCOUNT_ID = "460000000000361";
const PAID_THROUGH_ACCOUNT_ID = "460000000000358";
const CURRENCIES = ["EUR", "GBP", "INR", "JPY", "AUD", "CAD", "CHF", "SGD"];

const lines = (n: number) => [{ name: `Service ${n}`, description: "Consulting hours", rate: 100 * n, quantity: 2 }];

/** A valid create body for each type (n counts from 1). */
const SAMPLES: Record<string, (n: number, refer: Refer, today: string) => BooksRecord> = {
  contacts: (n) => ({ contact_name: `Customer ${n}`, company_name: `Company ${n}`, email: `customer${n}@zylker.com` }),
  contactpersons: (n) => ({ first_name: `Person ${n}`, last_name: "Doe", email: `person${n}@zylker.com` }),
  estimates: (n, refer) => ({ customer_id: refer("customer_id", CUSTOMER), line_items: lines(n) }),
  salesorders: (n, refer) => ({ customer_id: refer("customer_id", CUSTOMER), line_items: lines(n) }),
  invoices: (n, refer) => ({ customer_id: refer("customer_id", CUSTOMER), line_items: lines(n) }),
  recurringinvoices: (n, refer) => ({
    recurrence_name: `Monthly ${n}`,
    customer_id: refer("customer_id", CUSTOMER),
    recurrence_frequency: "months",
    line_items: lines(n),
  }),
  creditnotes: (n, refer) => ({ customer_id: refer("customer_id", CUSTOMER), line_items: lines(n) }),
  customerpayments: (n, refer) => ({ customer_id: refer("customer_id", CUSTOMER), payment_mode: "cash", amount: 100 * n }),
  retainerinvoices: (n, refer) => ({ customer_id: refer("customer_id", CUSTOMER), line_items: lines(n) }),
  items: (n) => ({ name: `Item ${n}`, rate: 10 * n, description: `Item number ${n}` }),
  purchaseorders: (n, refer) => ({ vendor_id: refer("vendor_id", VENDOR), line_items: lines(n) }),
  bills: (n, refer) => ({ vendor_id: refer("vendor_id", VENDOR), bill_number: `BILL-${n}`, line_items: lines(n) }),
  vendorcredits: (n, refer) => ({ vendor_id: refer("vendor_id", VENDOR), line_items: lines(n) }),
  vendorpayments: (n, refer) => ({ vendor_id: refer("vendor_id", VENDOR), amount: 100 * n, payment_mode: "cash" }),
  expenses: (n) => ({ account_id: ACCOUNT_ID, paid_through_account_id: PAID_THROUGH_ACCOUNT_ID, amount: 25 * n, description: `Expense ${n}` }),
  recurringexpenses: (n, _refer, today) => ({
    recurrence_name: `Rent ${n}`,
    account_id: ACCOUNT_ID,
    start_date: today,
    recurrence_frequency: "months",
    repeat_every: "1",
    amount: 25 * n,
  }),
  projects: (n, refer) => ({
    project_name: `Project ${n}`,
    customer_id: refer("customer_id", CUSTOMER),
    billing_type: "based_on_project_hours",
    user_id: refer("user_id", USER),
  }),
  tasks: (n) => ({ task_name: `Task ${n}`, description: `Task number ${n}` }),
  timeentries: (n, refer, today) => {
    const projectId = refer("project_id", PROJECT);
    const taskId = refer("task_id", { type: "tasks", body: {}, parentId: projectId });
    return { project_id: projectId, task_id: taskId, user_id: refer("user_id", USER), log_date: today, log_time: `0${n % 9}:30` };
  },
  users: (n) => ({ name: `User ${n}`, email: `user${n}@zylker.com`, user_role: "staff" }),
  taxes: (n) => ({ tax_name: `Tax ${n}`, tax_percentage: n }),
  chartofaccounts: (n) => ({ account_name: `Account ${n}`, account_type: "expense" }),
  journals: (n, _refer, today) => ({ journal_date: today, reference_number: `JRN-${n}`, notes: `Journal ${n}` }),
  bankaccounts: (n) => ({ account_name: `Bank ${n}`, account_type: "bank" }),
  banktransactions: (n, _refer, today) => ({ transaction_type: "deposit", amount: 50 * n, date: today, reference_number: `TXN-${n}` }),
  currencies: (n) => ({ currency_code: CURRENCIES[n - 1] ?? `X${n}`, currency_format: "1,234,567.89" }),
  salesreceipts: (n, refer) => ({ customer_id: refer("customer_id", CUSTOMER), payment_mode: "cash", line_items: lines(n) }),
};

const organizationFor = (state: SandboxState, organizationId?: string): Organization => {
  const organizations = ensureOrganizations(state);
  const org = organizationId
    ? organizations.find((o) => o.organization_id === organizationId)
    : (organizations.find((o) => o.is_default_org) ?? organizations[0]);
  if (!org) throw new Error(`seedBooks: no Books organization ${organizationId ?? "(the sandbox has none)"}`);
  return org;
};

export const seedBooks = (state: SandboxState, { organizationId, type: key, count, fields, parentId }: SeedBooksOptions): BooksRecord[] => {
  const org = organizationFor(state, organizationId);
  const today = booksDate(state.clock.now());
  const made = new Map<string, string>();
  let given: BooksRecord = {};

  /** Stores a sample record of `target`, its parent first when it has one and none was named. */
  const create = (target: Target): BooksRecord => {
    const type = recordType(target.type);
    const parent = type.parent ? (target.parentId ?? String(create({ type: type.parent.key, body: {} })[type.parent.idField])) : undefined;
    return createRecord(state, org, type, { ...SAMPLES[target.type](made.size + 1, refer, today), ...target.body }, parent);
  };
  const refer: Refer = (field, target) => {
    if (given[field] !== undefined) return String(given[field]);
    if (!made.has(field)) made.set(field, String(create(target)[recordType(target.type).idField]));
    return made.get(field) as string;
  };

  const type = recordType(key);
  const parent = type.parent ? (parentId ?? String(create({ type: type.parent.key, body: {} })[type.parent.idField])) : undefined;
  return Array.from({ length: count }, (_, index) => {
    given = typeof fields === "function" ? fields(index) : (fields ?? {});
    return createRecord(state, org, type, { ...SAMPLES[key](index + 1, refer, today), ...given }, parent);
  });
};
