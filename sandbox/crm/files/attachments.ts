/**
 * Record attachments under /crm/v8/{module}/{id}/Attachments: list, upload (multipart field `file`
 * up to 20 MB, or an `attachmentUrl` link, which is stored without being fetched), download the
 * exact bytes, and delete. Uploads and deletes are write events of the Attachments module.
 */
import { randomBytes } from "node:crypto";
import { noContent, ok, recordStatus, zohoTime } from "../../respond";
import { parseMultipart } from "../../multipart";
import { crmSlice, type CrmModule, type CrmRecord, type SandboxState } from "../../state";
import type { Route } from "../../types";
import { compareIds } from "../records/compare";
import { CrmFailure } from "../crmFailure";
import { crmRoute } from "../crmRoute";
import { fieldsParam, pageOf, pageRequest } from "../records/listing";
import { lookupTo, moduleNamed, parentRecord } from "../records/parents";
import { callerOf, perEntry, recordWrite, type MinifiedUser } from "../records/writes";

const ATTACHMENTS = "Attachments";
/** Zoho refuses a file over 20 MB. */
const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

interface StoredAttachment {
  /** The attachment as Zoho lists it. */
  meta: Record<string, unknown> & { id: string };
  parent: { module: string; id: string };
  file?: { content: Buffer; contentType: string };
}

declare module "../../state" {
  interface CrmSlices {
    /** attachment id -> the attachment, its parent record and its bytes */
    attachments: Map<string, StoredAttachment>;
  }
}

const store = crmSlice("attachments", () => new Map<string, StoredAttachment>());

const attachmentsOf = (state: SandboxState, module: string, id: string) =>
  [...store(state).values()].filter((a) => a.parent.module === module && a.parent.id === id).sort((a, b) => compareIds(a.meta.id, b.meta.id));

/** Attachments follow their record when a lead is converted. */
export const moveAttachments = (state: SandboxState, from: { module: string; id: string }, to: { module: CrmModule; record: CrmRecord }) => {
  for (const attachment of attachmentsOf(state, from.module, from.id)) {
    attachment.parent = { module: to.module.api_name, id: to.record.id };
    Object.assign(attachment.meta, {
      Parent_Id: lookupTo(to.module, to.record),
      $se_module: to.module.api_name,
    });
  }
};

const attach = (
  state: SandboxState,
  module: CrmModule,
  parent: CrmRecord,
  user: MinifiedUser,
  upload: { fileName: string; size: number; linkUrl: string | null; file?: StoredAttachment["file"] },
) => {
  const now = zohoTime(state.clock.now());
  const meta = {
    Owner: user,
    Modified_By: user,
    Created_By: user,
    Parent_Id: lookupTo(module, parent),
    $sharing_permission: "full_access",
    $attachment_type: upload.linkUrl ? 3 : 1,
    id: state.nextId(),
    Modified_Time: now,
    Created_Time: now,
    File_Name: upload.fileName,
    Size: String(upload.size),
    $editable: true,
    $file_id: randomBytes(16).toString("hex"),
    $type: upload.linkUrl ? "Link URL" : "Attachment",
    $se_module: module.api_name,
    $state: "save",
    $link_url: upload.linkUrl,
  };
  store(state).set(meta.id, { meta, parent: { module: module.api_name, id: parent.id }, file: upload.file });
  recordWrite(state, { module: ATTACHMENTS, operation: "insert", ids: [meta.id] });
  const { id, Modified_Time, Created_Time, Modified_By, Created_By } = meta;
  return ok({ data: [recordStatus(true, "SUCCESS", "attachment uploaded", { id, Modified_Time, Created_Time, Modified_By, Created_By })] });
};

/** The attachment by id, when it hangs off the record in the URL. */
const attachmentOn = (state: SandboxState, module: CrmModule, parent: CrmRecord, id: string): StoredAttachment => {
  const attachment = store(state).get(id);
  if (!attachment || attachment.parent.module !== module.api_name || attachment.parent.id !== parent.id) {
    throw new CrmFailure("INVALID_DATA", "the id given seems to be invalid", { id, resource_path_index: 3 });
  }
  return attachment;
};

