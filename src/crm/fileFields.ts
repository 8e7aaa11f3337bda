/**
 * Files for file-upload and image-upload fields, in one step: a record value that is a file from
 * an earlier step (a Buffer, spectral's {data, contentType}, or a list of them) is uploaded to
 * Zoho's file store (POST /files) and replaced by the ids Zoho gave it ([{"File_Id__s": id}], the
 * shape Zoho's SDKs send), so a builder never handles file ids. Other values pass unchanged.
 */
import type { ZohoClient } from "../http/client";
import { InputError, ZohoError } from "../http/errors";
import type { FilePayload } from "../http/files";

/** Zoho's file store refuses a file over 20 MB. */
export const MAX_FIELD_FILE_BYTES = 20 * 1024 * 1024;
/** Files sent per upload call; Zoho's file store takes several `file` parts in one call. */
const FILES_PER_CALL = 10;

type ZohoRecord = Record<string, unknown>;

/** A file ready to upload: bytes, type and the name Zoho shows for it. */
export interface NamedFile extends FilePayload {
  name: string;
}

const EXTENSIONS: Record<string, string> = {
  "application/pdf": "pdf",
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
  "image/bmp": "bmp",
  "text/plain": "txt",
  "text/csv": "csv",
  "application/zip": "zip",
};

/** Bytes however an earlier step handed them over: a Buffer, or a Buffer that went through JSON. */
const bytesOf = (value: unknown): Buffer | undefined => {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value);
  const serialized = value as { type?: unknown; data?: unknown } | null;
  if (serialized && serialized.type === "Buffer" && Array.isArray(serialized.data)) return Buffer.from(serialized.data as number[]);
  return undefined;
};

/** The file a value holds, or undefined when the value is not a file. `field` names it when Zoho's name is unknown. */
export const fileOf = (value: unknown, field: string): NamedFile | undefined => {
  const direct = bytesOf(value);
  const payload = value as { data?: unknown; contentType?: unknown; fileName?: unknown; filename?: unknown; name?: unknown } | null;
  const data = direct ?? (payload && typeof payload === "object" ? bytesOf(payload.data) : undefined);
  if (!data) return undefined;
  const contentType = typeof payload?.contentType === "string" && payload.contentType ? payload.contentType : "application/octet-stream";
  const given = [payload?.fileName, payload?.filename, payload?.name].find((n): n is string => typeof n === "string" && n.trim() !== "");
  return { data, contentType, name: given ?? `${field}.${EXTENSIONS[contentType.split(";")[0].toLowerCase()] ?? "bin"}` };
};

/** The files a field value holds: one file, or a list whose every item is a file; undefined otherwise. */
const filesIn = (value: unknown, field: string): NamedFile[] | undefined => {
  const one = fileOf(value, field);
  if (one) return [one];
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const many = value.map((item) => fileOf(item, field));
  return many.every((f): f is NamedFile => f !== undefined) ? many : undefined;
};

/** Uploads files to Zoho's file store, several per call, and returns their ids in order. */
export const uploadFiles = async (client: ZohoClient, files: NamedFile[]): Promise<string[]> => {
  const ids: string[] = [];
  for (let start = 0; start < files.length; start += FILES_PER_CALL) {
    const chunk = files.slice(start, start + FILES_PER_CALL);
    const form = new FormData();
    for (const file of chunk) form.append("file", new Blob([new Uint8Array(file.data)], { type: file.contentType }), file.name);
    const response = await client.request<{ data?: Array<{ status?: string; details?: { id?: string }; message?: string }> }>({
      api: "crm",
      method: "POST",
      path: "/files",
      data: form,
    });
    chunk.forEach((file, i) => {
      const entry = response.data?.data?.[i];
      if (entry?.status !== "success" || !entry.details?.id) {
        throw new ZohoError(`Zoho did not store the file ${file.name}: ${entry?.message ?? "no answer for it"}. Try again, or check the file.`);
      }
      ids.push(entry.details.id);
    });
  }
  return ids;
};

/** Where each file of some records goes: record index, field, and the files' positions in the upload. */
interface Placement {
  record: number;
  field: string;
  files: NamedFile[];
}

const tooBig = (placements: Placement[]): string | undefined => {
  for (const { field, files } of placements) {
    const big = files.find((f) => f.data.length > MAX_FIELD_FILE_BYTES);
    if (big) return `${field}: the file ${big.name} is ${(big.data.length / 1024 / 1024).toFixed(1)} MB, over Zoho's 20 MB limit for file fields`;
  }
  return undefined;
};

/**
 * The records with every file value uploaded and replaced by its Zoho file ids. Checks sizes before
 * any call; uploads all files of all records together. Records without files come back as they were.
 */
export const withUploadedFiles = async <R extends ZohoRecord>(client: ZohoClient, records: R[]): Promise<R[]> => {
  const placements: Placement[] = records.flatMap((record, index) =>
    Object.entries(record).flatMap(([field, value]) => {
      const files = filesIn(value, field);
      return files ? [{ record: index, field, files }] : [];
    }),
  );
  if (placements.length === 0) return records;
  const problem = tooBig(placements);
  if (problem) throw new InputError(`${problem}: send a smaller file.`);
  const ids = await uploadFiles(
    client,
    placements.flatMap((p) => p.files),
  );
  const out = records.map((record) => ({ ...record }) as ZohoRecord);
  let next = 0;
  for (const { record, field, files } of placements) {
    out[record][field] = files.map(() => ({ File_Id__s: ids[next++] }));
  }
  return out as R[];
};

/** One record's file values uploaded (Create Record, Update Record). */
export const withUploadedFile = async <R extends ZohoRecord>(client: ZohoClient, record: R): Promise<R> => (await withUploadedFiles(client, [record]))[0];

/** A stored file's bytes; Zoho answers application/x-download, so the type comes from the file's name. */
export const downloadFile = async (client: ZohoClient, id: string): Promise<FilePayload> => {
  const response = await client.request<ArrayBuffer>({ api: "crm", path: "/files", params: { id }, responseType: "arraybuffer" });
  const disposition = String(response.headers["content-disposition"] ?? "");
  const name = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="([^"]+)"/i.exec(disposition)?.[1] ?? "";
  const extension = decodeURIComponent(name).split(".").pop()?.toLowerCase() ?? "";
  const byExtension = Object.entries(EXTENSIONS).find(([, ext]) => ext === extension || (extension === "jpeg" && ext === "jpg"))?.[0];
  const given = String(response.headers["content-type"] ?? "");
  const contentType = given && !/x-download|octet-stream/i.test(given) ? given : (byExtension ?? "application/octet-stream");
  return { data: Buffer.from(response.data), contentType };
};
