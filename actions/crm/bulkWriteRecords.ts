import { input } from "@prismatic-io/spectral";
import { z } from "zod/v3";
import { BULK_WRITE_FILE_ROWS, bulkWriteFile, crmOrgId, parseCsv, type BulkWriteRowOutcome } from "../../src/crm/bulk";
import { InputError } from "../../src/http/errors";
import { continueOnFailure } from "../../src/fields/batch";
import { recordType } from "../../src/fields/crm";
import { cleanPass, cleanText, field, withInput } from "../../src/fields/field";
import { choice, jsonRecords, optionalText } from "../../src/fields/schemas";
import { zohoAction } from "../../src/step";

const records = field(
  input({
    label: "Records",
    type: "code",
    language: "json",
    required: false,
    comments: "A JSON array of records (field API names to values). Or leave empty and give a CSV File.",
    example: JSON.stringify([{ Last_Name: "Smith", Email: "jane.smith@example.com" }]),
    clean: cleanPass,
  }),
  () => z.preprocess((v) => (v === "" || v === null ? undefined : v), jsonRecords().optional()),
);
const csvFile = field(
  input({
    label: "CSV File",
    type: "data",
    required: false,
    comments: "A CSV file (header row of field API names) from an earlier step, instead of Records.",
    clean: cleanPass,
  }),
  () => z.unknown().optional(),
);
const operation = field(
  input({
    label: "Operation",
    type: "string",
    required: true,
    default: "insert",
    model: [
      { label: "Insert", value: "insert" },
      { label: "Update (by id or Find By)", value: "update" },
      { label: "Upsert (by Find By)", value: "upsert" },
    ],
    comments: "What the job does with each row.",
    example: "upsert",
    clean: cleanText,
  }),
  () => choice(["insert", "update", "upsert"], "insert"),
);
const findBy = field(
  input({
    label: "Find By",
    type: "string",
    required: false,
    dataSource: "selectCrmFields",
    comments: "For update and upsert: the unique field that matches rows to records (e.g. Email, or id).",
    example: "Email",
    clean: cleanText,
  }),
  optionalText,
);

const rowsOf = (input: { records?: Array<Record<string, unknown>>; csvFile?: unknown }): Array<Record<string, unknown>> => {
  if (input.records?.length) return input.records;
  if (input.csvFile) {
    const data = Buffer.isBuffer(input.csvFile) ? input.csvFile : ((input.csvFile as { data?: Buffer }).data ?? Buffer.from(String(input.csvFile)));
    const rows = parseCsv(data.toString("utf8"));
    if (rows.length) return rows;
  }
  throw new InputError('Input "Records" (records): give at least one record, or a CSV File with a header row and rows.');
};

export const crmBulkWriteRecords = zohoAction({
  display: {
    label: "Bulk Write Records",
    description:
      "Insert, update or upsert any number of records with Zoho bulk write jobs (25,000 rows a file, more split across files) and get every row's outcome.",
  },
  fields: {
    recordType,
    records,
    csvFile,
    operation,
    findBy,
    continueOnFailure: withInput(continueOnFailure, { comments: "Return failed rows as data instead of failing the step after the job." }),
  },
  refine: (schema) =>
    schema.refine((input) => input.operation !== "upsert" || input.findBy !== undefined, {
      path: ["findBy"],
      message: "upsert needs the unique field that matches rows to records, e.g. Email.",
    }),
  perform: async (context, input, client) => {
    const rows = rowsOf(input);
    const crmOrg = await crmOrgId(client);
    const outcomes: BulkWriteRowOutcome[] = [];
    const jobs: Array<{ jobId: string } & Record<string, number | string>> = [];
    for (let offset = 0; offset < rows.length; offset += BULK_WRITE_FILE_ROWS) {
      const file = await bulkWriteFile(
        client,
        {
          module: input.recordType,
          operation: input.operation,
          findBy: input.findBy,
          records: rows.slice(offset, offset + BULK_WRITE_FILE_ROWS),
          offset,
          log: (m) => context.logger.info(m),
        },
        crmOrg,
      );
      outcomes.push(...file.outcomes);
      jobs.push({ jobId: file.jobId, ...file.counts });
    }
    const failed = outcomes.filter((o) => o.errors || /SKIPPED|FAILED/i.test(o.status));
    const result = { outcomes, jobs, counts: { total: rows.length, succeeded: rows.length - failed.length, failed: failed.length } };
    if (failed.length && !input.continueOnFailure) {
      const sample = failed
        .slice(0, 5)
        .map((o) => `row ${o.index}: ${o.status} ${o.errors ?? ""}`.trim())
        .join("; ");
      throw new InputError(
        `${failed.length} of ${rows.length} rows were not written (${sample}${failed.length > 5 ? "; ..." : ""}). Turn on Continue On Failure to branch on them instead.`,
      );
    }
    return { data: result };
  },
  examplePayload: {
    data: {
      outcomes: [{ index: 0, id: "5725767000000524157", status: "ADDED", errors: null }],
      jobs: [{ jobId: "5725767000001017001", added: 1, updated: 0, skipped: 0, total: 1 }],
      counts: { total: 1, succeeded: 1, failed: 0 },
    },
  },
});
