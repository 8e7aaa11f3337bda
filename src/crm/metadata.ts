/** CRM metadata reads shared by data sources and metadata actions. */
import type { ZohoClient } from "../http/client";
import { collect, crmPages } from "../http/pagination";

export interface ModuleMeta {
  api_name: string;
  plural_label?: string;
  singular_label?: string;
  module_name?: string;
  api_supported?: boolean;
  generated_type?: string;
  [key: string]: unknown;
}

/** Modules the API can use, custom modules included. */
export const listModules = async (client: ZohoClient): Promise<ModuleMeta[]> => {
  const response = await client.request<{ modules?: ModuleMeta[] }>({ api: "crm", path: "/settings/modules" });
  return (response.data?.modules ?? []).filter((m) => m.api_supported !== false);
};

export interface FieldMeta {
  api_name: string;
  field_label?: string;
  display_label?: string;
  data_type?: string;
  system_mandatory?: boolean;
  read_only?: boolean;
  field_read_only?: boolean;
  /** Longest value Zoho stores: characters for text, digits for numbers. */
  length?: number;
  /** Whether the API can set the field on create and on update; absent means it can. */
  operation_type?: { api_create?: boolean; api_update?: boolean; [key: string]: unknown };
  lookup?: { module?: { api_name?: string } } | null;
  pick_list_values?: Array<{ display_value: string; actual_value: string }>;
  [key: string]: unknown;
}

export const listFields = async (client: ZohoClient, module: string): Promise<FieldMeta[]> => {
  const response = await client.request<{ fields?: FieldMeta[] }>({ api: "crm", path: "/settings/fields", params: { module } });
  return response.data?.fields ?? [];
};

/** Field types the records API and COQL cannot return as plain columns. */
const NOT_A_COLUMN = new Set([
  "subform",
  "multiselectlookup",
  "multiuserlookup",
  "fileupload",
  "imageupload",
  "profileimage",
  "multi_module_lookup",
  "consent_lookup",
]);
/** Zoho returns at most 50 fields per records or COQL call. */
export const MAX_FIELDS = 50;

/**
 * What "leave Fields empty" means: the module's own readable fields (id and times first), up to
 * Zoho's 50 per call, so a step without a field list still gets whole records rather than ids.
 */
export const defaultFieldNames = async (client: ZohoClient, module: string): Promise<string[]> => {
  const names = (await listFields(client, module)).filter((f) => !NOT_A_COLUMN.has(String(f.data_type ?? ""))).map((f) => f.api_name);
  return [...new Set(["id", "Created_Time", "Modified_Time", ...names])].slice(0, MAX_FIELDS);
};

export interface LayoutMeta {
  id: string;
  name: string;
  display_label?: string;
  status?: string;
  [key: string]: unknown;
}

/** A module's layouts (GET /settings/layouts); a module without any answers 204. */
export const listLayouts = async (client: ZohoClient, module: string): Promise<LayoutMeta[]> => {
  const response = await client.request<{ layouts?: LayoutMeta[] }>({ api: "crm", path: "/settings/layouts", params: { module } });
  return response.status === 204 ? [] : (response.data?.layouts ?? []);
};

export interface UserMeta {
  id: string;
  full_name?: string;
  email?: string;
  status?: string;
  [key: string]: unknown;
}

/** Every active user of the org, all pages (Zoho answers at most 200 a page). */
export const listActiveUsers = async (client: ZohoClient): Promise<UserMeta[]> =>
  (await collect(crmPages<UserMeta>(client, "/users", { type: "ActiveUsers" }, { listKey: "users" }))).records;

/** Modules whose records Zoho can watch (notifications). */
const WATCHABLE = new Set([
  "Leads",
  "Accounts",
  "Contacts",
  "Deals",
  "Campaigns",
  "Tasks",
  "Cases",
  "Events",
  "Calls",
  "Solutions",
  "Products",
  "Vendors",
  "Price_Books",
  "Quotes",
  "Sales_Orders",
  "Purchase_Orders",
  "Invoices",
  "Appointments__s",
  "Services__s",
]);
export const supportsNotifications = (m: ModuleMeta): boolean => WATCHABLE.has(m.api_name) || m.generated_type === "custom";
