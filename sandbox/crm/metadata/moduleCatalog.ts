/**
 * The CRM modules a new sandbox org has: Zoho's standard modules with their usual fields, and one
 * custom module (Shipments). Ids are given when the org is seeded. Mandatory fields are the ones
 * Zoho marks system-mandatory; `unique` fields refuse duplicates on every write, while the
 * duplicate-check fields are what upsert matches on when the call names none.
 */
import type { CrmField, CrmModule } from "../../state";

type FieldOptions = Partial<Omit<CrmField, "api_name" | "data_type">>;

const field = (api_name: string, data_type: string, options: FieldOptions = {}): CrmField => ({
  api_name,
  field_label: api_name.replace(/__s$/, "").replace(/_/g, " "),
  data_type,
  ...options,
});

const mandatory = (api_name: string, data_type = "text"): CrmField => field(api_name, data_type, { system_mandatory: true });

const picklist = (api_name: string, values: string[], options: FieldOptions = {}): CrmField =>
  field(api_name, "picklist", { pick_list_values: values.map((v) => ({ display_value: v, actual_value: v })), ...options });

const lookup = (api_name: string, module: string): CrmField => field(api_name, "lookup", { lookup: { module: { api_name: module } } });

/** Every record has these; Zoho sets all but Owner itself. */
const SYSTEM_FIELDS: CrmField[] = [
  field("Owner", "ownerlookup"),
  field("Created_By", "ownerlookup", { read_only: true }),
  field("Modified_By", "ownerlookup", { read_only: true }),
  field("Created_Time", "datetime", { read_only: true }),
  field("Modified_Time", "datetime", { read_only: true }),
];

