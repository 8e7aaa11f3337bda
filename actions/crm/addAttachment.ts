import { input } from "@prismatic-io/spectral";
import { z } from "zod/v3";
import { exampleWriteDetails } from "../../src/crm/examples";
import { recordId, recordType } from "../../src/fields/crm";
import { cleanPass, cleanText, field } from "../../src/fields/field";
import { optionalText } from "../../src/fields/schemas";
import { fileContent, multipartFile } from "../../src/http/files";
import { onlyOutcome } from "../../src/http/outcomes";
import { zohoAction } from "../../src/step";

/** Zoho refuses attachments over 20 MB. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

const file = field(
  input({
    label: "File",
    type: "data",
    required: false,
    comments: "The file to attach, usually the binary output of an earlier step (at most 20 MB). Leave empty when attaching by URL.",
    clean: cleanPass,
  }),
  () => fileContent(MAX_ATTACHMENT_BYTES),
);

const fileName = field(
  input({
    label: "File Name",
    type: "string",
    required: false,
    comments: "The name Zoho shows for the attachment, with its extension. Required with File; with Attachment URL it is the link's title.",
    example: "contract.pdf",
    clean: cleanText,
  }),
  optionalText,
);

const attachmentUrl = field(
  input({
    label: "Attachment URL",
    type: "string",
    required: false,
    comments: "Attach a link instead of a file: Zoho stores the URL, not its content. Leave empty when attaching a file.",
    example: "https://example.com/contract.pdf",
    clean: cleanText,
  }),
  () => {
    const message = "must be an http(s) URL such as https://example.com/contract.pdf";
    return optionalText().pipe(
      z
        .string()
        .url(message)
        // A text check, not new URL(): Zod 3 runs refinements after a failed .url() too.
        .refine((url) => /^https?:/i.test(url), message)
        .optional(),
    );
  },
);

export const crmAddAttachment = zohoAction({
  display: {
    label: "Add Attachment",
    description: "Attach a file (up to 20 MB) or a link to a CRM record.",
  },
  fields: { recordType, recordId, file, fileName, attachmentUrl },
  refine: (schema) =>
    schema.superRefine((input, ctx) => {
      if (!input.file === !input.attachmentUrl) {
        ctx.addIssue({ code: "custom", path: ["file"], message: "give either a File or an Attachment URL (exactly one of the two)" });
      }
      if (input.file && !input.fileName) {
        ctx.addIssue({ code: "custom", path: ["fileName"], message: "enter the name Zoho shows for the file, e.g. contract.pdf" });
      }
    }),
  perform: async (_context, input, client) => {
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
