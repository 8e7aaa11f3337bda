/**
 * CRM metadata as Zoho's settings APIs answer it (modules.json, fields.json, layouts.json), built
 * from the sandbox's small module model. Zoho's files mark nearly every property required and most
 * nested objects non-nullable, so the constant blocks below hold what an ordinary field, module or
 * layout carries; the values that matter (names, types, mandatory, picklists, lookups) are computed.
 */
import type { CrmField, CrmModule, SandboxState } from "../../state";
import { minifiedUser } from "../records/writes";

const NO_MODULE = { api_name: null, id: null };

/** Properties every field carries whatever its type (fields.json `fields`). */
const FIELD_CONSTANTS = {
  webhook: true,
  virtual_field: false,
  visible: true,
  available_in_user_layout: true,
  businesscard_supported: false,
  pick_list_values_sorted_lexically: false,
  separator: false,
  enable_colour_code: false,
  colour_code_enabled_by_system: false,
  created_source: "default",
  type: "used",
  display_type: -1,
  category: 0,
  show_type: 0,
  blueprint_supported: false,
  multi_module_lookup: null,
  sharing_properties: {},
  file_upolad_optionlist: [],
  subform: null,
  formula: null,
  multiselectlookup: null,
  multiuserlookup: {
    display_label: null,
    linking_module: NO_MODULE,
    connected_module: NO_MODULE,
    lookup_apiname: null,
    api_name: null,
    connectedfield_apiname: null,
    connectedlookup_apiname: null,
    id: null,
    record_access: null,
  },
  allowed_modules: [],
  hipaa_compliance_enabled: false,
  hipaa_compliance: { restricted_in_export: false, restricted: false },
  associated_module: NO_MODULE,
  customizable_properties: [],
  email_parser: { fields_update_supported: false, record_operations_supported: false },
  rollup_summary: null,
  refer_from_field: { id: null, api_name: null },
  created_time: null,
  modified_time: null,
  sub_module: NO_MODULE,
  external: { show: false, type: null },
  convert_mapping: {},
  autonumber: { starting_number_length: 0, prefix: null, suffix: null, start_number: null },
  auto_number: null,
  crypt: { mode: null, status: null },
  tooltip: { name: "", value: "" },
  history_tracking: { module: {}, duration_configured_field: NO_MODULE },
  association_details: { related_field: NO_MODULE, lookup_field: NO_MODULE },
  additional_column: null,
  "common.picklist": null,
  _update_existing_records: false,
  static_field: false,
};

/** How Zoho types each data type in JSON, how long its values may be, and its UI type. */
const TYPE_FACTS: Record<string, { json: string; length: number; ui: number; decimals?: number }> = {
  text: { json: "string", length: 255, ui: 1 },
  textarea: { json: "string", length: 32000, ui: 3 },
  email: { json: "string", length: 100, ui: 25 },
  phone: { json: "string", length: 30, ui: 33 },
  website: { json: "string", length: 255, ui: 21 },
  picklist: { json: "string", length: 120, ui: 2 },
  multiselectpicklist: { json: "jsonarray", length: 2000, ui: 100 },
  integer: { json: "integer", length: 9, ui: 32 },
  double: { json: "double", length: 16, ui: 38, decimals: 2 },
  currency: { json: "double", length: 16, ui: 36, decimals: 2 },
  date: { json: "string", length: 20, ui: 24 },
  datetime: { json: "string", length: 120, ui: 333 },
  boolean: { json: "boolean", length: 5, ui: 301 },
  lookup: { json: "jsonobject", length: 120, ui: 4 },
  ownerlookup: { json: "jsonobject", length: 120, ui: 8 },
  subform: { json: "jsonarray", length: 1000, ui: 1000 },
  fileupload: { json: "jsonarray", length: 20, ui: 555 },
  imageupload: { json: "jsonarray", length: 20, ui: 555 },
};

const factsOf = (field: CrmField) => TYPE_FACTS[field.data_type] ?? TYPE_FACTS.text;

/** The longest value Zoho stores in the field (characters, or digits for numbers). */
export const fieldLength = (field: CrmField): number => factsOf(field).length;

const profilesOf = (state: SandboxState) => {
  const byId = new Map<string, { id: string; name: string }>();
  state.users.forEach((u) => {
    const profile = u.profile as { id: string; name: string } | undefined;
    if (profile) byId.set(profile.id, profile);
  });
  return [...byId.values()];
};

