/**
 * Files on Books documents: POST, GET and DELETE /{type}/{id}/attachment for invoices, estimates,
 * sales orders, purchase orders and bills (multipart field `attachment`), and /expenses/{id}/receipt
 * (field `receipt`). Books keeps the files in order and GET and DELETE act on the last one attached,
 * as Zoho's files say ("Get last attached attachment"). GET answers the file's exact bytes.
 *
 * Messages, statuses, allowed extensions and the scopes are Zoho's OpenAPI files'; estimates have no file, so
 * they follow the invoice's. The 5 MB a file is Zoho Invoice's help (the same documents platform).
 */
import { ok } from "../respond";
import { parseMultipart } from "../multipart";
import { booksSlice, type SandboxState } from "../state";
import type { Route } from "../types";
import { answering, BooksFailure, invalidValue } from "./failure";
import { organizationOf } from "./organizations";
import { recordType } from "./recordTypes";
import { scopesFor } from "./records";
import { findRecord } from "./store";

export const MAX_FILE_BYTES = 5 * 1024 * 1024;

const DOCUMENT_EXTENSIONS = ["gif", "png", "jpeg", "jpg", "bmp", "pdf"];
const RECEIPT_EXTENSIONS = [...DOCUMENT_EXTENSIONS, "xls", "xlsx", "doc", "docx"];

interface Holder {
  key: string;
  /** Path segment after the record id. */
  segment: "attachment" | "receipt";
  field: "attachment" | "receipt";
  extensions: string[];
  added: string;
  deleted: string;
  /** Books answers an upload 201 for sales orders, purchase orders and bills, 200 for the others. */
  addedStatus: 200 | 201;
}

const document = (key: string, added: string, deleted: string, addedStatus: 200 | 201 = 200): Holder => ({
  key,
  segment: "attachment",
  field: "attachment",
  extensions: DOCUMENT_EXTENSIONS,
  added,
  deleted,
  addedStatus,
});

export const HOLDERS: Holder[] = [
  document("invoices", "Your file has been successfully attached to the invoice.", "Your file is no longer attached to the invoice."),
  document("estimates", "Your file has been successfully attached to the estimate.", "Your file is no longer attached to the estimate."),
  document("salesorders", "Your file has been successfully attached to the sales order.", "Your file is no longer attached to the sales order.", 201),
  document("purchaseorders", "The document has been attached.", "The attachment has been deleted.", 201),
  document("bills", "The document has been attached.", "The attachment has been deleted.", 201),
  {
    key: "expenses",
    segment: "receipt",
    field: "receipt",
    extensions: RECEIPT_EXTENSIONS,
    added: "The expense receipt has been attached.",
    deleted: "The attached expense receipt has been deleted.",
    addedStatus: 200,
  },
];

interface StoredFile {
  fileName: string;
  contentType: string;
  content: Buffer;
  canSendInMail: boolean;
}

declare module "../state" {
  interface BooksSlices {
    /** "<organization>/<type>/<record id>" -> files in the order attached */
    attachments: Map<string, StoredFile[]>;
  }
}

const allFiles = booksSlice("attachments", () => new Map<string, StoredFile[]>());

const filesOf = (state: SandboxState, organizationId: string, key: string, id: string): StoredFile[] => {
  const all = allFiles(state);
  const path = `${organizationId}/${key}/${id}`;
  let files = all.get(path);
  if (!files) all.set(path, (files = []));
  return files;
};

const noFile = (holder: Holder) =>
  new BooksFailure(1002, holder.segment === "receipt" ? "The expense has no receipt attached." : "There is no file attached to this transaction.", 404);

const routesFor = (holder: Holder): Route[] => {
  const type = recordType(holder.key);
  const pattern = `/books/v3/${type.path}/:id/${holder.segment}`;
  const target = (req: Parameters<Route["handler"]>[0], ctx: Parameters<Route["handler"]>[1]) => {
    const org = organizationOf(req, ctx);
    findRecord(ctx.state, org.organization_id, type, req.params.id);
    return filesOf(ctx.state, org.organization_id, holder.key, req.params.id);
  };
  return [
    {
      method: "POST",
      pattern,
      api: "books",
      scopes: scopesFor(type, "CREATE"),
      write: true,
      handler: answering((req, ctx) => {
        const files = target(req, ctx);
        const upload = parseMultipart(req).files.find((file) => file.field === holder.field);
        if (!upload || upload.data.length === 0) throw invalidValue(holder.field);
        const extension = upload.filename.split(".").pop()?.toLowerCase() ?? "";
        if (!upload.filename.includes(".") || !holder.extensions.includes(extension)) {
          throw new BooksFailure(2, `Invalid value passed for ${holder.field}: allowed extensions are ${holder.extensions.join(", ")}`);
        }
        if (upload.data.length > MAX_FILE_BYTES) throw new BooksFailure(2, `Invalid value passed for ${holder.field}: a file may be at most 5 MB`);
        files.push({
          fileName: upload.filename,
          contentType: upload.contentType,
          content: upload.data,
          canSendInMail: req.query.get("can_send_in_mail") === "true",
        });
        return ok({ code: 0, message: holder.added }, holder.addedStatus);
      }),
    },
    {
      method: "GET",
      pattern,
      api: "books",
      scopes: scopesFor(type, "READ"),
      handler: answering((req, ctx) => {
        const last = target(req, ctx).at(-1);
        if (!last) throw noFile(holder);
        return {
          status: 200,
          headers: { "content-type": last.contentType, "content-disposition": `attachment; filename="${last.fileName.replace(/["\\\r\n]/g, "_")}"` },
          body: last.content,
        };
      }),
    },
    {
      method: "DELETE",
      pattern,
      api: "books",
      scopes: scopesFor(type, "DELETE"),
      write: true,
      handler: answering((req, ctx) => {
        const files = target(req, ctx);
        if (files.length === 0) throw noFile(holder);
        files.pop();
        return ok({ code: 0, message: holder.deleted });
      }),
    },
  ];
};

export const routes: Route[] = HOLDERS.flatMap(routesFor);
