import { input } from "@prismatic-io/spectral";
import { cleanText, field } from "../../src/fields/field";
import { choice, recordId } from "../../src/fields/schemas";
import { zohoAction } from "../../src/step";

const jobType = field(
  input({
    label: "Job Type",
    type: "string",
    required: true,
    default: "read",
    model: [
      { label: "Bulk read", value: "read" },
      { label: "Bulk write", value: "write" },
    ],
    comments: "Whether the job reads or writes records.",
    example: "read",
    clean: cleanText,
  }),
  () => choice(["read", "write"], "read"),
);

const jobId = field(
  input({
    label: "Job ID",
    type: "string",
    required: true,
    comments: "The bulk job's id, from the step that created it.",
    example: "5725767000001016001",
    clean: cleanText,
  }),
  recordId,
);

export const crmGetBulkJob = zohoAction({
  display: {
    label: "Get Bulk Job",
    description: "Get a bulk read or write job's state and result (download URL, counts), for flows that poll jobs themselves.",
  },
  fields: { jobType, jobId },
  perform: async (_context, input, client) => {
    const response = await client.request({ api: "bulk", path: `/${input.jobType}/${input.jobId}` });
    return { data: input.jobType === "read" ? response.data?.data?.[0] : response.data };
  },
  examplePayload: {
    data: {
      id: "5725767000001016001",
      operation: "read",
      state: "COMPLETED",
      result: { page: 1, count: 1, download_url: "/crm/bulk/v8/read/5725767000001016001/result", per_page: 200000, more_records: false },
    },
  },
});