const isNumeric = (field: CrmField) => ["integer", "double", "currency"].includes(field.data_type);

/** The field that names a record (in lookups, say): a person's full name, else the first mandatory field. */
export const displayFieldOf = (module: CrmModule): CrmField | undefined =>
  module.fields.find((f) => f.api_name === "Full_Name") ?? module.fields.find((f) => f.system_mandatory) ?? module.fields[0];

export const fieldBody = (state: SandboxState, module: CrmModule, field: CrmField, index: number) => {
  const facts = factsOf(field);
  const editable = !field.read_only;
  const lookupModule = field.lookup && state.crm.modules.get(field.lookup.module.api_name);
  const layout = module.layouts?.[0];
  return {
    ...FIELD_CONSTANTS,
    id: field.id ?? "",
    api_name: field.api_name,
    field_label: field.field_label,
    display_label: field.field_label,
    column_name: field.api_name.toUpperCase(),
    data_type: field.data_type,
    json_type: facts.json,
    length: facts.length,
    decimal_place: facts.decimals ?? null,
    ui_type: facts.ui,
    sequence_number: index + 1,
    quick_sequence_number: String(index + 1),
    system_mandatory: field.system_mandatory ?? false,
    read_only: field.read_only ?? false,
    field_read_only: field.read_only ?? false,
    custom_field: module.generated_type === "custom" && !["Owner", "Created_By", "Modified_By", "Created_Time", "Modified_Time"].includes(field.api_name),
    display_field: displayFieldOf(module) === field,
    sortable: editable,
    filterable: true,
    searchable: field.data_type !== "boolean",
    mass_update: editable,
    number_separator: isNumeric(field),
    currency: field.data_type === "currency" ? { rounding_option: "normal", precision: 2 } : null,
    textarea: field.data_type === "textarea" ? { type: "large" } : {},
    unique: field.unique ? { casesensitive: "false" } : null,
    lookup: lookupModule
      ? {
          display_label: lookupModule.singular_label,
          api_name: field.api_name,
          module: { api_name: lookupModule.api_name, id: lookupModule.id },
          id: field.id ?? "",
        }
      : null,
    pick_list_values: (field.pick_list_values ?? []).map((value, i) => ({
      display_value: value.display_value,
      actual_value: value.actual_value,
      id: `${field.id}${String(i + 1).padStart(2, "0")}`,
      sequence_number: i + 1,
      type: "used",
      colour_code: null,
    })),
    operation_type: { web_update: editable, api_create: editable, web_create: editable, api_update: editable },
    view_type: { view: true, edit: editable, quick_create: field.system_mandatory ?? false, create: editable },
    layout_associations: layout ? [{ api_name: layout.name, name: layout.name, id: layout.id }] : [],
    profiles: profilesOf(state).map((p) => ({ ...p, permission_type: editable ? "read_write" : "read_only" })),
  };
};

/** A field as a layout section lists it (layouts.json `fields`): the field plus its place and layout rules. */
const layoutFieldBody = (state: SandboxState, module: CrmModule, field: CrmField, index: number) => ({
  ...fieldBody(state, module, field, index),
  required: field.system_mandatory ?? false,
  validation_rule: null,
  default_value: null,
  section_id: 1,
  static_values: [],
  _delete: { permanent: false },
});

export const layoutBody = (state: SandboxState, module: CrmModule, layout: { id: string; name: string }) => {
  const admin = minifiedUser(state.users[0]);
  const layoutOf = (apiName: string) => {
    const target = module.api_name === "Leads" ? state.crm.modules.get(apiName)?.layouts?.[0] : undefined;
    return target ? { name: target.name, id: target.id } : { name: null, id: null };
  };
  return {
    id: layout.id,
    name: layout.name,
    api_name: layout.name,
    display_label: layout.name,
    display_type: 0,
    visible: true,
    status: "active",
    source: "crm",
    mode: null,
    generated_type: "default",
    has_more_profiles: false,
    show_business_card: false,
    created_time: null,
    modified_time: null,
    created_by: admin,
    modified_by: admin,
    created_for: admin,
    subform_properties: { pinned_column: null },
    // Lead conversion carries a lead into these modules' layouts; other modules convert nowhere.
    convert_mapping: {
      Contacts: layoutOf("Contacts"),
      Accounts: layoutOf("Accounts"),
      Deals: { ...layoutOf("Deals"), fields: [] },
      Invoices: { name: null, id: null },
      SalesOrders: { name: null, id: null },
    },
    profiles: profilesOf(state).map((p) => ({ ...p, default: true, _default_view: { name: null, id: null, type: null } })),
    actions_allowed: { edit: true, rename: true, clone: true, downgrade: false, delete: false, deactivate: false, set_layout_permissions: true },
    sections: [
      {
        id: layout.id,
        name: `${module.singular_label} Information`,
        display_label: `${module.singular_label} Information`,
        api_name: `${module.singular_label.replace(/\W+/g, "_")}_Information`,
        sequence_number: 1,
        isSubformSection: false,
        tab_traversal: "left_to_right",
        column_count: 2,
        generated_type: "default",
        type: "used",
        properties: { reorder_rows: null, maximum_rows: null, tooltip: {} },
        _delete: { permanent: false },
        fields: module.fields.map((field, i) => layoutFieldBody(state, module, field, i)),
      },
    ],
  };
};

