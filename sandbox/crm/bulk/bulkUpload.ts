/**
 * `POST /crm/v8/upload` (Zoho's content host): takes a ZIP holding one CSV for a bulk write and
 * answers its `file_id`. Zoho wants `feature: bulk-write` and the org's zgid in `X-CRM-ORG`; a call
 * without them never reaches CRM and gets the gateway's terse answer.
 */
import { crmError, ok, zohoTime } from "../../respond";
import { parseMultipart } from "../../multipart";
import { crmSlice } from "../../state";
import type { DataCenterKey, Handler, Route } from "../../types";
import { readCsvZip, type CsvFile } from "./bulkCsv";

export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

export interface UploadedFile {
  id: string;
  dc: DataCenterKey;
  csv: CsvFile;
}

declare module "../../state" {
  interface CrmSlices {
    /** file_id -> the uploaded CSV */
    bulkFiles: Map<string, UploadedFile>;
  }
}

export const uploadedFiles = crmSlice("bulkFiles", () => new Map<string, UploadedFile>());

const headersRejected = () => ({
  status: 400,
  body: { ERROR_CODE: 400, ERROR_MESSAGE: "Bad Request", "x-error": "check if headers [feature, X-CRM-ORG] are present and valid" },
});

const upload: Handler = (req, { state }) => {
  const org = req.headers["x-crm-org"];
  if (req.headers.feature !== "bulk-write" || typeof org !== "string" || org !== String(state.org.zgid)) {
    return headersRejected();
  }
  const createdTime = zohoTime(state.clock.now());
  const file = parseMultipart(req).files.find((f) => f.field === "file");
  if (!file) return crmError(400, "MANDATORY_NOT_FOUND", "required field not found", { api_name: "file", created_time: createdTime });
  if (file.data.length > MAX_UPLOAD_BYTES) {
    return crmError(413, "FILE_TOO_LARGE", "File size too large to process", { created_time: createdTime });
  }
  const csv = readCsvZip(file.data);
  if (!csv) {
    return crmError(400, "INVALID_FILE_FORMAT", "invalid file format. only zip format is supported", { created_time: createdTime });
  }
  const id = state.nextId();
  uploadedFiles(state).set(id, { id, dc: req.dc, csv });
  return ok({
    status: "success",
    code: "FILE_UPLOAD_SUCCESS",
    message: "file uploaded.",
    details: { file_id: id, created_time: createdTime },
  });
};

export const routes: Route[] = [{ method: "POST", pattern: "/crm/v8/upload", api: "crm", scopes: ["ZohoFiles.files.ALL"], handler: upload }];
