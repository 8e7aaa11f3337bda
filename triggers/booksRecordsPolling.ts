import type { PollingContext } from "@prismatic-io/spectral/dist/types/PollingTriggerDefinition";
import { z } from "zod/v3";
import { booksRecordType, type BooksRecordType } from "../src/books/catalog";
import type { BooksClient } from "../src/books/client";
import { booksChangePage, newestBooksModifiedTime } from "../src/books/changes";
import { pollingExample } from "../src/examples";
import { organizationId, recordType } from "../src/fields/books";
import { withSchema } from "../src/fields/field";
import { emit, startTime } from "../src/fields/polling";
import { runPoll, type Emit } from "../src/polling";
import { zohoPollingTrigger } from "../src/step";

/** Top-level types only: nested ones (contact persons, tasks) have no list across parents. */
const watchedType = withSchema(recordType, () =>
  z.string({ message: "pick a record type" }).transform((key, ctx) => {
    const type = booksRecordType(key);
    if (!type || type.parent) {
      ctx.addIssue({
        code: "custom",
        message: `"${key}" is not a Books record type this trigger can watch: pick one from the list (nested types such as contact persons are not listed across parents)`,
      });
      return z.NEVER;
    }
    return type as BooksRecordType;
  }),
);

interface BooksPoll {
  type: BooksRecordType;
  emit: Emit;
  startTime?: string;
}

const pollBooks = (context: PollingContext, input: BooksPoll, books: BooksClient) => {
  const scope = `${books.organizationId}/${input.type.key}`;
  return runPoll(context.polling, {
    scope,
    sameScope: (stored) => stored.scope === scope,
    scopeState: { scope },
    startTime: input.startTime,
    emit: input.emit,
    newest: () => newestBooksModifiedTime(books, input.type),
    changes: async () => ({ fetchPage: booksChangePage(books, input.type) }),
  });
};

const exampleContact = {
  contact_id: "460000000026049",
  contact_name: "Bowman and Co",
  company_name: "Bowman and Co",
  created_time: "2026-11-22T10:15:30+0000",
  last_modified_time: "2026-11-22T10:15:30+0000",
  _change: "created",
};

export const booksRecordsPollingTrigger = zohoPollingTrigger({
  display: {
    label: "New and Updated Books Records",
    description:
      "Checks a Zoho Books record type in an organization on a schedule and starts the flow with every record created or modified since the last check, each exactly once.",
  },
  fields: { organizationId, recordType: watchedType, emit, startTime },
  client: "books",
  perform: async (context, input, books, payload) => {
    const { records, polledNoChanges } = await pollBooks(context, { ...input, type: input.recordType }, books);
    return { payload: { ...payload, body: { data: records } }, polledNoChanges };
  },
  examplePayload: pollingExample([exampleContact]),
});

export const bookContactsPollingTrigger = zohoPollingTrigger({
  display: {
    label: "New and Updated Books Contacts",
    description: "Checks Zoho Books contacts on a schedule and starts the flow with every contact created or modified since the last check, each exactly once.",
  },
  fields: { organizationId, emit, startTime },
  client: "books",
  perform: async (context, input, books, payload) => {
    const { records, polledNoChanges } = await pollBooks(context, { ...input, type: booksRecordType("contacts")! }, books);
    return { payload: { ...payload, body: { data: records } }, polledNoChanges };
  },
  examplePayload: pollingExample([exampleContact]),
});
