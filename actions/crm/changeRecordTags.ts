import { action, input } from "@prismatic-io/spectral";
import { z } from "zod";
import { continueOnFailure, finishBatch, recordIdList, recordIds, type RecordOutcome } from "../../src/batch";
import { clientFor } from "../../src/context";
import { exampleLead } from "../../src/examples";
import { cleanBool, cleanPass, cleanText, connectionInput, debugRequest, recordType } from "../../src/inputs";
import { requestOutcomes } from "../../src/outcomes";
import { bool, moduleName, parseInputs } from "../../src/validate";

/** Zoho's limits: 100 records per call, tag names of 25 characters, 10 tags per record. */
const MAX_RECORDS = 100;
const MAX_TAG_LENGTH = 25;
const MAX_TAGS = 10;

const tagNames = z.preprocess(
  (v) => (typeof v === "string" ? v.split(",") : v ?? []),
  z
    .array(z.string().trim().max(MAX_TAG_LENGTH, `each tag name has at most ${MAX_TAG_LENGTH} characters`))
    .transform((names) => [...new Set(names.filter(Boolean))])
    .pipe(z.array(z.string()).min(1, "enter at least one tag name").max(MAX_TAGS, `at most ${MAX_TAGS} tags: Zoho allows no more on a record`)),
);

const schema = z.object({
  recordType: moduleName,
  operation: z.enum(["add", "remove"], { error: "pick add or remove" }),
  tagNames,
  recordIds: recordIdList.refine((ids) => ids.length <= MAX_RECORDS, `at most ${MAX_RECORDS} records per call`),
  overWrite: bool(false),
  continueOnFailure: bool(false),
});

const labels = { recordType: "Module", operation: "Operation", tagNames: "Tag Names", recordIds: "Record IDs", overWrite: "Replace Existing Tags", continueOnFailure: "Continue On Failure" };

export const crmChangeRecordTags = action({
  display: {
    label: "Change Record Tags",
    description: "Add tags to, or remove tags from, up to 100 CRM records; each record's outcome is reported.",
  },
  inputs: {
    connection: connectionInput,
    recordType,
    operation: input({
      label: "Operation",
      type: "string",
      required: true,
      default: "add",
      model: [{ label: "Add tags", value: "add" }, { label: "Remove tags", value: "remove" }],
      comments: "Whether to add the tags to the records or remove them.",
      clean: cleanText,
    }),
    tagNames: input({
      label: "Tag Names",
      type: "string",
      collection: "valuelist",
      required: true,
      comments: `Tag names (up to ${MAX_TAGS}, each up to ${MAX_TAG_LENGTH} characters). Adding a tag the module does not have yet creates it.`,
      example: "VIP",
      clean: cleanPass,
    }),
    recordIds: { ...recordIds, comments: `The Zoho ids of the records (a list, a JSON array or comma-separated text; up to ${MAX_RECORDS}).` },
    overWrite: input({
      label: "Replace Existing Tags",
      type: "boolean",
      default: "false",
      comments: "When adding: replace the records' current tags with these instead of adding to them.",
      clean: cleanBool,
    }),
    continueOnFailure,
    debugRequest,
  },
  perform: async (context, params) => {
    const input = parseInputs(schema, params, labels);
    const client = clientFor(context, params);
    const tags = input.tagNames.map((name) => ({ name }));
    const { items } = await requestOutcomes(client, {
      api: "crm",
      method: "POST",
      path: `/${input.recordType}/actions/${input.operation}_tags`,
      data: input.operation === "add" ? { tags, ids: input.recordIds, over_write: input.overWrite } : { tags, ids: input.recordIds },
      idempotent: true,
    }, "data");
    const results: RecordOutcome[] = input.recordIds.map((id, index) => {
      const entry = items.find((e) => String(e.details?.id) === id) ?? items[index];
      const status = entry?.status === "success" ? "success" : "error";
      return { index, id, status, code: entry?.code ?? "NO_ANSWER", message: entry?.message ?? "Zoho's answer did not mention this record", details: entry?.details ?? {} };
    });
    const succeeded = results.filter((r) => r.status === "success").length;
    return { data: finishBatch({ total: results.length, succeeded, failed: results.length - succeeded, results }, input.continueOnFailure) };
  },
  examplePayload: {
    data: {
      total: 1,
      succeeded: 1,
      failed: 0,
      results: [{
        index: 0,
        id: exampleLead.id,
        status: "success" as "success" | "error",
        code: "SUCCESS",
        message: "tags updated successfully",
        details: { id: exampleLead.id, tags: [{ id: "5725767000000614001", name: "VIP", color_code: "#57B1FD" }] } as Record<string, unknown>,
      }],
    },
  },
});
