import { customViewId, massUpdateField, massUpdateIds, massUpdateValue, waitSeconds } from "../../src/fields/automation";
import { recordType } from "../../src/fields/crm";
import { massUpdate } from "../../src/crm/massUpdate";
import { zohoAction } from "../../src/step";

/** How often a custom view's job is read while it runs; tests shorten it. */
export const massUpdatePolling = { intervalMs: 5_000 };

export const crmMassUpdateRecords = zohoAction({
  display: {
    label: "Mass Update Records",
    description:
      "Set one field to one value on up to 500 CRM records by id, or on every record of a custom view (up to 50,000, as a Zoho background job), follow the job to the end and report how many records were updated, not updated and failed.",
  },
  fields: { recordType, field: massUpdateField, value: massUpdateValue, ids: massUpdateIds, customViewId, waitSeconds },
  refine: (schema) =>
    schema.refine((v) => (v.ids === undefined) !== (v.customViewId === undefined), {
      path: ["ids"],
      message: "give Record IDs or a Custom View ID (one of them, not both)",
    }),
  perform: async (_context, input, client) => {
    const target = input.ids ? { ids: input.ids } : { cvid: input.customViewId };
    const result = await massUpdate(client, input.recordType, { [input.field]: input.value }, target, {
      pollIntervalMs: massUpdatePolling.intervalMs,
      maxWaitMs: input.waitSeconds * 1000,
    });
    return { data: result };
  },
  examplePayload: {
    data: { jobId: "5725767000000611001", status: "COMPLETED", updatedCount: 42, notUpdatedCount: 0, failedCount: 0, totalCount: 42 },
  },
});
