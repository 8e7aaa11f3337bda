import type { ZohoClient } from "../src/http/client";
import { crmChangePage, newestModifiedTime } from "../src/crm/changes";
import { deletedRecords } from "../src/crm/deleted";
import { exampleLead, pollingExample } from "../src/examples";
import { fieldNames, recordType } from "../src/fields/crm";
import { emit, includeDeletions, startTime } from "../src/fields/polling";
import { defaultFieldNames } from "../src/crm/metadata";
import { runPoll, type Emit } from "../src/polling";
import { zohoPollingTrigger } from "../src/step";
import type { PollingContext } from "@prismatic-io/spectral/dist/types/PollingTriggerDefinition";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Polls ask for 47 fields at most: Zoho's 50 less the id and times the poll always reads. */
export const pollFields = fieldNames(47);

interface CrmPoll {
  recordType: string;
  fields?: string[];
  emit: Emit;
  startTime?: string;
  includeDeletions?: boolean;
}

/** The poll shared by the generic trigger and the legacy Leads/Contacts presets. */
export const pollCrm = (context: PollingContext, input: CrmPoll, client: ZohoClient) =>
  runPoll(context.polling, {
    scope: input.recordType,
    sameScope: (stored) => stored.module === input.recordType,
    scopeState: { module: input.recordType },
    startTime: input.startTime,
    emit: input.emit,
    newest: () => newestModifiedTime(client, input.recordType),
    // Zoho's deleted list (Recycle Bin and purged) since the window start; each row keeps its own keys.
    deletions: input.includeDeletions
      ? async (from) =>
          (await deletedRecords(client, input.recordType, { since: from })).map((row) => ({ id: row.id, deletedTime: row.deleted_time, record: row }))
      : undefined,
    changes: async (stored) => {
      if (input.fields) return { fetchPage: crmChangePage(client, input.recordType, input.fields) };
      // Without a field list the poll reads the module's fields, looked up once a day rather than every poll.
      let defaults = stored.defaultFields as { names: string[]; at: number } | undefined;
      if (!defaults || Date.now() - defaults.at > DAY_MS) defaults = { names: await defaultFieldNames(client, input.recordType), at: Date.now() };
      return { fetchPage: crmChangePage(client, input.recordType, defaults.names), keep: { defaultFields: defaults } };
    },
  });

export const crmRecordsPollingTrigger = zohoPollingTrigger({
  display: {
    label: "New and Updated Records",
    description:
      'Checks a CRM module on a schedule and starts the flow with every record created or modified since the last check, each exactly once; optionally every record deleted too, with _change "deleted".',
  },
  fields: { recordType, fields: pollFields, emit, startTime, includeDeletions },
  perform: async (context, input, client, payload) => {
    const { records, polledNoChanges } = await pollCrm(context, input, client);
    return { payload: { ...payload, body: { data: records } }, polledNoChanges };
  },
  examplePayload: pollingExample([{ ...exampleLead, _change: "created" }]),
});
