/** Fields of the batch write actions: records, record ids and how the batch runs. */
import { input } from "@prismatic-io/spectral";
import type { CodeInputField } from "@prismatic-io/spectral/dist/types/Inputs";
import { z } from "zod/v3";
import { MAX_BATCH, MAX_CONCURRENCY } from "../crm/recordWrites";
import { cleanBool, cleanInt, cleanPass, field } from "./field";
import { bool, intInRange, jsonValue } from "./schemas";

type ZohoRecord = Record<string, unknown>;

const ID = /^\d{1,25}$/;
/** Ids as text: a 19-digit id given as a JSON number has already lost digits. */
const idText = (v: unknown): string | undefined =>
  typeof v === "string" ? v.trim() : typeof v === "number" && Number.isSafeInteger(v) ? String(v) : undefined;
const ID_HINT = 'the numeric Zoho id as text, e.g. "5725767000000524157"';

/** One issue listing the first few problems, so 10,000 bad records do not make a 10,000-line error. */
const report = (ctx: z.RefinementCtx, problems: string[]) => {
  if (problems.length === 0) return;
  const more = problems.length > 5 ? `; and ${problems.length - 5} more` : "";
  ctx.addIssue({ code: "custom", message: `${problems.slice(0, 5).join("; ")}${more}` });
};

const sizeProblems = (count: number, noun: string): string[] =>
  count === 0
    ? [`is empty: give at least one ${noun}`]
    : count > MAX_BATCH
      ? [`has ${count} ${noun}s, more than ${MAX_BATCH} per step: split the batch or use Bulk Write Records`]
      : [];

/** A JSON array of record objects (text or value); `withId` requires each record's numeric id, once. */
export const batchRecords = (withId: boolean) =>
  jsonValue().transform((value, ctx): ZohoRecord[] => {
    if (!Array.isArray(value)) {
      report(ctx, ['must be a JSON array of records, e.g. [{"Last_Name": "Smith"}]']);
      return z.NEVER;
    }
    const problems = sizeProblems(value.length, "record");
    const seen = new Map<string, number>();
    value.forEach((record, index) => {
      if (!record || typeof record !== "object" || Array.isArray(record)) return problems.push(`record ${index} is not a JSON object`);
      if (!withId) return;
      const id = idText(record.id);
      if (!id || !ID.test(id)) problems.push(`record ${index} needs "id": ${ID_HINT}`);
      else if (seen.has(id)) problems.push(`record ${index} repeats the id of record ${seen.get(id)} (${id}): merge them into one`);
      else seen.set(id, index);
    });
    report(ctx, problems);
    return withId ? value.map((r) => ({ ...r, id: idText(r.id) })) : value;
  });

/** Record ids as a list, a JSON array or comma-separated text (only text in brackets is read as JSON). */
export const recordIdList = () =>
  z.unknown().transform((value, ctx): string[] => {
    const parsed = typeof value === "string" && value.trim().startsWith("[") ? jsonValue().safeParse(value) : { success: true as const, data: value };
    if (!parsed.success) {
      report(
        ctx,
        parsed.error.issues.map((i) => i.message),
      );
      return z.NEVER;
    }
    const raw = parsed.data === undefined || parsed.data === null ? [] : Array.isArray(parsed.data) ? parsed.data : [parsed.data];
    const ids = raw.flatMap((v) => (typeof v === "string" ? v.split(/[\s,]+/).filter(Boolean) : [v]));
    const problems = sizeProblems(ids.length, "id");
    const seen = new Set<string>();
    ids.forEach((v, index) => {
      const id = idText(v);
      if (!id || !ID.test(id)) problems.push(`id ${index} (${JSON.stringify(v)}) must be ${ID_HINT}`);
      else if (seen.has(id)) problems.push(`id ${id} is listed twice`);
      else seen.add(id);
    });
    report(ctx, problems);
    return [...seen];
  });

export const records = field(
  input({
    label: "Records",
    type: "code",
    language: "json",
    required: true,
    comments: `A JSON array of records, each an object of field API names and values (any number up to ${MAX_BATCH}; sent 100 per call). Usually mapped from an earlier step.`,
    example: JSON.stringify([
      { Last_Name: "Smith", Company: "Acme" },
      { Last_Name: "Jones", Company: "Globex" },
    ]),
    clean: cleanPass,
  }),
  () => batchRecords(false),
);

export const recordsWithId = field(
  input({
    ...(records.input as CodeInputField),
    comments: `A JSON array of records to update, each with its "id" (as text) and the fields to change (any number up to ${MAX_BATCH}; sent 100 per call).`,
    example: JSON.stringify([{ id: "5725767000000524157", Lead_Status: "Contacted" }]),
  }),
  () => batchRecords(true),
);

export const recordIds = field(
  input({
    label: "Record IDs",
    type: "string",
    collection: "valuelist",
    required: true,
    comments: `The Zoho ids of the records (a list, a JSON array or comma-separated text; up to ${MAX_BATCH}, sent 100 per call). Deleted records go to Zoho's Recycle Bin.`,
    example: "5725767000000524157",
    clean: cleanPass,
  }),
  recordIdList,
);

export const concurrency = field(
  input({
    label: "Concurrency",
    type: "string",
    required: false,
    default: "5",
    comments: `How many calls of 100 records run at once, 1 to ${MAX_CONCURRENCY}. Zoho allows 10 to 20 concurrent calls per org depending on the edition, shared with other integrations.`,
    example: "5",
    clean: cleanInt,
  }),
  () => intInRange(1, MAX_CONCURRENCY, 5),
);

export const continueOnFailure = field(
  input({
    label: "Continue On Failure",
    type: "boolean",
    default: "false",
    comments:
      "When off, the step fails after the whole batch ran if any record failed, naming the failed records. When on, the step succeeds and returns every record's outcome (check failed > 0 and branch).",
    clean: cleanBool,
  }),
  () => bool(false),
);

/** How a batch runs, after its records in every batch action. */
export const batchOptions = { concurrency, continueOnFailure };
