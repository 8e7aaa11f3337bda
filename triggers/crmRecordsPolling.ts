import { input, pollingTrigger } from "@prismatic-io/spectral";
import { z } from "zod";
import { clientFor } from "../src/context";
import { crmChangePage, newestModifiedTime } from "../src/crmChanges";
import { exampleLead, pollingExample } from "../src/examples";
import { connectionInput, fields, recordType, cleanText } from "../src/inputs";
import { defaultFieldNames } from "../src/metadata";
import { isCreated, keep, pollChanges, type PollState } from "../src/polling";
import { fieldList, moduleName, optionalText, parseInputs } from "../src/validate";

export const emitInput = input({
  label: "Emit",
  type: "string",
  required: true,
  default: "all",
  model: [
    { label: "New and updated records", value: "all" },
    { label: "Only new records", value: "created" },
    { label: "Only updated records", value: "updated" },
  ],
  comments: "Which changes start the flow.",
  example: "all",
  clean: cleanText,
});

export const startTimeInput = input({
  label: "Start Time",
  type: "string",
  required: false,
  comments: "Optional ISO 8601 time to start from on the first poll. Empty: start from now and emit only later changes.",
  example: "2026-11-01T00:00:00+00:00",
  clean: cleanText,
});

const DAY_MS = 24 * 60 * 60 * 1000;

export const crmPollingSchema = z.object({
  recordType: moduleName,
  fields: fieldList(47),
  emit: z.preprocess((v) => v || "all", z.enum(["all", "created", "updated"], { error: "choose all, created or updated" })),
  startTime: optionalText.refine((v) => v === undefined || !Number.isNaN(Date.parse(v)), "must be an ISO 8601 time such as 2026-11-01T00:00:00+00:00"),
});

/** The poll shared by the generic trigger and the legacy Leads/Contacts presets. */
export const pollCrm = async (context: Parameters<Parameters<typeof pollingTrigger>[0]["perform"]>[0], params: Record<string, unknown>, fixedModule?: string) => {
  const input = parseInputs(crmPollingSchema, { ...params, recordType: fixedModule ?? params.recordType }, { recordType: "Module", fields: "Fields", emit: "Emit", startTime: "Start Time" });
  const client = clientFor(context, params as never);
  const stored = context.polling.getState() as PollState & { module?: string; defaultFields?: { names: string[]; at: number } };
  let previous: PollState = stored.module === input.recordType ? stored : {};
  let baseline = false;
  if (!previous.cursor) {
    const start = input.startTime ?? (await newestModifiedTime(client, input.recordType));
    baseline = input.startTime === undefined;
    previous = { cursor: start ?? new Date().toISOString(), recent: {} };
  }
  // Without a field list the poll reads the module's fields, looked up once a day rather than every poll.
  let columns = input.fields;
  let defaults = stored.module === input.recordType ? stored.defaultFields : undefined;
  if (!columns) {
    if (!defaults || Date.now() - defaults.at > DAY_MS) defaults = { names: await defaultFieldNames(client, input.recordType), at: Date.now() };
    columns = defaults.names;
  }
  const { fresh, state } = await pollChanges(previous, crmChangePage(client, input.recordType, columns));
  context.polling.setState({ ...state, module: input.recordType, ...(input.fields ? {} : { defaultFields: defaults }) });
  // Without a start time the first poll only learns what already exists.
  const records = baseline
    ? []
    : fresh
        .map((change) => ({ ...change.record, _change: isCreated(change, previous) ? "created" : "updated" }))
        .filter((record) => keep(input.emit, record._change === "created"));
  return { records, polledNoChanges: records.length === 0 };
};

export const crmRecordsPollingTrigger = pollingTrigger({
  display: {
    label: "New and Updated Records",
    description: "Checks a CRM module on a schedule and starts the flow with every record created or modified since the last check, each exactly once.",
  },
  allowsBranching: false,
  inputs: { connection: connectionInput, recordType, fields, emit: emitInput, startTime: startTimeInput },
  perform: async (context, payload, params) => {
    const { records, polledNoChanges } = await pollCrm(context, params);
    return { payload: { ...payload, body: { data: records } }, polledNoChanges };
  },
  examplePayload: pollingExample([{ ...exampleLead, _change: "created" }]),
});
