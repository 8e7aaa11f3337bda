import { action, input } from "@prismatic-io/spectral";
import { z } from "zod";
import { clientFor } from "../../src/context";
import { cleanText, connectionInput, debugRequest } from "../../src/inputs";
import { parseInputs, recordId } from "../../src/validate";

const jobType = input({
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
});

const jobId = input({ label: "Job ID", type: "string", required: true, comments: "The bulk job's id, from the step that created it.", example: "5725767000001016001", clean: cleanText });

export const crmGetBulkJob = action({
  display: { label: "Get Bulk Job", description: "Get a bulk read or write job's state and result (download URL, counts), for flows that poll jobs themselves." },
  inputs: { connection: connectionInput, jobType, jobId, debugRequest },
  perform: async (context, params) => {
    const input = parseInputs(z.object({ jobType: z.preprocess((v) => v || "read", z.enum(["read", "write"], { error: "choose read or write" })), jobId: recordId }), params, { jobType: "Job Type", jobId: "Job ID" });
    const response = await clientFor(context, params).request({ api: "bulk", path: `/${input.jobType}/${input.jobId}` });
    return { data: input.jobType === "read" ? response.data?.data?.[0] : response.data };
  },
  examplePayload: {
    data: { id: "5725767000001016001", operation: "read", state: "COMPLETED", result: { page: 1, count: 1, download_url: "/crm/bulk/v8/read/5725767000001016001/result", per_page: 200000, more_records: false } },
  },
});
