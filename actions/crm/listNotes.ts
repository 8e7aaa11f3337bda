import { childListAction } from "./childList";
import { exampleNote } from "../../src/crm/examples";

export const crmListNotes = childListAction({
  child: "Notes",
  label: "List Notes",
  description: "List the notes on a CRM record.",
  defaultFields: ["Note_Title", "Note_Content", "Parent_Id", "Owner", "Created_Time", "Modified_Time", "Created_By", "Modified_By"],
  fieldsComment: "Comma-separated note fields to return. Leave empty for title, content, parent, owner and times.",
  example: exampleNote,
});