const detach = (state: SandboxState, module: CrmModule, parent: CrmRecord, id: string) => {
  attachmentOn(state, module, parent, id);
  store(state).delete(id);
  recordWrite(state, { module: ATTACHMENTS, operation: "delete", ids: [id] });
  return recordStatus(true, "SUCCESS", "record deleted", { id });
};

/** Module and parent record of every route here. */
const parentOf = (state: SandboxState, params: Record<string, string>) => {
  const module = moduleNamed(state, params.module);
  return { module, parent: parentRecord(state, module, params.id) };
};

const contentDisposition = (fileName: string) =>
  `attachment; filename="${fileName.replace(/["\\\r\n]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

const READ = { scopes: ["ZohoCRM.modules.{module}.READ"] };
const CREATE = { scopes: ["ZohoCRM.modules.{module}.CREATE"], write: true };
const DELETE = { scopes: ["ZohoCRM.modules.{module}.DELETE"], write: true };

export const routes: Route[] = [
  crmRoute("GET", "/crm/v8/:module/:id/Attachments", READ, (req, ctx) => {
    const { module, parent } = parentOf(ctx.state, req.params);
    fieldsParam(req.query, true);
    const list = attachmentsOf(ctx.state, module.api_name, parent.id).map((a) => a.meta);
    const { slice, info } = pageOf(list, pageRequest(req.query));
    return slice.length === 0 ? noContent() : ok({ data: slice, info });
  }),
  crmRoute("POST", "/crm/v8/:module/:id/Attachments", CREATE, (req, ctx) => {
    const { module, parent } = parentOf(ctx.state, req.params);
    const linkUrl = req.query.get("attachmentUrl");
    if (linkUrl) {
      const fileName = req.query.get("title") ?? linkUrl;
      return attach(ctx.state, module, parent, callerOf(ctx.state, req), { fileName, size: 0, linkUrl });
    }
    const file = parseMultipart(req).files.find((part) => part.field === "file");
    if (!file) {
      throw new CrmFailure("REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", { param_name: "file", param: "file" });
    }
    if (file.data.length > MAX_ATTACHMENT_BYTES) {
      throw new CrmFailure("INVALID_DATA", "the file size exceeds the maximum allowed size", {
        api_name: "file",
        maximum_size: MAX_ATTACHMENT_BYTES,
      });
    }
    return attach(ctx.state, module, parent, callerOf(ctx.state, req), {
      fileName: file.filename,
      size: file.data.length,
      linkUrl: null,
      file: { content: file.data, contentType: file.contentType },
    });
  }),
  crmRoute("DELETE", "/crm/v8/:module/:id/Attachments", DELETE, (req, ctx) => {
    const { module, parent } = parentOf(ctx.state, req.params);
    const ids = req.query.get("ids")?.split(",").filter(Boolean) ?? [];
    if (ids.length === 0) {
      throw new CrmFailure("REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", { param_name: "ids", param: "ids" });
    }
    return perEntry(ids, 200, (id) => detach(ctx.state, module, parent, id));
  }),
  crmRoute("GET", "/crm/v8/:module/:id/Attachments/:attachment_id", READ, (req, ctx) => {
    const { module, parent } = parentOf(ctx.state, req.params);
    const attachment = attachmentOn(ctx.state, module, parent, req.params.attachment_id);
    if (!attachment.file) {
      throw new CrmFailure("INVALID_DATA", "a link attachment has no file to download", { id: attachment.meta.id });
    }
    return {
      status: 200,
      headers: {
        "Content-Type": attachment.file.contentType,
        "Content-Disposition": contentDisposition(String(attachment.meta.File_Name)),
      },
      body: attachment.file.content,
    };
  }),
  crmRoute("DELETE", "/crm/v8/:module/:id/Attachments/:attachment_id", DELETE, (req, ctx) => {
    const { module, parent } = parentOf(ctx.state, req.params);
    return ok({ data: [detach(ctx.state, module, parent, req.params.attachment_id)] });
  }),
];
