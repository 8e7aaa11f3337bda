import { input } from "@prismatic-io/spectral";
import { z } from "zod/v3";
import { BOOKS_RECORD_TYPES, RECORD_ACTION_LABELS, recordPath } from "../../src/books/catalog";
import { recordId, recordTarget, withTarget } from "../../src/fields/books";
import { cleanPass, cleanText, field } from "../../src/fields/field";
import { jsonObject } from "../../src/fields/schemas";
import { zohoAction } from "../../src/step";

/** "invoices:status/sent": the record type and Books' action path in one value, so one picklist covers every type. */
const recordAction = field(
  input({
    label: "Action",
    type: "string",
    required: true,
    model: BOOKS_RECORD_TYPES.flatMap((type) =>
      (type.actions ?? []).map((name) => ({ label: `${type.label}: ${RECORD_ACTION_LABELS[name]}`, value: `${type.key}:${name}` })),
    ),
    comments: "What to do to the record; pick one listed under the record type.",
    example: "invoices:status/sent",
    clean: cleanText,
  }),
  () => z.string({ message: "pick an action" }).trim().min(1, "pick an action"),
);

const body = field(
  input({
    label: "Body",
    type: "code",
    language: "json",
    required: false,
    comments: 'Only for actions that take details, e.g. Email: {"to_mail_ids": ["a@example.com"], "subject": "...", "body": "..."}. Leave empty otherwise.',
    example: JSON.stringify({ to_mail_ids: ["finance@bowman.example.com"] }),
    clean: cleanPass,
  }),
  jsonObject,
);

export const booksRecordAction = zohoAction({
  display: {
    label: "Run Books Record Action",
    description:
      "Change a Books record's status or act on it as Books' web app does: mark an invoice as sent, void it, approve an estimate, email a document, mark an item inactive, ...",
  },
  fields: { ...recordTarget, recordId, action: recordAction, body },
  refine: (schema) =>
    withTarget(schema)
      .transform((input) => ({ ...input, name: input.action.slice(input.action.indexOf(":") + 1) }))
      .superRefine((input, ctx) => {
        const offered = input.type.actions?.map((name) => `${input.type.key}:${name}`) ?? [];
        if (!offered.includes(input.action)) {
          ctx.addIssue({
            code: "custom",
            path: ["action"],
            message: `"${input.action}" is not an action on ${input.type.key}: pick one of ${offered.join(", ") || "(none: Books offers no actions on this type)"}`,
          });
        }
      }),
  client: "books",
  perform: async (_context, input, books) => {
    const response = await books.request<{ message?: string }>({
      method: "POST",
      path: `${recordPath(input.type, input.recordId, input.parentRecordId, "POST")}/${input.name}`,
      data: input.body,
    });
    return { data: { recordType: input.recordType, recordId: input.recordId, action: input.name, message: response.data?.message ?? "" } };
  },
  examplePayload: { data: { recordType: "invoices", recordId: "460000000028192", action: "status/sent", message: "Invoice status has been changed to Sent." } },
});
