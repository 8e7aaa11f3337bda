/**
 * What a fresh sandbox org holds: the CRM org, three users, the module catalog, and records on
 * demand (`seedRecords`) with plausible values for every field. Seeded records are the org's
 * existing data: they are not writes, so they raise no notifications.
 */
import { zohoTime } from "./respond";
import type { CrmField, CrmModule, CrmRecord, SandboxState } from "./state";
import { catalogModules } from "./crm/metadata/moduleCatalog";
import { withFullName } from "./crm/records/recordValues";
import { minifiedUser } from "./crm/records/writes";

const USERS = [
  { first_name: "Patricia", last_name: "Boyle", email: "patriciaboyle@zylker.com", role: "CEO", profile: "Administrator" },
  { first_name: "Kris", last_name: "Marrier", email: "krismarrier@zylker.com", role: "Manager", profile: "Standard" },
  { first_name: "Carissa", last_name: "Kidman", email: "carissakidman@zylker.com", role: "Sales Representative", profile: "Standard" },
];

const FIRST_NAMES = ["Christopher", "Sage", "Leota", "Capla", "Felix", "Chau", "Mitsue", "Yvonne", "Kayleigh", "Theola", "James", "Simon"];
const LAST_NAMES = ["Maclead", "Wieser", "Dilliard", "Paprocki", "Hirpara", "Kitzman", "Tollner", "Tjepkema", "Lace", "Frey", "Venere", "Morasca"];
const COMPANIES = [
  "Chemel",
  "Feltz Printing Service",
  "Printing Dimensions",
  "Chapman",
  "Morlong Associates",
  "Commercial Press",
  "Truhlar And Truhlar",
  "King",
  "Dorl",
  "Rangoni Of Florence",
];
const CITIES = ["Chicago", "Boston", "New York", "San Jose", "Austin", "Denver", "Seattle", "Miami"];

const pick = <T>(list: T[], i: number): T => list[i % list.length];

export const seedOrg = (state: SandboxState): void => {
  const now = zohoTime(state.clock.now());
  const roles = new Map<string, string>();
  const profiles = new Map<string, string>();
  state.users.push(
    ...USERS.map((u, i) => {
      const role = { name: u.role, id: roles.get(u.role) ?? state.nextId() };
      const profile = { name: u.profile, id: profiles.get(u.profile) ?? state.nextId() };
      roles.set(u.role, role.id);
      profiles.set(u.profile, profile.id);
      return {
        id: state.nextId(),
        first_name: u.first_name,
        last_name: u.last_name,
        full_name: `${u.first_name} ${u.last_name}`,
        email: u.email,
        status: "active",
        confirm: true,
        role,
        profile,
        language: "en_US",
        locale: "en_US",
        country_locale: "en_US",
        time_format: "hh:mm a",
        date_format: "MMM d, yyyy",
        country: "US",
        zuid: String(60000000 + i),
        category: "regular_user",
        Isonline: false,
        created_time: now,
        Modified_Time: now,
      };
    }),
  );
  const admin = minifiedUser(state.users[0]);
  state.users.forEach((u) => Object.assign(u, { created_by: admin, Modified_By: { ...admin, first_name: "Patricia", last_name: "Boyle" } }));
  Object.assign(state.org, {
    id: state.nextId(),
    company_name: "Zylker",
    domain_name: "org60000000",
    primary_email: admin.email,
    primary_zuid: String(60000000),
    zgid: "60000001",
    ezgid: "e60000001",
    zia_zgid: 60000001,
    currency: "US Dollar",
    currency_symbol: "$",
    currency_locale: "en_US",
    iso_code: "USD",
    country: "United States",
    country_code: "US",
    time_zone: "America/Los_Angeles",
    phone: "+1 555 0100",
    mobile: null,
    fax: null,
    street: "4900 Hopyard Rd",
    city: "Pleasanton",
    state: "CA",
    zip: "94588",
    alias: null,
    description: null,
    photo_id: null,
    zia_portal_id: null,
    website: "https://www.zylker.com",
    employee_count: "50",
    mc_status: false,
    gapps_enabled: false,
    translation_enabled: false,
    privacy_settings: false,
    hipaa_compliance_enabled: false,
    lite_users_enabled: false,
    deletable_org_account: false,
    oauth_presence: true,
    max_per_page: 200,
    call_icon: "default",
    type: "Production",
    created_time: now,
    license_details: {
      paid_expiry: zohoTime(state.clock.now() + 365 * 24 * 3600 * 1000),
      users_license_purchased: 10,
      trial_type: null,
      trial_expiry: null,
      paid: true,
      paid_type: "enterprise",
      trial_action: "",
    },
    hierarchy_preferences: { type: "Role_Hierarchy", strictly_reporting: false },
    checkin_preferences: { restricted_event_types: null },
  });
  for (const module of catalogModules(state.nextId)) {
    state.crm.modules.set(module.api_name, module);
    state.crm.records.set(module.api_name, new Map());
  }
};

