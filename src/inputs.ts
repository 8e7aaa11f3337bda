/**
 * Inputs shared by actions, triggers and data sources, defined once. Each has a label, a comment
 * that says what to enter, an example and a clean function; perform() still parses with zod,
 * because the testing harness and code-native callers skip clean.
 */
import { input } from "@prismatic-io/spectral";

const cleanText = (value: unknown): string | undefined => {
  const text = value === undefined || value === null ? "" : String(value).trim();
  return text === "" ? undefined : text;
};
const cleanBool = (value: unknown): boolean => value === true || String(value).trim().toLowerCase() === "true";
/** Numbers stay as typed; text that is not a whole number is kept so zod can name the input. */
const cleanInt = (value: unknown): number | string | undefined => {
  const text = cleanText(value);
  return text !== undefined && /^-?\d+$/.test(text) ? Number(text) : text;
};
const cleanPass = (value: unknown): unknown => value;

export const connectionInput = input({
  label: "Connection",
  type: "connection",
  required: true,
  comments: "The Zoho connection to use.",
});

export const debugRequest = input({
  label: "Debug Request",
  type: "boolean",
  default: "false",
  comments: "Log each request and response (with tokens and secrets redacted) to the step's log. Turn off in production.",
  clean: cleanBool,
});

// CRM -------------------------------------------------------------------------------------------

export const recordType = input({
  label: "Module",
  type: "string",
  required: true,
  dataSource: "selectCrmModule",
  comments: "The API name of the CRM module, custom modules included. Pick it from the list; API names are case-sensitive.",
  example: "Leads",
  placeholder: "Leads",
  clean: cleanText,
});

export const recordId = input({
  label: "Record ID",
  type: "string",
  required: true,
  dataSource: "selectCrmRecord",
  comments: "The Zoho id of the record: pick it from the list or map it from an earlier step.",
  example: "5725767000000524157",
  clean: cleanText,
});

export const fields = input({
  label: "Fields",
  type: "string",
  required: false,
  dataSource: "selectCrmFields",
  comments: "Comma-separated field API names to return (at most 50). Leave empty for the module's fields (the first 50 Zoho lists).",
  example: "Last_Name,Email,Company",
  clean: cleanText,
});

export const page = input({
  label: "Page",
  type: "string",
  required: false,
  default: "1",
  comments: "Page number, starting at 1. Page × Per Page cannot pass 2,000; beyond that use Page Token or Fetch All.",
  example: "1",
  clean: cleanInt,
});

export const perPage = input({
  label: "Per Page",
  type: "string",
  required: false,
  default: "200",
  comments: "Records per page, 1 to 200.",
  example: "200",
  clean: cleanInt,
});

export const pageToken = input({
  label: "Page Token",
  type: "string",
  required: false,
  comments: "info.next_page_token from the previous page, to read past record 2,000. Leave empty otherwise.",
  example: "c8582e7f1ba7bd0b93fdeb4fbe1e2e4e4d02d15c6d2e4d35ba9d97bf6a1b1c9f",
  clean: cleanText,
});

export const sortOrder = input({
  label: "Sort Order",
  type: "string",
  required: false,
  default: "",
  model: [
    { label: "Default", value: "" },
    { label: "Ascending", value: "asc" },
    { label: "Descending", value: "desc" },
  ],
  comments: "Sort direction.",
  example: "desc",
  clean: cleanText,
});

export const sortBy = input({
  label: "Sort By",
  type: "string",
  required: false,
  default: "",
  model: [
    { label: "Default", value: "" },
    { label: "ID", value: "id" },
    { label: "Created Time", value: "Created_Time" },
    { label: "Modified Time", value: "Modified_Time" },
  ],
  comments: "Field to sort by (Zoho sorts by id, Created_Time or Modified_Time).",
  example: "Modified_Time",
  clean: cleanText,
});

export const fetchAll = input({
  label: "Fetch All",
  type: "boolean",
  default: "false",
  comments: "Read every page (up to Zoho's 100,000-record limit; use Bulk Read Records beyond that). Page and Page Token are ignored.",
  clean: cleanBool,
});

