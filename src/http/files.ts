/**
 * Files between steps and Zoho: a file from an earlier step arrives as a Buffer, text or spectral's
 * {data, contentType}; Zoho takes uploads as multipart form data and answers downloads with bytes,
 * which the next step receives as spectral's binary output {data: Buffer, contentType}.
 */
import util from "@prismatic-io/spectral/dist/util";
import type { AxiosResponse } from "axios";
import { z } from "zod/v3";

export interface FilePayload {
  data: Buffer;
  contentType: string;
}

const OCTET_STREAM = "application/octet-stream";
const MB = 1024 * 1024;

/** A file input as bytes, at most `maxBytes`; "" or nothing reads as absent. */
export const fileContent = (maxBytes: number) =>
  z
    .unknown()
    .transform((value, ctx): FilePayload | undefined => {
      if (value === undefined || value === null || value === "") return undefined;
      let payload: { data: Buffer; contentType?: string };
      try {
        payload = util.types.toBufferDataPayload(value);
      } catch {
        ctx.addIssue({ code: "custom", message: "must be a file from an earlier step (binary data), not a number or flag" });
        return z.NEVER;
      }
      if (payload.data.length > maxBytes) {
        ctx.addIssue({
          code: "custom",
          message: `is ${(payload.data.length / MB).toFixed(1)} MB, over Zoho's ${maxBytes / MB} MB limit: send a smaller file or attach it by URL`,
        });
        return z.NEVER;
      }
      return { data: payload.data, contentType: payload.contentType || OCTET_STREAM };
    })
    .optional();

/**
 * Multipart body with the file under `field`. Node's own FormData (not a stream) so axios can send
 * it again when Zoho answers 429, and nothing is added to the bundle.
 */
export const multipartFile = (field: string, file: FilePayload, fileName: string): FormData => {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(file.data)], { type: file.contentType }), fileName);
  return form;
};

/** A download (requested with responseType "arraybuffer") as spectral's binary output. */
export const binaryOutput = (response: AxiosResponse<ArrayBuffer | Buffer>): FilePayload => ({
  data: Buffer.from(response.data as ArrayBuffer),
  contentType: String(response.headers["content-type"] ?? OCTET_STREAM),
});
