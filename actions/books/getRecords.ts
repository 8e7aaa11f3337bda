import { input } from "@prismatic-io/spectral";
import { z } from "zod/v3";
import { collectionPath } from "../../src/books/catalog";
import { recordTarget, withTarget } from "../../src/fields/books";
import { fetchAll, perPage } from "../../src/fields/crm";
import { cleanInt, cleanPass, field, withSchema } from "../../src/fields/field";
import { intInRange, keyValueList } from "../../src/fields/schemas";
import { BOOKS_PAGE_MAX, collect } from "../../src/http/pagination";
import { zohoAction } from "../../src/step";
import { exampleInvoice, examplePageContext } from "./examples";

const page = field(
  input({
    label: "Page",
    type: "string",
    required: false,
    default: "1",
    comments: "Page number, starting at 1. Ignored with Fetch All.",
    example: "2",
    clean: cleanInt,
  }),
  () => intInRange(1, 100_000, 1),
);

/** Paging has its own inputs; the same names among the filters would silently fight them. */
const RESERVED = new Set(["organization_id", "page", "per_page"]);

const searchFields = field(
  input({
    label: "Search Fields",
    type: "string",
    collection: "keyvaluelist",
    required: false,
    comments:
      "Books list filters as name and value, e.g. search_text, status (or filter_by=Status.Unpaid), last_modified_time (2026-11-22T10:15:30+0000), customer_id, invoice_number_startswith.",
    example: "status=unpaid",
    clean: cleanPass,
  }),
  () =>
    keyValueList().pipe(
      z
        .record(z.string(), z.union([z.string(), z.number(), z.boolean()], { message: "each value must be text, a number or true/false" }))
        .refine((pairs) => !Object.keys(pairs).some((key) => RESERVED.has(key)), {
          message: "organization_id, page and per_page have their own inputs: remove them from the list",
        }),
    ),
);

/** The CRM Per Page input, limited by Books' page size. */
const per_page = withSchema(perPage, () => intInRange(1, BOOKS_PAGE_MAX, BOOKS_PAGE_MAX));

export const booksGetRecords = zohoAction({
  display: {
    label: "Get Books Records",
    description: "List Zoho Books records of one type, one page at a time or every page (Fetch All), filtered by Books' list filters.",
  },
  fields: { ...recordTarget, searchFields, page, per_page, fetchAll },
  refine: (schema) => withTarget(schema),
  client: "books",
  perform: async (_context, input, books) => {
    const pages = books.pages(collectionPath(input.type, input.parentRecordId), input.type.plural, input.searchFields, {
      perPage: input.per_page,
      startPage: input.fetchAll ? 1 : input.page,
      maxPages: input.fetchAll ? Number.POSITIVE_INFINITY : 1,
    });
    const { records, lastInfo } = await collect(pages);
    return { data: { records, page_context: lastInfo } };
  },
  examplePayload: { data: { records: [exampleInvoice], page_context: examplePageContext } },
});
