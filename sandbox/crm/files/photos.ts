/**
 * Record photos under /crm/v8/{module}/{id}/photo (record_photo.json): one image per record in the
 * modules Zoho lets have one (Leads, Contacts, Accounts, Products, Deals, Vendors, custom modules).
 * Upload takes the multipart part `file`: PNG, JPEG, GIF or BMP, at most 10 MB (Zoho's documented
 * limits); get answers the image's bytes, or 204 when the record has none; delete removes it.
 */
import { noContent, ok, recordStatus } from "../../respond";
import { parseMultipart } from "../../multipart";
import { crmSlice, type CrmModule, type SandboxState } from "../../state";
import type { Route, SandboxRequest } from "../../types";
import { CrmFailure } from "../crmFailure";
import { crmRoute } from "../crmRoute";
import { IMAGE_TYPES, isImage } from "./files";
import { moduleNamed, parentRecord } from "../records/parents";
import { recordWrite } from "../records/writes";

/** Zoho refuses a photo over 10 MB. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
const PHOTO_MODULES = new Set(["Leads", "Contacts", "Accounts", "Products", "Deals", "Vendors"]);

interface Photo {
  data: Buffer;
  contentType: string;
}

declare module "../../state" {
  interface CrmSlices {
    photos: Map<string, Photo>;
  }
}

const store = crmSlice("photos", () => new Map<string, Photo>());

const photoModule = (state: SandboxState, name: string): CrmModule => {
  const module = moduleNamed(state, name);
  if (!PHOTO_MODULES.has(module.api_name) && module.generated_type !== "custom") {
    throw new CrmFailure("INVALID_MODULE", "the module does not support photos", { resource_path_index: 0 });
  }
  return module;
};

/** The photo's key and the record it belongs to, or Zoho's error for an unknown module or record. */
const target = (state: SandboxState, req: SandboxRequest) => {
  const module = photoModule(state, req.params.module);
  const record = parentRecord(state, module, req.params.id);
  return { module, record, key: `${module.api_name}/${record.id}` };
};

/** Zoho's answer to a photo write: the bare status object, not wrapped in `data`. */
const done = (message: string) => ok(recordStatus(true, "SUCCESS", message, {}));

const READ = { scopes: ["ZohoCRM.modules.{module}.READ"] };
const WRITE = { scopes: ["ZohoCRM.modules.{module}.CREATE", "ZohoCRM.modules.{module}.WRITE"], write: true };
const DELETE = { scopes: ["ZohoCRM.modules.{module}.DELETE"], write: true };

export const routes: Route[] = [
  crmRoute("GET", "/crm/v8/:module/:id/photo", READ, (req, { state }) => {
    const photo = store(state).get(target(state, req).key);
    return photo ? { status: 200, headers: { "Content-Type": photo.contentType }, body: photo.data } : noContent();
  }),
  crmRoute("POST", "/crm/v8/:module/:id/photo", WRITE, (req, { state }) => {
    const { module, record, key } = target(state, req);
    const file = parseMultipart(req).files.find((part) => part.field === "file");
    if (!file) throw new CrmFailure("INVALID_DATA", 'the photo is missing: send it as the multipart part "file"', { param_name: "file" });
    if (!isImage(file.filename, file.contentType)) {
      throw new CrmFailure("INVALID_DATA", "the file is not an image Zoho accepts", {
        param_name: "file",
        allowed_formats: Object.keys(IMAGE_TYPES).join(", "),
      });
    }
    if (file.data.length > MAX_PHOTO_BYTES) {
      throw new CrmFailure("INVALID_DATA", "the photo exceeds the maximum allowed size of 10 MB", { param_name: "file", maximum_size: MAX_PHOTO_BYTES });
    }
    const extension = file.filename.split(".").pop()?.toLowerCase() ?? "";
    const contentType = file.contentType === "application/octet-stream" ? IMAGE_TYPES[extension] : file.contentType;
    store(state).set(key, { data: file.data, contentType });
    recordWrite(state, { module: module.api_name, operation: "update", ids: [record.id], affectedFields: [["Record_Image"]] });
    return done("photo uploaded successfully");
  }),
  crmRoute("DELETE", "/crm/v8/:module/:id/photo", DELETE, (req, { state }) => {
    const { module, record, key } = target(state, req);
    if (!store(state).delete(key)) throw new CrmFailure("INVALID_DATA", "the record has no photo to delete", { id: record.id });
    recordWrite(state, { module: module.api_name, operation: "update", ids: [record.id], affectedFields: [["Record_Image"]] });
    return done("photo deleted successfully");
  }),
];
