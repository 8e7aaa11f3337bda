/** Every CRM action, keyed as the platform (and the existing Prismatic Zoho component) knows them. */
import { crmCreateRecord } from "./createRecord";
import { crmGetRecord } from "./getRecord";
import { crmGetRecords } from "./getRecords";
import { crmUpdateRecord } from "./updateRecord";
import { crmRemoveRecord } from "./removeRecord";
import { crmRunQuery } from "./runQuery";
import { crmRawRequest } from "./rawRequest";
import { crmCreateRecords } from "./createRecords";
import { crmUpdateRecords } from "./updateRecords";
import { crmUpsertRecords } from "./upsertRecords";
import { crmRemoveRecords } from "./removeRecords";
import { crmSearchRecords } from "./searchRecords";
import { crmAddAttachment } from "./addAttachment";
import { crmListAttachments } from "./listAttachments";
import { crmDownloadAttachment } from "./downloadAttachment";
import { crmDeleteAttachment } from "./deleteAttachment";
import { crmUploadFile } from "./uploadFile";
import { crmDownloadFile } from "./downloadFile";
import { crmGetRecordPhoto } from "./getRecordPhoto";
import { crmUploadRecordPhoto } from "./uploadRecordPhoto";
import { crmDeleteRecordPhoto } from "./deleteRecordPhoto";
import { crmAddLineItems } from "./addLineItems";
import { crmUpdateLineItems } from "./updateLineItems";
import { crmRemoveLineItems } from "./removeLineItems";
import { crmListNotes } from "./listNotes";
import { crmCreateNote } from "./createNote";
import { crmUpdateNote } from "./updateNote";
import { crmDeleteNote } from "./deleteNote";
import { crmGetRelatedRecords } from "./getRelatedRecords";
import { crmConvertLead } from "./convertLead";
import { crmChangeRecordTags } from "./changeRecordTags";
import { crmListModules } from "./listModules";
import { crmListFields } from "./listFields";
import { crmListUsers } from "./listUsers";
import { crmGetOrganization } from "./getOrganization";
import { crmCompositeRequest } from "./compositeRequest";
import { crmEnableNotification } from "./enableNotification";
import { crmGetNotificationDetails } from "./getNotificationDetails";
import { crmUpdateNotification } from "./updateNotification";
import { crmDisableNotification } from "./disableNotification";
import { crmDisableSpecificNotification } from "./disableSpecificNotification";
import { crmRenewNotificationChannel } from "./renewNotificationChannel";
import { crmBulkReadRecords } from "./bulkReadRecords";
import { crmBulkWriteRecords } from "./bulkWriteRecords";
import { crmGetBulkJob } from "./getBulkJob";
import { crmSendEmail } from "./sendEmail";
import { crmGetBlueprintTransitions } from "./getBlueprintTransitions";
import { crmPerformBlueprintTransition } from "./performBlueprintTransition";
import { crmRunFunction } from "./runFunction";
import { crmMassUpdateRecords } from "./massUpdateRecords";
import { crmListDeletedRecords } from "./listDeletedRecords";

export default {
  crmCreateRecord,
  crmGetRecord,
  crmGetRecords,
  crmUpdateRecord,
  crmRemoveRecord,
  crmRunQuery,
  crmRawRequest,
  crmCreateRecords,
  crmUpdateRecords,
  crmUpsertRecords,
  crmRemoveRecords,
  crmSearchRecords,
  crmAddAttachment,
  crmListAttachments,
  crmDownloadAttachment,
  crmDeleteAttachment,
  crmUploadFile,
  crmDownloadFile,
  crmGetRecordPhoto,
  crmUploadRecordPhoto,
  crmDeleteRecordPhoto,
  crmAddLineItems,
  crmUpdateLineItems,
  crmRemoveLineItems,
  crmListNotes,
  crmCreateNote,
  crmUpdateNote,
  crmDeleteNote,
  crmGetRelatedRecords,
  crmConvertLead,
  crmChangeRecordTags,
  crmListModules,
  crmListFields,
  crmListUsers,
  crmGetOrganization,
  crmCompositeRequest,
  crmEnableNotification,
  crmGetNotificationDetails,
  crmUpdateNotification,
  crmDisableNotification,
  crmDisableSpecificNotification,
  crmRenewNotificationChannel,
  crmBulkReadRecords,
  crmBulkWriteRecords,
  crmGetBulkJob,
  crmSendEmail,
  crmGetBlueprintTransitions,
  crmPerformBlueprintTransition,
  crmRunFunction,
  crmMassUpdateRecords,
  crmListDeletedRecords,
};
