/** Fields of the CRM Notifications trigger (watch channels). */
import { input } from "@prismatic-io/spectral";
import { z } from "zod/v3";
import { cleanBool, cleanPass, cleanText, field } from "./field";
import { bool, fieldList, optionalText } from "./schemas";

export const OPERATIONS = ["all", "create", "edit", "delete"] as const;

export const operations = field(
  input({
    label: "Operations",
    type: "string",
    collection: "valuelist",
    required: true,
    default: ["all"],
    model: [
      { label: "All (create, edit, delete)", value: "all" },
      { label: "Create", value: "create" },
      { label: "Edit", value: "edit" },
      { label: "Delete", value: "delete" },
    ],
    comments: "Which record operations in the module start the flow.",
    example: "create",
    clean: cleanPass,
  }),
  () =>
    z.preprocess(
      (v) => (v === undefined || v === "" ? ["all"] : Array.isArray(v) ? v : String(v).split(",")),
      z.array(z.enum(OPERATIONS, { message: "use all, create, edit or delete" })).min(1, "choose at least one operation"),
    ),
);

export const watchFields = field(
  input({
    label: "Only When These Fields Change",
    type: "string",
    required: false,
    dataSource: "selectCrmFields",
    comments: "Optional comma-separated field API names: edits notify only when one of them changes (Zoho's field-selection condition, at most 10).",
    example: "Lead_Status,Email",
    clean: cleanText,
  }),
  () => fieldList(10),
);

export const returnAffectedFieldValues = field(
  input({
    label: "Return Affected Field Values",
    type: "boolean",
    default: "true",
    comments: "Include the changed fields (and their values) in each notification.",
    clean: cleanBool,
  }),
  () => bool(true),
);

export const notifyOnRelatedAction = field(
  input({
    label: "Notify On Related Action",
    type: "boolean",
    default: "false",
    comments: "Also notify when a related record (e.g. a note or attachment) of a watched record changes.",
    clean: cleanBool,
  }),
  () => bool(false),
);

export const verificationToken = field(
  input({
    label: "Verification Token",
    type: "password",
    required: false,
    comments: "Up to 50 characters Zoho echoes back in every notification so the receiver can tell real calls from forged ones. Leave empty for a random one.",
    example: "b1f0c3d2e4",
    clean: cleanText,
  }),
  () => optionalText().refine((v) => v === undefined || v.length <= 50, "Zoho allows at most 50 characters"),
);

export const fetchRecords = field(
  input({
    label: "Fetch Changed Records",
    type: "boolean",
    default: "false",
    comments: "Fetch the created or edited records (one call per notification) and include them as records.",
    clean: cleanBool,
  }),
  () => bool(false),
);
