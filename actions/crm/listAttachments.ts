import { childListAction } from "./childList";
import { exampleAttachment } from "../../src/crm/examples";

export const crmListAttachments = childListAction({
  child: "Attachments",
  label: "List Attachments",
  description: "List the files and links attached to a CRM record.",
  defaultFields: ["id", "File_Name", "Size", "Created_Time", "Modified_Time", "Owner", "Created_By", "Modified_By", "Parent_Id"],
  fieldsComment: "Comma-separated attachment fields to return. Leave empty for id, name, size, times, owner and parent record.",
  example: exampleAttachment,
});
