/**
 * A small multipart/form-data reader for the upload endpoints (attachments, bulk write files):
 * text parts become `fields`, parts with a filename become `files`. A body that is not multipart
 * reads as empty, so the endpoint answers its own "file missing" error.
 */
import type { SandboxRequest } from "./types";

export interface MultipartFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface Multipart {
  fields: Record<string, string>;
  files: MultipartFile[];
}

const boundaryOf = (contentType: string | undefined): string | undefined => {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return undefined;
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
};

const parameter = (header: string, name: string): string | undefined => {
  const extended = new RegExp(`\\b${name}\\*=(?:UTF-8|utf-8)''([^;]+)`).exec(header);
  if (extended) return decodeURIComponent(extended[1]);
  const plain = new RegExp(`\\b${name}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`).exec(header);
  return plain ? (plain[1] ?? plain[2]).replace(/\\(.)/g, "$1") : undefined;
};

const readPart = (part: Buffer, into: Multipart): void => {
  const headerEnd = part.indexOf("\r\n\r\n");
  if (headerEnd < 0) return;
  const headers = new Map(
    part
      .subarray(0, headerEnd)
      .toString("utf8")
      .split("\r\n")
      .map((line) => [line.slice(0, line.indexOf(":")).trim().toLowerCase(), line.slice(line.indexOf(":") + 1).trim()] as const),
  );
  const disposition = headers.get("content-disposition") ?? "";
  const field = parameter(disposition, "name");
  if (field === undefined) return;
  const data = part.subarray(headerEnd + 4);
  const filename = parameter(disposition, "filename");
  if (filename === undefined) into.fields[field] = data.toString("utf8");
  else into.files.push({ field, filename, contentType: headers.get("content-type") ?? "application/octet-stream", data });
};

export const parseMultipart = (req: Pick<SandboxRequest, "headers" | "rawBody">): Multipart => {
  const result: Multipart = { fields: {}, files: [] };
  const boundary = boundaryOf(req.headers["content-type"]);
  if (!boundary) return result;
  const delimiter = Buffer.from(`--${boundary}`);
  const body = req.rawBody;
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const contentStart = start + delimiter.length;
    // "--" right after a delimiter closes the body.
    if (body.subarray(contentStart, contentStart + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, contentStart);
    if (next < 0) break;
    // A part sits between the delimiter's CRLF and the CRLF that precedes the next delimiter.
    readPart(body.subarray(contentStart + 2, next - 2), result);
    start = next;
  }
  return result;
};