/** Properties every module carries (modules.json `modules`) that the sandbox does not vary. */
const MODULE_CONSTANTS = {
  has_more_profiles: false,
  "common.search_supported": true,
  recycle_bin_on_delete: true,
  inventory_template_supported: false,
  presence_sub_menu: false,
  triggers_supported: true,
  chart_view: false,
  isBlueprintSupported: true,
  visibility: 1,
  visible: true,
  emailTemplate_support: true,
  email_parser_supported: false,
  filter_supported: true,
  show_as_tab: true,
  web_link: null,
  quick_create: true,
  feeds_required: false,
  scoring_supported: true,
  webform_supported: true,
  arguments: [],
  chart_view_supported: true,
  business_card_field_limit: 5,
  track_current_data: false,
  parent_module: {},
  activity_badge: "Disabled",
  $field_states: [],
  business_card_fields: [],
  per_page: 10,
  $properties: [],
  $on_demand_properties: [],
  search_layout_fields: [],
  kanban_view_supported: true,
  kanban_view: false,
  related_lists: [],
  filter_status: true,
  display_field: null,
  zia_view: false,
  fields: [],
  status: "visible",
};

/** The module's "All" view, which Zoho reports as its custom_view. */
const allRecordsView = (state: SandboxState, module: CrmModule, index: number) => {
  const admin = minifiedUser(state.users[0]);
  return {
    id: `${module.id}0`,
    name: `All ${module.plural_label}`,
    display_value: `All ${module.plural_label}`,
    system_name: `ALLVIEWS${index}`,
    category: "public_views",
    created_time: null,
    modified_time: null,
    last_accessed_time: null,
    created_by: { name: admin.name, id: admin.id },
    modified_by: { name: admin.name, id: admin.id },
    module: { name: module.api_name, id: module.id },
    criteria: { comparator: null, field: NO_MODULE, value: null, group_operator: null, group: [] },
    default: true,
    system_defined: true,
    locked: false,
    favorite: null,
    offline: false,
    access_type: "public",
    shared_to: [],
    fields: [],
    sort_by: { id: "", api_name: "Created_Time" },
    sort_order: "desc",
  };
};

export const moduleBody = (state: SandboxState, module: CrmModule, index: number) => {
  const display = displayFieldOf(module);
  const admin = minifiedUser(state.users[0]);
  return {
    ...MODULE_CONSTANTS,
    id: module.id,
    api_name: module.api_name,
    module_name: module.module_name,
    singular_label: module.singular_label,
    plural_label: module.plural_label,
    description: null,
    generated_type: module.generated_type,
    api_supported: module.api_supported,
    creatable: module.creatable,
    editable: module.editable,
    deletable: module.deletable,
    viewable: module.viewable,
    convertable: module.api_name === "Leads",
    sequence_number: index + 1,
    modified_time: null,
    modified_by: admin,
    profile_count: profilesOf(state).length,
    profiles: profilesOf(state),
    lookup_field_properties: { fields: display ? [{ sequence_number: 1, api_name: display.api_name, id: display.id ?? null }] : [] },
    related_list_properties: { sort_by: NO_MODULE, fields: [], sort_order: null },
    layouts: (module.layouts ?? []).map((l) => ({ id: l.id, name: l.name })),
    custom_view: allRecordsView(state, module, index),
    default_mapping_fields: [],
    layout_associations: (module.layouts ?? []).map((l) => ({ api_name: l.name, name: l.name, id: l.id })),
  };
};
