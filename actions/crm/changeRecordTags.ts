import { input } from "@prismatic-io/spectral";
import { z } from "zod/v3";
import { finishBatch, type RecordOutcome } from "../../src/crm/recordWrites";
import { exampleLead } from "../../src/examples";
import { continueOnFailure, recordIdList, recordIds } from "../../src/fields/batch";
import { recordType } from "../../src/fields/crm";
import { cleanBool, cleanPass, cleanText, field, withInput, withSchema } from "../../src/fields/field";
import { bool } from "../../src/fields/schemas";
import { requestOutcomes } from "../../src/http/outcomes";
import { zohoAction } from "../../src/step";

/** Zoho's limits: 100 records per call, tag names of 25 characters, 10 tags per record. */
const MAX_RECORDS = 100;
const MAX_TAG_LENGTH = 25;
const MAX_TAGS = 10;

const operation = field(
  input({
    label: "Operation",
    type: "string",
    required: true,
    default: "add",
    model: [
      { label: "Add tags", value: "add" },
      { label: "Remove tags", value: "remove" },
    ],
    comments: "Whether to add the tags to the records or remove them.",
    clean: cleanText,
  }),
  () => z.enum(["add", "remove"], { message: "pick add or remove" }),
);

const tagNames = field(
  input({
    label: "Tag Names",
    type: "string",
    collection: "valuelist",
    required: true,
    comments: `Tag names (up to ${MAX_TAGS}, each up to ${MAX_TAG_LENGTH} characters). Adding a tag the module does not have yet creates it.`,
    example: "VIP",
    clean: cleanPass,
  }),
  () =>
    z.preprocess(
      (v) => (typeof v === "string" ? v.split(",") : (v ?? [])),
      z
        .array(z.string().trim().max(MAX_TAG_LENGTH, `each tag name has at most ${MAX_TAG_LENGTH} characters`))
        .transform((names) => [...new Set(names.filter(Boolean))])
        .pipe(z.array(z.string()).min(1, "enter at least one tag name").max(MAX_TAGS, `at most ${MAX_TAGS} tags: Zoho allows no more on a record`)),
    ),
);

const taggedIds = withSchema(
  withInput(recordIds, { comments: `The Zoho ids of the records (a list, a JSON array or comma-separated text; up to ${MAX_RECORDS}).` }),
  () => recordIdList().refine((ids) => ids.length <= MAX_RECORDS, `at most ${MAX_RECORDS} records per call`),
);

const overWrite = field(
  input({
    label: "Replace Existing Tags",
    type: "boolean",
    default: "false",
    comments: "When adding: replace the records' current tags with these instead of adding to them.",
    clean: cleanBool,
  }),
  () => bool(false),
);

export const crmChangeRecordTags = zohoAction({
  display: {
    label: "Change Record Tags",
    description: "Add tags to, or remove tags from, up to 100 CRM records; each record's outcome is reported.",
  },
  fields: { recordType, operation, tagNames, recordIds: taggedIds, overWrite, continueOnFailure },
  perform: async (_context, input, client) => {
    const tags = input.tagNames.map((name) => ({ name }));
    const { items } = await requestOutcomes(
      client,
      {
        api: "crm",
        method: "POST",
        path: `/${input.recordType}/actions/${input.operation}_tags`,
        data: input.operation === "add" ? { tags, ids: input.recordIds, over_write: input.overWrite } : { tags, ids: input.recordIds },
        idempotent: true,
      },
      "data",
    );
    const results: RecordOutcome[] = input.recordIds.map((id, index) => {
      const entry = items.find((e) => String(e.details?.id) === id) ?? items[index];
      const status = entry?.status === "success" ? "success" : "error";
      return {
        index,
        id,
        status,
        code: entry?.code ?? "NO_ANSWER",
        message: entry?.message ?? "Zoho's answer did not mention this record",
        details: entry?.details ?? {},
      };
    });
    const succeeded = results.filter((r) => r.status === "success").length;
    return { data: finishBatch({ total: results.length, succeeded, failed: results.length - succeeded, results }, input.continueOnFailure) };
  },
  examplePayload: {
    data: {
      total: 1,
      succeeded: 1,
      failed: 0,
      results: [
        {
          index: 0,
          id: exampleLead.id,
          status: "success" as "success" | "error",
          code: "SUCCESS",
          message: "tags updated successfully",
          details: { id: exampleLead.id, tags: [{ id: "5725767000000614001", name: "VIP", color_code: "#57B1FD" }] } as Record<string, unknown>,
        },
      ],
    },
  },
});
