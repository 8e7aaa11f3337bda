/**
 * Files on Books documents, in Books' words: invoices, estimates, sales orders, purchase orders and
 * bills hold attachments at /{type}/{id}/attachment (form field `attachment`), expenses a receipt at
 * /expenses/{id}/receipt (form field `receipt`). Books reads and deletes the last file attached.
 * Extensions are Zoho's OpenAPI files'; 5 MB a file is Zoho Invoice's help (the same documents).
 */
import { input } from "@prismatic-io/spectral";
import { z } from "zod/v3";
import { booksRecordType } from "./catalog";
import { cleanPass, cleanText, field } from "../fields/field";
import { fileContent } from "../http/files";

export const MAX_BOOKS_FILE_BYTES = 5 * 1024 * 1024;

const DOCUMENT_EXTENSIONS = ["gif", "png", "jpeg", "jpg", "bmp", "pdf"] as const;

export const ATTACHMENT_HOLDERS = [
  { key: "invoices", segment: "attachment", extensions: DOCUMENT_EXTENSIONS },
  { key: "estimates", segment: "attachment", extensions: DOCUMENT_EXTENSIONS },
  { key: "salesorders", segment: "attachment", extensions: DOCUMENT_EXTENSIONS },
  { key: "purchaseorders", segment: "attachment", extensions: DOCUMENT_EXTENSIONS },
  { key: "bills", segment: "attachment", extensions: DOCUMENT_EXTENSIONS },
  { key: "expenses", segment: "receipt", extensions: [...DOCUMENT_EXTENSIONS, "xls", "xlsx", "doc", "docx"] },
] as const;

export type AttachmentHolder = (typeof ATTACHMENT_HOLDERS)[number];
type HolderKey = AttachmentHolder["key"];

const KEYS = ATTACHMENT_HOLDERS.map((holder) => holder.key) as [HolderKey, ...HolderKey[]];

/** The path of a record's file, e.g. /invoices/123/attachment or /expenses/123/receipt. */
export const attachmentPath = (holder: AttachmentHolder, recordId: string): string => `/${holder.key}/${recordId}/${holder.segment}`;

export const attachmentRecordType = field(
  input({
    label: "Record Type",
    type: "string",
    required: true,
    model: ATTACHMENT_HOLDERS.map((holder) => ({
      label: holder.key === "expenses" ? "Expenses (receipt)" : (booksRecordType(holder.key)?.label ?? holder.key),
      value: holder.key,
    })),
    comments: "The kind of Books document: invoices, estimates, sales orders, purchase orders and bills hold attachments; an expense holds its receipt.",
    example: "invoices",
    clean: cleanText,
  }),
  () =>
    z
      .preprocess((v) => (typeof v === "string" ? v.trim() : v), z.enum(KEYS, { message: `must be one of ${KEYS.join(", ")} (pick it from the list)` }))
      .transform((key) => ATTACHMENT_HOLDERS.find((holder) => holder.key === key)!),
);

export const attachmentFile = field(
  input({
    label: "File",
    type: "data",
    required: true,
    comments: "The file to attach, usually the binary output of an earlier step (at most 5 MB).",
    clean: cleanPass,
  }),
  // The size is checked here, not by fileContent: its message offers attaching by URL, which Books does not take.
  // A transform, not a refine: zod skips refinements of an optional schema when the value is absent.
  () =>
    fileContent(Number.MAX_SAFE_INTEGER).transform((file, ctx) => {
      if (!file) {
        ctx.addIssue({ code: "custom", message: "is empty: map a file from an earlier step" });
        return z.NEVER;
      }
      if (file.data.length > MAX_BOOKS_FILE_BYTES) {
        ctx.addIssue({
          code: "custom",
          message: `is ${(file.data.length / 1024 / 1024).toFixed(1)} MB, over the 5 MB Books takes for a file: send a smaller file`,
        });
        return z.NEVER;
      }
      return file;
    }),
);

export const attachmentFileName = field(
  input({
    label: "File Name",
    type: "string",
    required: true,
    comments: "The name Books shows for the file, with its extension: gif, png, jpeg, jpg, bmp or pdf (an expense receipt may also be xls, xlsx, doc or docx).",
    example: "signed-order.pdf",
    clean: cleanText,
  }),
  () =>
    z.preprocess(
      (v) => (typeof v === "string" ? v.trim() : v),
      z
        .string({ message: "enter the file's name with its extension, e.g. signed-order.pdf" })
        .min(1, "enter the file's name with its extension, e.g. signed-order.pdf"),
    ),
);

/** The extension must be one Books takes for that document, checked before the upload. */
export const checkExtension = (holder: AttachmentHolder, fileName: string, ctx: z.RefinementCtx): void => {
  const extension = fileName.includes(".") ? fileName.split(".").pop()!.toLowerCase() : "";
  if (!(holder.extensions as readonly string[]).includes(extension)) {
    ctx.addIssue({
      code: "custom",
      path: ["fileName"],
      message: `must end in one of ${holder.extensions.join(", ")}: Books takes only these for ${holder.key}`,
    });
  }
};
