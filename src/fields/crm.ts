/** Fields of the CRM steps, each defined once: what builders see and how its value is parsed. */
import { input } from "@prismatic-io/spectral";
import { z } from "zod/v3";
import { CRM_PAGE_MAX } from "../http/pagination";
import { cleanBool, cleanInt, cleanPass, cleanText, field, withInput } from "./field";
import {
  bool,
  fieldList,
  intInRange,
  jsonObject,
  keyValueList,
  moduleName,
  optionalChoice,
  optionalText,
  recordId as recordIdSchema,
  requiredText,
} from "./schemas";

export const recordType = field(
  input({
    label: "Module",
    type: "string",
    required: true,
    dataSource: "selectCrmModule",
    comments: "The API name of the CRM module, custom modules included. Pick it from the list; API names are case-sensitive.",
    example: "Leads",
    placeholder: "Leads",
    clean: cleanText,
  }),
  moduleName,
);

export const recordId = field(
  input({
    label: "Record ID",
    type: "string",
    required: true,
    dataSource: "selectCrmRecord",
    comments: "The Zoho id of the record: pick it from the list or map it from an earlier step.",
    example: "5725767000000524157",
    clean: cleanText,
  }),
  recordIdSchema,
);

/** A field list of at most `max` names (Zoho allows 50; some calls reserve a few). */
export const fieldNames = (max = 50) =>
  field(
    input({
      label: "Fields",
      type: "string",
      required: false,
      dataSource: "selectCrmFields",
      comments: "Comma-separated field API names to return (at most 50). Leave empty for the module's fields (the first 50 Zoho lists).",
      example: "Last_Name,Email,Company",
      clean: cleanText,
    }),
    () => fieldList(max),
  );

export const fields = fieldNames();

export const page = field(
  input({
    label: "Page",
    type: "string",
    required: false,
    default: "1",
    comments: "Page number, starting at 1. Page × Per Page cannot pass 2,000; beyond that use Page Token or Fetch All.",
    example: "1",
    clean: cleanInt,
  }),
  () => intInRange(1, 2_000, 1),
);

export const perPage = field(
  input({
    label: "Per Page",
    type: "string",
    required: false,
    default: "200",
    comments: "Records per page, 1 to 200.",
    example: "200",
    clean: cleanInt,
  }),
  () => intInRange(1, CRM_PAGE_MAX, CRM_PAGE_MAX),
);

export const pageToken = field(
  input({
    label: "Page Token",
    type: "string",
    required: false,
    comments: "info.next_page_token from the previous page, to read past record 2,000. Leave empty otherwise.",
    example: "c8582e7f1ba7bd0b93fdeb4fbe1e2e4e4d02d15c6d2e4d35ba9d97bf6a1b1c9f",
    clean: cleanText,
  }),
  optionalText,
);

export const fetchAll = field(
  input({
    label: "Fetch All",
    type: "boolean",
    default: "false",
    comments: "Read every page (up to Zoho's 100,000-record limit; use Bulk Read Records beyond that). Page and Page Token are ignored.",
    clean: cleanBool,
  }),
  () => bool(false),
);

/** The paging fields every CRM list action offers, in the order builders see them. */
export const paging = { page, per_page: perPage, page_token: pageToken, fetchAll };

export const sortOrder = field(
  input({
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
  }),
  () => optionalChoice(["asc", "desc"]),
);

export const sortBy = field(
  input({
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
  }),
  () => optionalChoice(["id", "Created_Time", "Modified_Time"]),
);

export const dynamicValues = field(
  input({
    label: "Dynamic Values",
    type: "code",
    language: "json",
    required: false,
    comments: "A JSON object of field API names and values, typically from a config variable or an earlier step. Field Values win on clashes.",
    example: JSON.stringify({ Last_Name: "Smith", Company: "Acme" }),
    clean: cleanPass,
  }),
  jsonObject,
);

export const fieldValues = field(
  input({
    label: "Field Values",
    type: "string",
    collection: "keyvaluelist",
    required: false,
    comments: 'Field API names and values. A value that is JSON (an object or list) is sent as JSON, e.g. a lookup {"id": "..."}.',
    example: "Last_Name=Smith",
    clean: cleanPass,
  }),
  keyValueList,
);

/** Zoho's automation on writes: workflow, approval and blueprint, once each. */
export const triggerList = () =>
  z.preprocess(
    (v) => (v === undefined || v === null || v === "" ? [] : typeof v === "string" ? v.split(",").map((t) => t.trim()) : v),
    z
      .array(z.enum(["workflow", "approval", "blueprint"], { message: "each trigger is workflow, approval or blueprint" }))
      .transform((list) => [...new Set(list)]),
  );

export const trigger = field(
  input({
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
  }),
  triggerList,
);

/** Deletes run only workflow rules (Zoho's wf_trigger), so only that choice matters. */
export const deleteTrigger = withInput(trigger, { comments: "Include Workflow rules to run the module's delete workflows. Leave empty to run none." });

export const query = field(
  input({
    label: "Query",
    type: "text",
    required: true,
    comments: "A COQL select query. A where clause is required, e.g. select Last_Name, Email from Leads where Lead_Status = 'New'.",
    example: "select Last_Name, Email from Leads where Created_Time > '2026-01-01T00:00:00+00:00' order by Created_Time",
    clean: cleanText,
  }),
  () => requiredText("a COQL select query"),
);

type WithValues = { dynamicValues?: Record<string, unknown>; fieldValues: Record<string, unknown> };

/**
 * Dynamic Values and Field Values merged into `record` (the list wins on clashes); `missing` says
 * what to enter when both are empty. For a step's refine.
 */
export const withRecordValues = <T extends WithValues>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, missing: string) =>
  schema
    .transform(({ dynamicValues, fieldValues, ...rest }) => ({ ...rest, record: { ...(dynamicValues ?? {}), ...fieldValues } }))
    .refine((v) => Object.keys(v.record).length > 0, { path: ["fieldValues"], message: missing });

// Notes -------------------------------------------------------------------------------------------

export const noteTitle = field(
  input({
    label: "Note Title",
    type: "string",
    required: false,
    comments: "The note's title (Note_Title).",
    example: "Call summary",
    clean: cleanText,
  }),
  optionalText,
);

export const noteContent = field(
  input({
    label: "Note Content",
    type: "text",
    required: true,
    comments: "The note's text (Note_Content).",
    example: "Asked for a quote for 20 seats.",
    clean: cleanText,
  }),
  () => requiredText("the note's text"),
);

export const noteId = field(
  input({
    label: "Note ID",
    type: "string",
    required: true,
    comments: "The id of the note, from List Notes or Create Note.",
    example: "5725767000000612001",
    clean: cleanText,
  }),
  recordIdSchema,
);

// Attachments -------------------------------------------------------------------------------------

export const attachmentId = field(
  input({
    label: "Attachment ID",
    type: "string",
    required: true,
    comments: "The id of the attachment, from List Attachments or Add Attachment.",
    example: "5725767000000611001",
    clean: cleanText,
  }),
  recordIdSchema,
);
