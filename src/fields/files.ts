/** Fields of the file steps: Zoho's file store (file-upload and image-upload fields) and record photos. */
import { input } from "@prismatic-io/spectral";
import { z } from "zod/v3";
import { fileContent, type FilePayload } from "../http/files";
import { cleanPass, cleanText, field, withSchema, type Field } from "./field";
import { optionalText, requiredText } from "./schemas";

const MB = 1024 * 1024;
/** Zoho's file store refuses a file over 20 MB; a record photo over 10 MB. */
export const MAX_STORE_BYTES = 20 * MB;
export const MAX_PHOTO_BYTES = 10 * MB;

/** A required file from an earlier step, at most `maxBytes`. */
const requiredFile = (maxBytes: number) =>
  z
    .unknown()
    .refine((value) => value !== undefined && value !== null && value !== "", { message: "map a file from an earlier step (its binary output)" })
    .pipe(fileContent(maxBytes))
    .transform((file) => file!);

export const storeFile = field(
  input({
    label: "File",
    type: "data",
    required: true,
    comments: "The file to upload, usually the binary output of an earlier step (at most 20 MB).",
    clean: cleanPass,
  }),
  () => requiredFile(MAX_STORE_BYTES),
);

export const fileName = field(
  input({
    label: "File Name",
    type: "string",
    required: true,
    comments: "The name Zoho shows for the file, with its extension.",
    example: "signed-order.pdf",
    clean: cleanText,
  }),
  () => requiredText("the file's name with its extension, e.g. signed-order.pdf"),
);

export const fileId = field(
  input({
    label: "File ID",
    type: "string",
    required: true,
    comments: "Zoho's id of a stored file: the id Upload File returns, or File_Id__s of a file-upload or image-upload field's value.",
    example: "2cceafa194d037b63f2181dd818a8cb5f8a4c2f2b9b5c1d0e7a6f1c9d2e3a4b5",
    clean: cleanText,
  }),
  () => requiredText("the file's id (File_Id__s)").pipe(z.string().regex(/^[A-Za-z0-9_-]+$/, "must be Zoho's file id, letters and digits only (File_Id__s)")),
);

/** Zoho's photo formats. */
export const PHOTO_TYPES: Record<string, string> = { png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", gif: "image/gif", bmp: "image/bmp" };

export const photo = field(
  input({
    label: "Photo",
    type: "data",
    required: true,
    comments: "The image, usually the binary output of an earlier step: PNG, JPEG, GIF or BMP, at most 10 MB.",
    clean: cleanPass,
  }),
  () => requiredFile(MAX_PHOTO_BYTES),
);

export const photoName = field(
  input({
    label: "Photo Name",
    type: "string",
    required: false,
    comments:
      "The image's file name; its extension tells Zoho the format when the file carries no image type. Leave empty for photo.png, photo.jpg, ... from the image's type.",
    example: "portrait.jpg",
    clean: cleanText,
  }),
  optionalText,
);

/** Standard modules that have no record photo (Zoho: Leads, Contacts, Accounts, Products, Deals, Vendors and custom modules do). */
const NO_PHOTO_MODULES = new Set([
  "Tasks",
  "Events",
  "Calls",
  "Campaigns",
  "Cases",
  "Solutions",
  "Price_Books",
  "Quotes",
  "Sales_Orders",
  "Purchase_Orders",
  "Invoices",
  "Notes",
  "Appointments__s",
  "Services__s",
]);

/** The Module field, refusing the standard modules Zoho keeps no photo for. */
export const photoModule = (recordType: Field<string>): Field<string> =>
  withSchema(recordType, () =>
    recordType.schema().refine((name) => !NO_PHOTO_MODULES.has(name), {
      message: "has no record photos in Zoho: pick Leads, Contacts, Accounts, Products, Deals, Vendors or a custom module",
    }),
  );

/**
 * The name to upload a photo under, from Photo Name or the image's type; an issue on Photo when
 * neither says it is an image Zoho takes.
 */
export const photoFileName = (file: FilePayload, given: string | undefined, ctx: z.RefinementCtx): string => {
  const extension = given?.split(".").pop()?.toLowerCase();
  const typed = Object.entries(PHOTO_TYPES).find(([, type]) => type === file.contentType.split(";")[0].toLowerCase())?.[0];
  if (!typed && !(extension && extension in PHOTO_TYPES)) {
    ctx.addIssue({
      code: "custom",
      path: ["photo"],
      message: `is ${file.contentType}, not an image Zoho takes: send a PNG, JPEG, GIF or BMP (or name it with such an extension in Photo Name)`,
    });
    return "";
  }
  return given ?? `photo.${typed}`;
};