export const dynamicValues = input({
  label: "Dynamic Values",
  type: "code",
  language: "json",
  required: false,
  comments: "A JSON object of field API names and values, typically from a config variable or an earlier step. Field Values win on clashes.",
  example: JSON.stringify({ Last_Name: "Smith", Company: "Acme" }),
  clean: cleanPass,
});

export const fieldValues = input({
  label: "Field Values",
  type: "string",
  collection: "keyvaluelist",
  required: false,
  comments: "Field API names and values. A value that is JSON (an object or list) is sent as JSON, e.g. a lookup {\"id\": \"...\"}.",
  example: "Last_Name=Smith",
  clean: cleanPass,
});

export const trigger = input({
  label: "Trigger",
  type: "string",
  collection: "valuelist",
  required: false,
  model: [
    { label: "Workflow rules", value: "workflow" },
    { label: "Approval processes", value: "approval" },
    { label: "Blueprint", value: "blueprint" },
  ],
  comments: "Automation Zoho should run for these writes. Leave empty to run none.",
  example: "workflow",
  clean: cleanPass,
});

export const query = input({
  label: "Query",
  type: "text",
  required: true,
  comments: "A COQL select query. A where clause is required, e.g. select Last_Name, Email from Leads where Lead_Status = 'New'.",
  example: "select Last_Name, Email from Leads where Created_Time > '2026-01-01T00:00:00+00:00' order by Created_Time",
  clean: cleanText,
});

// Notifications ------------------------------------------------------------------------------------

export const channelId = input({
  label: "Channel ID",
  type: "string",
  required: true,
  dataSource: "selectNotificationChannel",
  comments: "The numeric id of the Zoho watch channel.",
  example: "1000000068001",
  clean: cleanText,
});

export const events = input({
  label: "Events",
  type: "string",
  collection: "valuelist",
  required: true,
  comments: "Events to watch, as Module.operation with operation create, edit, delete or all.",
  example: "Leads.create",
  clean: cleanPass,
});

export const notifyUrl = input({
  label: "Notify URL",
  type: "string",
  required: true,
  comments: "The URL Zoho posts notifications to, e.g. a flow's webhook URL.",
  example: "https://hooks.prismatic.io/trigger/SW5zdGFuY2VGbG93Q29uZmlnOjEyMw==",
  clean: cleanText,
});

export const token = input({
  label: "Verification Token",
  type: "password",
  required: false,
  comments: "Up to 50 characters Zoho echoes back in every notification so the receiver can tell real calls from forged ones.",
  example: "b1f0c3d2e4",
  clean: cleanText,
});

export const channelExpiry = input({
  label: "Channel Expiry",
  type: "string",
  required: false,
  comments: "When Zoho should stop the channel (ISO 8601, at most one week ahead). Empty = one week from now.",
  example: "2026-11-29T10:00:00+00:00",
  clean: cleanText,
});

export const returnAffectedFieldValues = input({
  label: "Return Affected Field Values",
  type: "boolean",
  default: "true",
  comments: "Include the changed fields (and their values) in each notification.",
  clean: cleanBool,
});

export const notifyOnRelatedAction = input({
  label: "Notify On Related Action",
  type: "boolean",
  default: "false",
  comments: "Also notify when a related record (e.g. a note or attachment) of a watched record changes.",
  clean: cleanBool,
});

export const notificationCondition = input({
  label: "Notification Condition",
  type: "code",
  language: "json",
  required: false,
  comments: "Optional JSON list of Zoho notification conditions, e.g. notify only when certain fields change.",
  example: JSON.stringify([{ type: "field_selection", module: { api_name: "Leads" }, field_selection: { group_operator: "or", group: [{ field: { api_name: "Lead_Status" } }] } }]),
  clean: cleanPass,
});

// Books -------------------------------------------------------------------------------------------

export const organizationId = input({
  label: "Organization ID",
  type: "string",
  required: false,
  dataSource: "selectBooksOrganization",
  comments: "The Zoho Books organization. Leave empty to use the only organization, or the one marked default.",
  example: "10234695",
  clean: cleanText,
});

export { cleanText, cleanBool, cleanInt, cleanPass };

/** The paging inputs every CRM list action offers, in the order builders see them. */
export const pagingInputs = { page, per_page: perPage, page_token: pageToken, fetchAll };
