/**
 * Fields of the Books steps: the organization, the record type (from the one table in src/books/catalog.ts),
 * parents of nested types, record ids and values. The record-type field parses to its table row.
 */
import { input } from "@prismatic-io/spectral";
import { z } from "zod/v3";
import { BOOKS_RECORD_TYPES, PARENT_TYPES, booksRecordType, type BooksRecordType } from "../books/catalog";
import { cleanText, field, withInput } from "./field";
import { dynamicValues as crmDynamicValues, fieldValues as crmFieldValues } from "./crm";
import { optionalRecordId, optionalText, recordId as recordIdSchema } from "./schemas";

/** Books organization ids are numbers such as 10234695. */
export const organizationIdSchema = () =>
  z.preprocess(
    (v) => (typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() || undefined : (v ?? undefined)),
    z
      .string()
      .regex(/^\d{1,25}$/, "must be a numeric Books organization id such as 10234695 (pick it from the list)")
      .optional(),
  );

export const organizationId = field(
  input({
    label: "Organization ID",
    type: "string",
    required: false,
    dataSource: "selectBooksOrganization",
    comments: "The Zoho Books organization. Leave empty to use the only organization, or the one marked default.",
    example: "10234695",
    clean: cleanText,
  }),
  organizationIdSchema,
);

const recordTypeKey = () =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z.string({ message: "pick a Books record type" }).refine((key) => booksRecordType(key) !== undefined, {
      message: `must be a Books record type such as invoices or contacts (pick it from the list: ${BOOKS_RECORD_TYPES.map((t) => t.key).join(", ")})`,
    }),
  );

export const recordType = field(
  input({
    label: "Record Type",
    type: "string",
    required: true,
    model: BOOKS_RECORD_TYPES.map((type) => ({ label: type.label, value: type.key })),
    comments: "The kind of Books record. Contact persons and project tasks are nested: give their parent's id too.",
    example: "invoices",
    clean: cleanText,
  }),
  recordTypeKey,
);

export const recordId = field(
  input({
    label: "Record ID",
    type: "string",
    required: true,
    dataSource: "selectBooksRecord",
    comments: "The Books id of the record, e.g. an invoice_id: pick it from the list or map it from an earlier step.",
    example: "460000000026049",
    clean: cleanText,
  }),
  recordIdSchema,
);

export const parentRecordType = field(
  input({
    label: "Parent Record Type",
    type: "string",
    required: false,
    default: "",
    model: [{ label: "None", value: "" }, ...PARENT_TYPES.map((key) => ({ label: booksRecordType(key)?.label ?? key, value: key }))],
    comments: "Only for nested types: Contacts for contact persons, Projects for tasks. Leave empty to infer it from the record type.",
    example: "contacts",
    clean: cleanText,
  }),
  optionalText,
);

export const parentRecordId = field(
  input({
    label: "Parent Record ID",
    type: "string",
    required: false,
    comments: "Only for nested types: the contact_id of a contact person's contact, or the project_id of a task's project.",
    example: "460000000026049",
    clean: cleanText,
  }),
  optionalRecordId,
);

/** The fields that say which records a step works on, in which organization. */
export const recordTarget = { organizationId, recordType, parentRecordType, parentRecordId };

/** The record-value fields, with examples in Books' field names. */
export const recordValues = {
  dynamicValues: withInput(crmDynamicValues, {
    example: JSON.stringify({ customer_id: "460000000026049", line_items: [{ item_id: "460000000027009", quantity: 2 }] }),
  }),
  fieldValues: withInput(crmFieldValues, { example: "reference_number=PO-1187" }),
};

type Target = { recordType: string; parentRecordType?: string; parentRecordId?: string };

const nestedTypes = () =>
  BOOKS_RECORD_TYPES.filter((type) => type.parent)
    .map((type) => type.key)
    .join(", ");

/** Nested types need their parent's id; other types must not be given one, so a mistake is not silently ignored. */
const checkParent = (input: Target, ctx: z.RefinementCtx) => {
  const parent = booksRecordType(input.recordType)?.parent;
  if (!parent) {
    if (input.parentRecordId || input.parentRecordType) {
      ctx.addIssue({
        code: "custom",
        path: [input.parentRecordId ? "parentRecordId" : "parentRecordType"],
        message: `${input.recordType} is not nested under another record: leave it empty (only ${nestedTypes()} take a parent)`,
      });
    }
    return;
  }
  if (input.parentRecordType && input.parentRecordType !== parent.type) {
    ctx.addIssue({
      code: "custom",
      path: ["parentRecordType"],
      message: `${input.recordType} belong to ${parent.type}, not ${input.parentRecordType}: pick ${parent.type} or leave it empty`,
    });
  }
  if (!input.parentRecordId) {
    ctx.addIssue({
      code: "custom",
      path: ["parentRecordId"],
      message: `${input.recordType} are nested under ${parent.type}: enter the ${parent.idField} of the parent record`,
    });
  }
};

/** A step's refine for the record target: the parent checked against the type, `type` set to the type's table row. */
export const withTarget = <T extends Target>(schema: z.ZodType<T, z.ZodTypeDef, unknown>) =>
  schema.superRefine((input, ctx) => checkParent(input, ctx)).transform((input) => ({ ...input, type: booksRecordType(input.recordType) as BooksRecordType }));

type WithValues = { dynamicValues?: Record<string, unknown>; fieldValues: Record<string, unknown> };

/** Create and update: the record's fields from Dynamic Values and Field Values, at least one field between them. */
export const withValues = <T extends Target & WithValues>(schema: z.ZodType<T, z.ZodTypeDef, unknown>) =>
  withTarget(schema)
    .transform((input) => ({ ...input, values: { ...(input.dynamicValues ?? {}), ...input.fieldValues } }))
    .superRefine((input, ctx) => {
      if (Object.keys(input.values).length === 0) {
        ctx.addIssue({ code: "custom", path: ["fieldValues"], message: "enter the record's fields here or in Dynamic Values (both are empty)" });
      }
    });

/** The record target plus `shape` as one schema (for code that parses without a step). */
export const booksInputSchema = <S extends z.ZodRawShape>(shape: S) =>
  withTarget(
    z.object({ ...Object.fromEntries(Object.entries(recordTarget).map(([k, f]) => [k, f.schema()])), ...shape }) as unknown as z.ZodType<
      Target & z.output<z.ZodObject<S>> & { organizationId?: string },
      z.ZodTypeDef,
      unknown
    >,
  );

export const booksValuesSchema = <S extends z.ZodRawShape>(shape: S) =>
  withValues(
    z.object({
      ...Object.fromEntries(Object.entries({ ...recordTarget, ...recordValues }).map(([k, f]) => [k, f.schema()])),
      ...shape,
    }) as unknown as z.ZodType<Target & WithValues & z.output<z.ZodObject<S>> & { organizationId?: string }, z.ZodTypeDef, unknown>,
  );
