import { input } from "@prismatic-io/spectral";
import { z } from "zod/v3";
import { bulkReadPages, parseCsv } from "../../src/crm/bulk";
import { fieldNames, recordType } from "../../src/fields/crm";
import { cleanPass, cleanText, field } from "../../src/fields/field";
import { choice, jsonValue } from "../../src/fields/schemas";
import { zohoAction } from "../../src/step";

const criteria = field(
  input({
    label: "Criteria",
    type: "code",
    language: "json",
    required: false,
    comments:
      'Optional bulk read criteria as JSON: {"field": {"api_name": "Lead_Status"}, "comparator": "equal", "value": "New"}, or a group {"group_operator": "and", "group": [...]}.',
    example: JSON.stringify({ field: { api_name: "Lead_Status" }, comparator: "equal", value: "New" }),
    clean: cleanPass,
  }),
  () => jsonValue().pipe(z.record(z.string(), z.unknown(), { message: "must be a JSON object" }).optional()),
);

const output = field(
  input({
    label: "Output",
    type: "string",
    required: true,
    default: "records",
    model: [
      { label: "Records (parsed rows)", value: "records" },
      { label: "CSV file (for very large exports)", value: "file" },
    ],
    comments: "Records returns every row as an object; CSV file returns the export as one CSV for the next step.",
    example: "records",
    clean: cleanText,
  }),
  () => choice(["records", "file"], "records"),
);

export const crmBulkReadRecords = zohoAction({
  display: {
    label: "Bulk Read Records",
    description:
      "Export a module (any number of records, past the records API's 100,000 cap) with Zoho bulk read jobs: 200,000 records a job, following more_records.",
  },
  // A bulk read job takes up to 200 fields.
  fields: { recordType, fields: fieldNames(200), criteria, output },
  perform: async (context, input, client) => {
    const log = (message: string) => context.logger.info(message);
    const records: Array<Record<string, string>> = [];
    const csvParts: string[] = [];
    const jobs: string[] = [];
    for await (const page of bulkReadPages(client, { module: input.recordType, fields: input.fields, criteria: input.criteria }, log)) {
      jobs.push(page.jobId);
      if (input.output === "file") csvParts.push(jobs.length === 1 ? page.csv : page.csv.slice(page.csv.indexOf("\n") + 1));
      // One push per row: spreading a 200,000-row page into push() overflows the call stack.
      else for (const row of parseCsv(page.csv)) records.push(row);
      log(`Bulk read page ${page.page}: ${page.count} records${page.moreRecords ? ", more follow" : ""}`);
    }
    if (input.output === "file") return { data: Buffer.from(csvParts.join("")), contentType: "text/csv" };
    return { data: { records, count: records.length, jobs } };
  },
  examplePayload: {
    data: { records: [{ Id: "5725767000000524157", Last_Name: "Smith", Email: "jane.smith@example.com" }], count: 1, jobs: ["5725767000001016001"] },
  },
});
