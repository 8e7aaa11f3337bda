/** Fields of the CRM automation steps: email, blueprint, functions and mass update. */
import { input } from "@prismatic-io/spectral";
import { z } from "zod/v3";
import { fileOf, MAX_FIELD_FILE_BYTES, type NamedFile } from "../crm/fileFields";
import { MASS_UPDATE_MAX_IDS } from "../crm/massUpdate";
import { cleanPass, cleanText, field, once } from "./field";
import { jsonObject, optionalRecordId, optionalText, optionalTime, recordId as recordIdSchema, requiredText } from "./schemas";

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** "Name <email>" or a bare email, as builders type or map recipients. */
const recipient = once(() =>
  z.string().transform((text, ctx) => {
    const trimmed = text.trim();
    const named = /^(.*?)\s*<([^>]+)>$/.exec(trimmed);
    const email = (named ? named[2] : trimmed).trim();
    if (!EMAIL.test(email)) {
      ctx.addIssue({ code: "custom", message: `"${trimmed}" is not an email address (write name@example.com or Name <name@example.com>)` });
      return z.NEVER;
    }
    const name = named?.[1].replace(/^"|"$/g, "").trim();
    return { email, ...(name ? { user_name: name } : {}) };
  }),
);

/** A list of recipients from a value list, a comma-separated text or an array. */
const recipients = (min: number) =>
  z.preprocess(
    (v) => {
      if (v === undefined || v === null || v === "") return [];
      const list = Array.isArray(v) ? v : String(v).split(/[,;]/);
      return list.map((entry) => String(entry).trim()).filter(Boolean);
    },
    z.array(recipient()).min(min, "enter at least one email address").max(50, "at most 50 addresses per list"),
  );

const addressList = (label: string, required: boolean, comments: string) =>
  field(input({ label, type: "string", collection: "valuelist", required, comments, example: "Sage Wieser <sage@example.com>", clean: cleanPass }), () =>
    recipients(required ? 1 : 0),
  );

export const fromAddress = field(
  input({
    label: "From Address",
    type: "string",
    required: true,
    dataSource: "selectCrmFromAddress",
    comments: "The sender: one of the connection user's Zoho sender addresses (their own or the org's). Pick it from the list.",
    example: "patriciaboyle@zylker.com",
    clean: cleanText,
  }),
  () => requiredText("the sender's email address").pipe(z.string().regex(EMAIL, "must be an email address such as name@example.com")),
);

export const to = addressList("To", true, "Recipients, one per entry: name@example.com or Name <name@example.com>.");
export const cc = addressList("CC", false, "Copy recipients, one per entry.");
export const bcc = addressList("BCC", false, "Blind copy recipients, one per entry.");

export const replyTo = field(
  input({
    label: "Reply To",
    type: "string",
    required: false,
    comments: "Where replies go, if not to the sender.",
    example: "sales@zylker.com",
    clean: cleanText,
  }),
  () => z.preprocess((v) => (v === "" || v === null ? undefined : v), recipient().optional()),
);

export const emailTemplate = field(
  input({
    label: "Email Template",
    type: "string",
    required: false,
    dataSource: "selectCrmEmailTemplate",
    comments: "A template of the module to send: Zoho fills its merge fields from the record. Leave empty to send Subject and Content.",
    example: "5725767000000285001",
    clean: cleanText,
  }),
  optionalRecordId,
);

export const subject = field(
  input({
    label: "Subject",
    type: "string",
    required: false,
    comments: "The subject. Required without a template; with one, it replaces the template's subject.",
    example: "Your quote",
    clean: cleanText,
  }),
  optionalText,
);

export const content = field(
  input({
    label: "Content",
    type: "text",
    required: false,
    comments: "The body, HTML or plain text as Mail Format says. Required without a template; ignored with one.",
    example: "<p>Hello, here is the quote we discussed.</p>",
    clean: cleanPass,
  }),
  optionalText,
);

export const mailFormat = field(
  input({
    label: "Mail Format",
    type: "string",
    required: false,
    default: "html",
    model: [
      { label: "HTML", value: "html" },
      { label: "Plain text", value: "text" },
    ],
    comments: "Whether Content is HTML or plain text.",
    clean: cleanText,
  }),
  () => z.preprocess((v) => (v === undefined || v === null || v === "" ? "html" : v), z.enum(["html", "text"], { message: "must be html or text" })),
);

export const transitionId = field(
  input({
    label: "Transition",
    type: "string",
    required: true,
    dataSource: "selectCrmBlueprintTransition",
    comments: "One of the transitions the record can take now: pick it from the list (it lists the record's current transitions) or give its id or name.",
    example: "5725767000000402001",
    clean: cleanText,
  }),
  () => requiredText("the transition to perform"),
);

export const functionName = field(
  input({
    label: "Function API Name",
    type: "string",
    required: true,
    comments: "The API name of a standalone Deluge function published as a REST API with OAuth (Setup > Developer Hub > Functions).",
    example: "score_lead",
    clean: cleanText,
  }),
  () =>
    requiredText("the function's API name").pipe(
      z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, "must be a function API name such as score_lead (letters, digits and _)"),
    ),
);

export const functionArguments = field(
  input({
    label: "Arguments",
    type: "code",
    language: "json",
    required: false,
    comments: "A JSON object of the function's arguments by name. Leave empty for none.",
    example: JSON.stringify({ email: "sage@example.com", employees: 40 }),
    clean: cleanPass,
  }),
  // Empty means no arguments.
  () => jsonObject().transform((v) => v ?? {}),
);

