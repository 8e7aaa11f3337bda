/**
 * Zoho's file store (ZFS) under /crm/v8/files: upload files (multipart `file` parts, each at most
 * 20 MB) and get back an encrypted id per file; download a file by that id. A record's file-upload
 * and image-upload fields take those ids (`[{"File_Id__s": id}]`, or `file_id` as older docs show):
 * each value is a list of files with row ids; a write adds files and removes only the rows sent as
 * `{"id": ..., "_delete": null}`. Image-upload fields take images only (PNG, JPEG, GIF, BMP).
 */
import { randomBytes } from "node:crypto";
import { parseMultipart } from "../../multipart";
import { ok, recordStatus, zohoTime } from "../../respond";
import { crmSlice, type CrmField, type SandboxState } from "../../state";
import type { Route } from "../../types";
import { CrmFailure } from "../crmFailure";
import { crmRoute } from "../crmRoute";
import { callerOf } from "../records/writes";

/** Zoho refuses a file over 20 MB. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Zoho's image formats for image-upload fields and record photos. */
export const IMAGE_TYPES: Record<string, string> = { png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", gif: "image/gif", bmp: "image/bmp" };

export interface StoredFile {
  id: string;
  name: string;
  contentType: string;
  data: Buffer;
  createdTime: string;
  createdBy: { name: string; id: string };
}

declare module "../../state" {
  interface CrmSlices {
    /** file id -> a file uploaded with POST /crm/v8/files */
    files: Map<string, StoredFile>;
  }
}

const store = crmSlice("files", () => new Map<string, StoredFile>());

/** Whether a file is an image Zoho accepts, by its type or else its extension. */
export const isImage = (name: string, contentType: string): boolean =>
  Object.values(IMAGE_TYPES).includes(contentType.toLowerCase()) ||
  (contentType === "application/octet-stream" && (name.split(".").pop()?.toLowerCase() ?? "") in IMAGE_TYPES);

const upload: Route["handler"] = (req, { state }) => {
  const files = parseMultipart(req).files.filter((part) => part.field === "file");
  if (files.length === 0) throw new CrmFailure("INVALID_DATA", 'the file is missing: send it as the multipart part "file"', { param_name: "file" });
  const tooBig = files.find((file) => file.data.length > MAX_FILE_BYTES);
  if (tooBig) {
    throw new CrmFailure("FILE_SIZE_MORE_THAN_ALLOWED_SIZE", "file size exceeds the allowed limit of 20 MB", {
      file_name: tooBig.filename,
      maximum_size: MAX_FILE_BYTES,
    });
  }
  const by = callerOf(state, req);
  const data = files.map((file) => {
    // Zoho's ids are long encrypted strings, not record ids.
    const stored: StoredFile = {
      id: randomBytes(32).toString("hex"),
      name: file.filename,
      contentType: file.contentType,
      data: file.data,
      createdTime: zohoTime(state.clock.now()),
      createdBy: { name: by.name, id: by.id },
    };
    store(state).set(stored.id, stored);
    return recordStatus(true, "SUCCESS", `${file.filename} uploaded Successfully`, { name: file.filename, id: stored.id });
  });
  return ok({ data });
};

const contentDisposition = (fileName: string) =>
  `attachment; filename="${fileName.replace(/["\\\r\n]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

const download: Route["handler"] = (req, { state }) => {
  const id = req.query.get("id") ?? "";
  const file = store(state).get(id);
  if (!file) throw new CrmFailure("INVALID_DATA", "the given file id seems to be invalid", { param_name: "id" });
  // files.json declares the download as application/x-download; the name rides in Content-Disposition.
  return { status: 200, headers: { "Content-Type": "application/x-download", "Content-Disposition": contentDisposition(file.name) }, body: file.data };
};

export const routes: Route[] = [
  crmRoute("POST", "/crm/v8/files", { scopes: ["ZohoCRM.files.CREATE"] }, upload),
  crmRoute("GET", "/crm/v8/files", { scopes: ["ZohoCRM.files.READ"] }, download),
];

/** What a file-upload or image-upload field holds per file. */
type FileRow = Record<string, unknown> & { id: string };

const fileIdOf = (entry: Record<string, unknown>): unknown => entry.File_Id__s ?? entry.file_id;

/**
 * The rows a file-upload or image-upload field holds after a write: `current` kept, rows sent with
 * `_delete` removed, and a row per new file id. Throws the entry's INVALID_DATA, naming the field.
 */
export const fileFieldValue = (
  state: SandboxState,
  field: CrmField,
  value: unknown,
  current: unknown,
  invalid: (extra?: Record<string, unknown>) => CrmFailure,
): FileRow[] => {
  if (!Array.isArray(value)) throw invalid({ expected_data_type: "jsonarray" });
  const rows = new Map((Array.isArray(current) ? (current as FileRow[]) : []).map((row) => [row.id, row]));
  for (const entry of value as Array<Record<string, unknown>>) {
    if (!entry || typeof entry !== "object") throw invalid();
    if ("_delete" in entry) {
      if (!rows.delete(String(entry.id))) throw invalid({ id: entry.id });
      continue;
    }
    const fileId = fileIdOf(entry);
    if (fileId === undefined && entry.id !== undefined) {
      if (!rows.has(String(entry.id))) throw invalid({ id: entry.id });
      continue;
    }
    const file = store(state).get(String(fileId ?? ""));
    if (!file) throw invalid({ File_Id__s: fileId ?? null });
    if (field.data_type === "imageupload" && !isImage(file.name, file.contentType)) {
      throw invalid({ File_Id__s: fileId, allowed_formats: Object.keys(IMAGE_TYPES).join(", ") });
    }
    const row: FileRow = {
      id: state.nextId(),
      File_Id__s: file.id,
      File_Name__s: file.name,
      Size__s: String(file.data.length),
      Created_Time__s: file.createdTime,
      Modified_Time__s: file.createdTime,
      Created_By__s: file.createdBy,
      Owner__s: file.createdBy,
      ...(field.data_type === "imageupload" ? { Description__s: null, Preview_Id__s: file.id, State__s: "save", Sequence_Number__s: rows.size + 1 } : {}),
    };
    rows.set(row.id, row);
  }
  return [...rows.values()];
};
