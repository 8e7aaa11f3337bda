import { action, input } from "@prismatic-io/spectral";
import { z } from "zod";
import { clientFor } from "../../src/context";
import { exampleWriteDetails } from "../../src/crmExamples";
import { fileContent, multipartFile } from "../../src/files";
import { cleanPass, cleanText, connectionInput, debugRequest, recordId, recordType } from "../../src/inputs";
import { onlyOutcome } from "../../src/outcomes";
import { moduleName, optionalText, parseInputs, recordId as zRecordId } from "../../src/validate";

/** Zoho refuses attachments over 20 MB. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

const schema = z
  .object({
    recordType: moduleName,
    recordId: zRecordId,
    file: fileContent(MAX_ATTACHMENT_BYTES),
    fileName: optionalText,
    attachmentUrl: optionalText.pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://example.com/contract.pdf" }).optional()),
  })
  .superRefine((input, ctx) => {
    if (!input.file === !input.attachmentUrl) {
      ctx.addIssue({ code: "custom", path: ["file"], message: "give either a File or an Attachment URL (exactly one of the two)" });
    }
    if (input.file && !input.fileName) {
      ctx.addIssue({ code: "custom", path: ["fileName"], message: "enter the name Zoho shows for the file, e.g. contract.pdf" });
    }
  });

const labels = { recordType: "Module", recordId: "Record ID", file: "File", fileName: "File Name", attachmentUrl: "Attachment URL" };

export const crmAddAttachment = action({
  display: {
    label: "Add Attachment",
    description: "Attach a file (up to 20 MB) or a link to a CRM record.",
  },
  inputs: {
    connection: connectionInput,
    recordType,
    recordId,
    file: input({
      label: "File",
      type: "data",
      required: false,
      comments: "The file to attach, usually the binary output of an earlier step (at most 20 MB). Leave empty when attaching by URL.",
      clean: cleanPass,
    }),
    fileName: input({
      label: "File Name",
      type: "string",
      required: false,
      comments: "The name Zoho shows for the attachment, with its extension. Required with File; with Attachment URL it is the link's title.",
      example: "contract.pdf",
      clean: cleanText,
    }),
    attachmentUrl: input({
      label: "Attachment URL",
      type: "string",
      required: false,
      comments: "Attach a link instead of a file: Zoho stores the URL, not its content. Leave empty when attaching a file.",
      example: "https://example.com/contract.pdf",
      clean: cleanText,
    }),
    debugRequest,
  },
  perform: async (context, params) => {
    const input = parseInputs(schema, params, labels);
    const client = clientFor(context, params);
    const response = await client.request({
      api: "crm",
      method: "POST",
      path: `/${input.recordType}/${input.recordId}/Attachments`,
      ...(input.file
        ? { data: multipartFile("file", input.file, input.fileName!) }
        : { params: { attachmentUrl: input.attachmentUrl, title: input.fileName } }),
    });
    return { data: onlyOutcome(response.data, `attach the file to ${input.recordType} record ${input.recordId}`) };
  },
  examplePayload: { data: exampleWriteDetails },
});