const LEAD_SOURCES = ["Advertisement", "Cold Call", "Employee Referral", "External Referral", "Online Store", "Partner", "Trade Show", "Web Download"];
const INDUSTRIES = ["Technology", "Manufacturing", "Retail", "Healthcare", "Financial Services", "Education", "Government"];
const SALUTATIONS = ["Mr.", "Mrs.", "Ms.", "Dr.", "Prof."];
const DEAL_STAGES = ["Qualification", "Needs Analysis", "Value Proposition", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost"];

/** Address fields as Zoho names them, e.g. Mailing_Street or just Street. */
const address = (prefix = ""): CrmField[] => ["Street", "City", "State", "Zip_Code", "Country"].map((part) => field(`${prefix}${part}`, "text"));

const person = (): CrmField[] => [
  picklist("Salutation", SALUTATIONS),
  field("First_Name", "text"),
  mandatory("Last_Name"),
  field("Full_Name", "text", { read_only: true }),
  field("Email", "email"),
  field("Phone", "phone"),
  field("Mobile", "phone"),
  field("Title", "text"),
  picklist("Lead_Source", LEAD_SOURCES),
  field("Email_Opt_Out", "boolean"),
  field("Description", "textarea"),
];

interface ModuleSpec {
  api_name: string;
  singular: string;
  plural?: string;
  fields: CrmField[];
  /** Upsert's system-defined duplicate check; default the first mandatory field. */
  duplicateCheck?: string[];
  /** Whether watch channels may name it (ZOHO.md lists the modules that can). */
  notifications?: boolean;
  custom?: boolean;
}

const SPECS: ModuleSpec[] = [
  {
    api_name: "Leads",
    singular: "Lead",
    duplicateCheck: ["Email"],
    notifications: true,
    fields: [
      ...person(),
      field("Company", "text"),
      picklist("Lead_Status", ["Not Contacted", "Attempted to Contact", "Contact in Future", "Contacted", "Junk Lead", "Lost Lead", "Pre-Qualified"]),
      picklist("Industry", INDUSTRIES),
      field("Annual_Revenue", "currency"),
      field("No_of_Employees", "integer"),
      picklist("Rating", ["Acquired", "Active", "Market Failed", "Project Cancelled", "Shut Down"]),
      field("Website", "website"),
      ...address(),
      field("Converted__s", "boolean", { read_only: true }),
    ],
  },
  {
    api_name: "Contacts",
    singular: "Contact",
    duplicateCheck: ["Email"],
    notifications: true,
    fields: [
      ...person(),
      lookup("Account_Name", "Accounts"),
      field("Department", "text"),
      field("Date_of_Birth", "date"),
      lookup("Reporting_To", "Contacts"),
      ...address("Mailing_"),
    ],
  },
  {
    api_name: "Accounts",
    singular: "Account",
    notifications: true,
    fields: [
      field("Account_Name", "text", { system_mandatory: true, unique: true }),
      field("Account_Number", "text"),
      picklist("Account_Type", ["Analyst", "Competitor", "Customer", "Distributor", "Integrator", "Investor", "Partner", "Prospect", "Reseller", "Vendor"]),
      picklist("Industry", INDUSTRIES),
      field("Annual_Revenue", "currency"),
      field("Employees", "integer"),
      field("Phone", "phone"),
      field("Website", "website"),
      lookup("Parent_Account", "Accounts"),
      field("Description", "textarea"),
      ...address("Billing_"),
    ],
  },
  {
    api_name: "Deals",
    singular: "Deal",
    notifications: true,
    fields: [
      mandatory("Deal_Name"),
      picklist("Stage", DEAL_STAGES, { system_mandatory: true }),
      field("Amount", "currency"),
      field("Closing_Date", "date"),
      field("Probability", "integer"),
      lookup("Account_Name", "Accounts"),
      lookup("Contact_Name", "Contacts"),
      picklist("Type", ["New Business", "Existing Business"]),
      picklist("Lead_Source", LEAD_SOURCES),
      field("Next_Step", "text"),
      field("Description", "textarea"),
    ],
  },
  {
    api_name: "Campaigns",
    singular: "Campaign",
    notifications: true,
    fields: [
      mandatory("Campaign_Name"),
      picklist("Type", ["Advertisement", "Banner Ads", "Conference", "Email", "Public Relations", "Trade Show", "Webinar"]),
      picklist("Status", ["Planning", "Active", "Inactive", "Complete"]),
      field("Start_Date", "date"),
      field("End_Date", "date"),
      field("Budgeted_Cost", "currency"),
      field("Expected_Revenue", "currency"),
    ],
  },
  {
    api_name: "Tasks",
    singular: "Task",
    notifications: true,
    fields: [
      mandatory("Subject"),
      field("Due_Date", "date"),
      picklist("Status", ["Not Started", "Deferred", "In Progress", "Completed", "Waiting for input"]),
      picklist("Priority", ["High", "Highest", "Low", "Lowest", "Normal"]),
      field("Description", "textarea"),
    ],
  },
  {
    api_name: "Events",
    singular: "Event",
    plural: "Meetings",
    notifications: true,
    fields: [
      mandatory("Event_Title"),
      mandatory("Start_DateTime", "datetime"),
      mandatory("End_DateTime", "datetime"),
      field("Venue", "text"),
      field("All_day", "boolean"),
      field("Description", "textarea"),
    ],
  },
  {
    api_name: "Calls",
    singular: "Call",
    notifications: true,
    fields: [
      mandatory("Subject"),
      picklist("Call_Type", ["Inbound", "Outbound", "Missed"], { system_mandatory: true }),
      mandatory("Call_Start_Time", "datetime"),
      field("Call_Duration", "text"),
      picklist("Call_Purpose", ["Prospecting", "Administrative", "Negotiation", "Demo", "Project", "Desk"]),
      field("Description", "textarea"),
    ],
  },
  {
    api_name: "Products",
    singular: "Product",
    notifications: true,
    fields: [
      field("Product_Name", "text", { system_mandatory: true, unique: true }),
      field("Product_Code", "text"),
      picklist("Product_Category", ["Hardware", "Software", "CRM Applications"]),
      field("Unit_Price", "currency"),
      field("Qty_in_Stock", "double"),
      field("Product_Active", "boolean"),
      lookup("Vendor_Name", "Vendors"),
      field("Description", "textarea"),
    ],
  },
  {
    api_name: "Vendors",
    singular: "Vendor",
    notifications: true,
    fields: [mandatory("Vendor_Name"), field("Email", "email"), field("Phone", "phone"), field("Website", "website"), ...address()],
  },
  {
    api_name: "Cases",
    singular: "Case",
    notifications: true,
    fields: [
      mandatory("Subject"),
      picklist("Status", ["New", "On Hold", "Escalated", "Closed"], { system_mandatory: true }),
      picklist("Case_Origin", ["Email", "Phone", "Web"], { system_mandatory: true }),
      picklist("Priority", ["High", "Medium", "Low"]),
      lookup("Account_Name", "Accounts"),
      field("Description", "textarea"),
    ],
  },
  {
    api_name: "Solutions",
    singular: "Solution",
    notifications: true,
    fields: [mandatory("Solution_Title"), picklist("Status", ["Draft", "Reviewed", "Published"]), field("Question", "textarea"), field("Answer", "textarea")],
  },
  {
    api_name: "Price_Books",
    singular: "Price Book",
    notifications: true,
    fields: [mandatory("Price_Book_Name"), field("Active", "boolean"), field("Description", "textarea")],
  },
  {
    api_name: "Quotes",
    singular: "Quote",
    notifications: true,
    fields: [
      mandatory("Subject"),
      picklist("Quote_Stage", ["Draft", "Negotiation", "Delivered", "On Hold", "Confirmed", "Closed Won", "Closed Lost"]),
      lookup("Deal_Name", "Deals"),
      lookup("Account_Name", "Accounts"),
      field("Valid_Till", "date"),
      field("Quoted_Items", "subform"),
      field("Grand_Total", "currency", { read_only: true }),
    ],
  },
  {
    api_name: "Sales_Orders",
    singular: "Sales Order",
    notifications: true,
    fields: [
      mandatory("Subject"),
      picklist("Status", ["Created", "Approved", "Delivered", "Cancelled"]),
      lookup("Account_Name", "Accounts"),
      field("Due_Date", "date"),
      field("Signed_Copy", "fileupload"),
      field("Ordered_Items", "subform"),
      field("Grand_Total", "currency", { read_only: true }),
    ],
  },
  {
    api_name: "Purchase_Orders",
    singular: "Purchase Order",
    notifications: true,
    fields: [
      mandatory("Subject"),
      lookup("Vendor_Name", "Vendors"),
      picklist("Status", ["Created", "Approved", "Delivered", "Cancelled"]),
      field("PO_Date", "date"),
      field("Purchase_Items", "subform"),
      field("Grand_Total", "currency", { read_only: true }),
    ],
  },
  {
    api_name: "Invoices",
    singular: "Invoice",
    notifications: true,
    fields: [
      mandatory("Subject"),
      picklist("Status", ["Created", "Approved", "Delivered", "Cancelled"]),
      lookup("Account_Name", "Accounts"),
      field("Invoice_Date", "date"),
      field("Due_Date", "date"),
      field("Invoiced_Items", "subform"),
      field("Grand_Total", "currency", { read_only: true }),
    ],
  },
  {
    api_name: "Notes",
    singular: "Note",
    fields: [field("Note_Title", "text"), mandatory("Note_Content", "textarea"), field("Parent_Id", "lookup", { system_mandatory: true })],
  },
  {
    api_name: "Shipments",
    singular: "Shipment",
    custom: true,
    notifications: true,
    fields: [
      mandatory("Name"),
      field("Tracking_Number", "text", { unique: true }),
      picklist("Carrier", ["DHL", "FedEx", "UPS", "USPS"]),
      picklist("Shipment_Status", ["Label Created", "In Transit", "Out for Delivery", "Delivered", "Returned"]),
      field("Shipped_On", "date"),
      field("Delivered_At", "datetime"),
      field("Weight_Kg", "double"),
      field("Declared_Value", "currency"),
      field("Signature_Required", "boolean"),
      lookup("Account", "Accounts"),
      lookup("Deal", "Deals"),
      field("Email", "email"),
      field("Proof_of_Delivery", "fileupload"),
      field("Package_Photo", "imageupload"),
    ],
  },
];

/** The catalog as modules without ids; `newId` numbers modules, fields and layouts. */
export const catalogModules = (newId: () => string): CrmModule[] =>
  SPECS.map((spec) => ({
    api_name: spec.api_name,
    module_name: spec.api_name,
    singular_label: spec.singular,
    plural_label: spec.plural ?? spec.api_name.replace(/_/g, " "),
    id: newId(),
    api_supported: true,
    creatable: true,
    editable: true,
    deletable: true,
    viewable: true,
    notification_supported: spec.notifications ?? false,
    generated_type: spec.custom ? "custom" : "default",
    fields: [...spec.fields, ...SYSTEM_FIELDS].map((f) => ({ ...f, id: newId() })),
    duplicate_check_fields: spec.duplicateCheck ?? [spec.fields.find((f) => f.system_mandatory)!.api_name],
    layouts: [{ id: newId(), name: "Standard" }],
  }));