export const massUpdateIds = field(
  input({
    label: "Record IDs",
    type: "string",
    collection: "valuelist",
    required: false,
    comments: `Ids of the records to update, up to ${MASS_UPDATE_MAX_IDS} (Zoho's limit a call). Give these or a Custom View ID.`,
    example: "5725767000000524157",
    clean: cleanPass,
  }),
  () =>
    z.preprocess((v) => {
      if (v === undefined || v === null || v === "") return undefined;
      const list = Array.isArray(v) ? v : String(v).split(",");
      return list.map((id) => String(id).trim()).filter(Boolean);
    }, z
      .array(recordIdSchema())
      .min(1)
      .max(MASS_UPDATE_MAX_IDS, `at most ${MASS_UPDATE_MAX_IDS} ids per call (Zoho's limit): use a Custom View ID for more`)
      .optional()),
);

export const customViewId = field(
  input({
    label: "Custom View ID",
    type: "string",
    required: false,
    comments: "Update every record of this custom view (up to 50,000, run by Zoho as a background job). Give this or Record IDs.",
    example: "5725767000000087501",
    clean: cleanText,
  }),
  optionalRecordId,
);

export const massUpdateField = field(
  input({
    label: "Field",
    type: "string",
    required: true,
    dataSource: "selectCrmFields",
    comments: "The API name of the one field to set on every record.",
    example: "Lead_Status",
    clean: cleanText,
  }),
  () => requiredText("the field to update").pipe(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, "must be one field API name such as Lead_Status")),
);

export const massUpdateValue = field(
  input({
    label: "Value",
    type: "string",
    required: false,
    comments: 'The value to set. Text that is JSON (a number, true/false, an object such as {"id": "..."}) is sent as JSON; empty clears the field.',
    example: "Contacted",
    clean: cleanPass,
  }),
  () =>
    z
      .unknown()
      .optional()
      .transform((v) => {
        if (v === undefined || v === "") return null;
        if (typeof v !== "string") return v;
        if (/^\s*([[{]|-?(0|[1-9]\d*)(\.\d+)?\s*$|true\s*$|false\s*$|null\s*$)/.test(v)) {
          try {
            return JSON.parse(v) as unknown;
          } catch {
            return v;
          }
        }
        return v;
      }),
);

export const waitSeconds = field(
  input({
    label: "Wait Up To (seconds)",
    type: "string",
    required: false,
    default: "600",
    comments: "How long to follow a custom view's background job before giving up (the job keeps running). 1 to 900.",
    example: "600",
    clean: cleanText,
  }),
  () =>
    z.preprocess(
      (v) => (v === undefined || v === null || v === "" ? 600 : Number(v)),
      z.number({ message: "must be a whole number" }).int("must be a whole number").min(1, "must be at least 1").max(900, "must be at most 900"),
    ),
);

export const deletedType = field(
  input({
    label: "Deleted Type",
    type: "string",
    required: false,
    default: "all",
    model: [
      { label: "All deleted records", value: "all" },
      { label: "Still in the Recycle Bin", value: "recycle" },
      { label: "Permanently deleted", value: "permanent" },
    ],
    comments: "Which deleted records: all, those still in the Recycle Bin (restorable), or those purged from it.",
    example: "recycle",
    clean: cleanText,
  }),
  () =>
    z.preprocess(
      (v) => (v === undefined || v === null || v === "" ? "all" : v),
      z.enum(["all", "recycle", "permanent"], { message: "must be all, recycle or permanent" }),
    ),
);

export const deletedSince = field(
  input({
    label: "Deleted Since",
    type: "string",
    required: false,
    comments: "Only records deleted at or after this ISO 8601 time. Leave empty for every deleted record Zoho keeps.",
    example: "2026-11-01T00:00:00+00:00",
    clean: cleanText,
  }),
  () => optionalTime(),
);

export const mailAttachments = field(
  input({
    label: "Attachments",
    type: "data",
    required: false,
    comments: "A file from an earlier step (binary data), or a list of them, to attach; each at most 20 MB. Zoho stores them in its file store first.",
    clean: cleanPass,
  }),
  () =>
    // `.optional()` first, so an absent input reaches the transform.
    z
      .unknown()
      .optional()
      .transform((value, ctx): NamedFile[] => {
        if (value === undefined || value === null || value === "") return [];
        const items = Array.isArray(value) ? value : [value];
        const files = items.map((item, i) => fileOf(item, `attachment-${i + 1}`));
        const bad = files.indexOf(undefined);
        if (bad >= 0) {
          ctx.addIssue({ code: "custom", message: `item ${bad + 1} is not a file: give binary data from an earlier step (e.g. a downloaded attachment)` });
          return z.NEVER;
        }
        const big = (files as NamedFile[]).find((f) => f.data.length > MAX_FIELD_FILE_BYTES);
        if (big) {
          ctx.addIssue({ code: "custom", message: `${big.name} is ${(big.data.length / 1024 / 1024).toFixed(1)} MB, over Zoho's 20 MB limit per file` });
          return z.NEVER;
        }
        return files as NamedFile[];
      }),
);

export const assignmentRule = field(
  input({
    label: "Assignment Rule",
    type: "string",
    required: false,
    dataSource: "selectCrmAssignmentRule",
    comments:
      "An assignment rule of the module (Zoho's lar_id) that picks the owner of each new record. Leave empty to keep the owner given, or the connection's user.",
    example: "5725767000000352001",
    clean: cleanText,
  }),
  optionalRecordId,
);