/** A plausible value for `field` on the i-th seeded record; undefined leaves the field empty. */
const sampleValue = (state: SandboxState, field: CrmField, i: number, at: number): unknown => {
  const first = pick(FIRST_NAMES, i);
  const last = pick(LAST_NAMES, i * 7 + 3);
  switch (field.data_type) {
    case "email":
      return `${first}.${last}.${i + 1}@example.com`.toLowerCase();
    case "phone":
      return `+1 555 ${String(1000000 + i).slice(-7)}`;
    case "website":
      return `https://www.${pick(COMPANIES, i).toLowerCase().replace(/\W+/g, "")}.example`;
    case "picklist":
      return field.pick_list_values?.length ? pick(field.pick_list_values, i).actual_value : undefined;
    case "integer":
      return (i * 37) % 1000;
    case "double":
    case "currency":
      return Math.round(((i * 7919) % 100000) * 100) / 100 + 0.5;
    case "boolean":
      return i % 2 === 0;
    case "date":
      return new Date(at + (i % 90) * 24 * 3600 * 1000).toISOString().slice(0, 10);
    case "datetime":
      return zohoTime(at + (i % 90) * 3600 * 1000);
    case "textarea":
      return `Seeded ${field.field_label.toLowerCase()} ${i + 1}`;
    case "text":
      return textValue(field.api_name, first, last, i);
    case "ownerlookup":
      return field.api_name === "Owner" ? minifiedUser(pick(state.users, i)) : undefined;
    default:
      return undefined; // lookups point at nothing until a test links them
  }
};

const textValue = (apiName: string, first: string, last: string, i: number): string => {
  if (apiName === "First_Name") return first;
  if (apiName === "Last_Name") return last;
  if (apiName === "Company" || apiName === "Account_Name") return `${pick(COMPANIES, i)} ${i + 1}`;
  if (apiName.endsWith("City")) return pick(CITIES, i);
  return `${apiName.replace(/_/g, " ")} ${i + 1}`;
};

export interface SeedCrmOptions {
  module: string;
  count: number;
  /** Field values for the i-th record, over the generated ones. */
  fields?: (i: number) => Record<string, unknown>;
  /** Created and modified time of the records (epoch ms); default now. */
  modifiedAt?: number;
}

export const seedRecords = (state: SandboxState, { module, count, fields, modifiedAt }: SeedCrmOptions): CrmRecord[] => {
  const meta: CrmModule | undefined = state.crm.modules.get(module);
  if (!meta) throw new Error(`seedCrm: unknown module ${module}`);
  const records = state.crm.records.get(module) ?? new Map<string, CrmRecord>();
  state.crm.records.set(module, records);
  const at = modifiedAt ?? state.clock.now();
  const creator = minifiedUser(state.users[0]);
  return Array.from({ length: count }, (_, i) => {
    const generated = Object.fromEntries(meta.fields.filter((f) => !f.read_only).map((f) => [f.api_name, sampleValue(state, f, i, at)]));
    const record: CrmRecord = withFullName(meta, {
      ...Object.fromEntries(Object.entries(generated).filter(([, v]) => v !== undefined)),
      ...fields?.(i),
      id: state.nextId(),
      Created_Time: zohoTime(at),
      Modified_Time: zohoTime(at),
      Created_By: creator,
      Modified_By: creator,
    });
    records.set(record.id, record);
    return record;
  });
};
