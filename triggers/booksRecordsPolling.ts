import { pollingTrigger } from "@prismatic-io/spectral";
import { z } from "zod";
import { recordType } from "../actions/books/inputs";
import { booksClientFor, booksRecordType, organizationIdSchema, type BooksRecordType } from "../src/books";
import { booksChangePage, newestBooksModifiedTime } from "../src/booksChanges";
import { pollingExample } from "../src/examples";
import { connectionInput, organizationId } from "../src/inputs";
import { isCreated, keep, pollChanges, type PollState } from "../src/polling";
import { optionalText, parseInputs } from "../src/validate";
import { emitInput, startTimeInput } from "./crmRecordsPolling";

/** Top-level types only: nested ones (contact persons, tasks) have no list across parents. */
const schema = z.object({
  organizationId: organizationIdSchema,
  recordType: z.string({ error: "pick a record type" }).transform((key, ctx) => {
    const type = booksRecordType(key);
    if (!type || type.parent) {
      ctx.addIssue({ code: "custom", message: `"${key}" is not a Books record type this trigger can watch: pick one from the list (nested types such as contact persons are not listed across parents)` });
      return z.NEVER;
    }
    return type as BooksRecordType;
  }),
  emit: z.preprocess((v) => v || "all", z.enum(["all", "created", "updated"], { error: "choose all, created or updated" })),
  startTime: optionalText.refine((v) => v === undefined || !Number.isNaN(Date.parse(v)), "must be an ISO 8601 time such as 2026-11-01T00:00:00+00:00"),
});

export const pollBooks = async (context: Parameters<Parameters<typeof pollingTrigger>[0]["perform"]>[0], params: Record<string, unknown>, fixedType?: string) => {
  const input = parseInputs(schema, { ...params, recordType: fixedType ?? params.recordType }, { organizationId: "Organization ID", recordType: "Record Type", emit: "Emit", startTime: "Start Time" });
  const books = await booksClientFor(context, params as never, input.organizationId);
  const stored = context.polling.getState() as PollState & { scope?: string };
  const scope = `${books.organizationId}/${input.recordType.key}`;
  let previous: PollState = stored.scope === scope ? stored : {};
  let baseline = false;
  if (!previous.cursor) {
    const start = input.startTime ?? (await newestBooksModifiedTime(books, input.recordType));
    baseline = input.startTime === undefined;
    previous = { cursor: start ?? new Date().toISOString(), recent: {} };
  }
  const { fresh, state } = await pollChanges(previous, booksChangePage(books, input.recordType));
  context.polling.setState({ ...state, scope });
  const records = baseline
    ? []
    : fresh
        .map((change) => ({ ...change.record, _change: isCreated(change, previous) ? "created" : "updated" }))
        .filter((record) => keep(input.emit, record._change === "created"));
  return { records, polledNoChanges: records.length === 0 };
};

const exampleContact = {
  contact_id: "460000000026049",
  contact_name: "Bowman and Co",
  company_name: "Bowman and Co",
  created_time: "2026-11-22T10:15:30+0000",
  last_modified_time: "2026-11-22T10:15:30+0000",
  _change: "created",
};

export const booksRecordsPollingTrigger = pollingTrigger({
  display: {
    label: "New and Updated Books Records",
    description: "Checks a Zoho Books record type in an organization on a schedule and starts the flow with every record created or modified since the last check, each exactly once.",
  },
  allowsBranching: false,
  inputs: { connection: connectionInput, organizationId, recordType, emit: emitInput, startTime: startTimeInput },
  perform: async (context, payload, params) => {
    const { records, polledNoChanges } = await pollBooks(context, params);
    return { payload: { ...payload, body: { data: records } }, polledNoChanges };
  },
  examplePayload: pollingExample([exampleContact]),
});

export const bookContactsPollingTrigger = pollingTrigger({
  display: {
    label: "New and Updated Books Contacts",
    description: "Checks Zoho Books contacts on a schedule and starts the flow with every contact created or modified since the last check, each exactly once.",
  },
  allowsBranching: false,
  inputs: { connection: connectionInput, organizationId, emit: emitInput, startTime: startTimeInput },
  perform: async (context, payload, params) => {
    const { records, polledNoChanges } = await pollBooks(context, params, "contacts");
    return { payload: { ...payload, body: { data: records } }, polledNoChanges };
  },
  examplePayload: pollingExample([exampleContact]),
});
