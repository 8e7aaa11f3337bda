/**
 * A CRM module's fields as a JSON Forms form (schema, UI schema, data) for creating or updating a
 * record: only fields the API can write, each typed as Zoho stores it, so what the form collects
 * is a record body Zoho accepts as it is.
 */
import type { JSONForm } from "@prismatic-io/spectral";
import type { FieldMeta } from "./metadata";

type Schema = Record<string, unknown>;

/** Zoho's empty choice: leaving a picklist unset says the same. */
const NONE = "-None-";

const choices = (field: FieldMeta) =>
  (field.pick_list_values ?? [])
    .filter((value) => value.actual_value !== NONE)
    .map((value) => ({ const: value.actual_value, title: value.display_value ?? value.actual_value }));

const maxLength = (field: FieldMeta): { maxLength?: number } => (typeof field.length === "number" && field.length > 0 ? { maxLength: field.length } : {});

/** A lookup is written as {"id": "..."}: the id of the record (or user) it points to. */
const lookupSchema = (target: string): Schema => ({
  type: "object",
  properties: { id: { type: "string", title: `${target} ID`, pattern: "^\\d{1,25}$" } },
  required: ["id"],
});

/**
 * The JSON Schema of one field's value, or undefined for types a record body cannot carry
 * (formula, autonumber, subforms, multi-select lookups, files, images and others Zoho computes).
 */
const valueSchema = (field: FieldMeta): Schema | undefined => {
  switch (field.data_type) {
    case "text":
    case "textarea":
    case "phone":
    case "website":
      return { type: "string", ...maxLength(field) };
    case "email":
      return { type: "string", format: "email", ...maxLength(field) };
    case "integer":
    case "bigint":
      return { type: "integer" };
    case "double":
    case "currency":
    case "decimal":
    case "percent":
      return { type: "number" };
    case "boolean":
      return { type: "boolean" };
    case "date":
      return { type: "string", format: "date" };
    case "datetime":
      return { type: "string", format: "date-time" };
    case "picklist": {
      const options = choices(field);
      return options.length ? { type: "string", oneOf: options } : { type: "string", ...maxLength(field) };
    }
    case "multiselectpicklist": {
      const options = choices(field);
      return { type: "array", uniqueItems: true, items: options.length ? { type: "string", oneOf: options } : { type: "string" } };
    }
    case "lookup":
      return lookupSchema(field.lookup?.module?.api_name ?? "Record");
    case "ownerlookup":
    case "userlookup":
      return lookupSchema("User");
    default:
      return undefined;
  }
};

/** Read-only fields, and fields Zoho says the API cannot set in this operation, stay out of the form. */
const writable = (field: FieldMeta, operation: "create" | "update"): boolean => {
  if (field.read_only || field.field_read_only) return false;
  const allowed = field.operation_type?.[operation === "create" ? "api_create" : "api_update"];
  return allowed !== false;
};

export interface RecordFormOptions {
  operation: "create" | "update";
  /** Values to open the form with, e.g. the record's current values when updating. */
  data?: Record<string, unknown>;
}

/**
 * The form for `fields`: one control per writable field in Zoho's order, labelled as in Zoho;
 * on create the fields Zoho marks system-mandatory are required.
 */
export const recordFieldsForm = (fields: readonly FieldMeta[], { operation, data = {} }: RecordFormOptions): JSONForm => {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  const elements: Array<{ type: "Control"; scope: string; label: string }> = [];
  for (const field of fields) {
    const schema = writable(field, operation) ? valueSchema(field) : undefined;
    if (!schema) continue;
    const label = field.field_label ?? field.display_label ?? field.api_name;
    properties[field.api_name] = { ...schema, title: label };
    if (operation === "create" && field.system_mandatory) required.push(field.api_name);
    elements.push({ type: "Control", scope: `#/properties/${field.api_name}`, label });
  }
  const kept = Object.fromEntries(Object.entries(data).filter(([key]) => key in properties));
  return {
    schema: { type: "object", properties, ...(required.length ? { required } : {}), additionalProperties: false } as JSONForm["schema"],
    uiSchema: { type: "VerticalLayout", elements } as JSONForm["uiSchema"],
    data: kept,
  };
};
