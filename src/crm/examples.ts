/**
 * Example attachments, notes and write answers shared by the example payloads of the attachment,
 * note and tag actions. Shapes follow what Zoho (and the sandbox) answer.
 */
import type { BatchResult } from "./recordWrites";
import { exampleLead } from "../examples";

const by = exampleLead.Owner;

/** What Zoho answers for one stored write: the id, when and by whom. */
export const exampleWriteDetails = {
  Modified_Time: "2026-11-22T10:15:30+00:00",
  Modified_By: by,
  Created_Time: "2026-11-22T10:15:30+00:00",
  id: "5725767000000611001",
  Created_By: by,
};

const parent = { id: exampleLead.id, name: `${exampleLead.First_Name} ${exampleLead.Last_Name}` };

export const exampleAttachment = {
  Owner: by,
  Modified_By: by,
  Created_By: by,
  Parent_Id: parent,
  $sharing_permission: "full_access",
  $attachment_type: 1,
  id: "5725767000000611001",
  Modified_Time: "2026-11-22T10:15:30+00:00",
  Created_Time: "2026-11-22T10:15:30+00:00",
  File_Name: "contract.pdf",
  Size: "48213",
  $editable: true,
  $file_id: "c2a5f1b0e4d94f6b8e7c3a1d2b4f6e8a",
  $type: "Attachment",
  $se_module: "Leads",
  $state: "save",
  $link_url: null,
};

export const exampleNote = {
  Owner: by,
  Note_Title: "Call summary",
  Note_Content: "Asked for a quote for 20 seats.",
  Parent_Id: { module: { api_name: "Leads", id: "5725767000000002175" }, ...parent },
  $attachments: [],
  $editable: true,
  $is_shared_to_client: false,
  $sharing_permission: "full_access",
  $size: "0",
  $state: "save",
  $voice_note: false,
  id: "5725767000000612001",
  Created_Time: "2026-11-22T10:15:30+00:00",
  Modified_Time: "2026-11-22T10:15:30+00:00",
  Created_By: by,
  Modified_By: by,
};

export const exampleListInfo = { count: 1, more_records: false, next_page_token: null as string | null };

/** A batch result with one success (carrying `details`) and one failure, as builders will meet them. */
export const exampleBatch = (message: string, details: Record<string, unknown> = exampleWriteDetails): BatchResult => ({
  total: 2,
  succeeded: 1,
  failed: 1,
  results: [
    { index: 0, id: exampleWriteDetails.id, status: "success", code: "SUCCESS", message, details },
    { index: 1, id: null, status: "error", code: "INVALID_DATA", message: "invalid data", details: { api_name: "Email", json_path: "$.data[1].Email" } },
  ],
});
