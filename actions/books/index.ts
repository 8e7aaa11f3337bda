/** Every Zoho Books action, keyed as the platform (and the existing Prismatic Zoho component) knows them. */
import { booksCreateRecord } from "./createRecord";
import { booksGetRecord } from "./getRecord";
import { booksGetRecords } from "./getRecords";
import { booksUpdateRecord } from "./updateRecord";
import { booksRemoveRecord } from "./removeRecord";
import { booksRawRequest } from "./rawRequest";
import { booksListOrganizations } from "./listOrganizations";
import { booksDownloadRecordPdf } from "./downloadRecordPdf";
import { booksRecordAction } from "./recordAction";
import { booksAddAttachment } from "./addAttachment";
import { booksGetAttachment } from "./getAttachment";
import { booksDeleteAttachment } from "./deleteAttachment";

export default {
  booksCreateRecord,
  booksGetRecord,
  booksGetRecords,
  booksUpdateRecord,
  booksRemoveRecord,
  booksRawRequest,
  booksListOrganizations,
  booksDownloadRecordPdf,
  booksRecordAction,
  booksAddAttachment,
  booksGetAttachment,
  booksDeleteAttachment,
};
