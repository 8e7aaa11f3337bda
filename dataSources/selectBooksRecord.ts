import { input } from "@prismatic-io/spectral";
import { collectionPath } from "../src/books/catalog";
import { organizationId, parentRecordId, recordType, withTarget } from "../src/fields/books";
import { cleanText, field } from "../src/fields/field";
import { optionalText } from "../src/fields/schemas";
import { BOOKS_PAGE_MAX } from "../src/http/pagination";
import { zohoDataSource } from "../src/step";

const searchText = field(
  input({
    label: "Search Text",
    type: "string",
    required: false,
    comments: "Optional text Books searches for (e.g. part of a number or name). Empty: the 200 most recently modified records.",
    example: "INV-00",
    clean: cleanText,
  }),
  optionalText,
);

/** One call, never a scan: Books' search_text, or the newest 200 records of the type. */
export const selectBooksRecord = zohoDataSource({
  display: {
    label: "Select Books Record",
    description:
      "Pick a Zoho Books record of a type by its number or name: found by search text, or from the 200 most recently modified. The value is the record's id.",
  },
  dataSourceType: "picklist",
  fields: { organizationId, recordType, parentRecordId, searchText },
  refine: (schema) => withTarget(schema),
  client: "books",
  perform: async (_context, input, books) => {
    const { type } = input;
    const response = await books.request<Record<string, unknown>>({
      path: collectionPath(type, input.parentRecordId),
      params: {
        ...(input.searchText ? { search_text: input.searchText } : {}),
        sort_column: "last_modified_time",
        sort_order: "D",
        page: 1,
        per_page: BOOKS_PAGE_MAX,
      },
    });
    const records = (response.data?.[type.plural] ?? []) as Array<Record<string, unknown>>;
    return {
      result: records.map((record) => {
        const id = String(record[type.idField]);
        const name = type.nameField ? record[type.nameField] : undefined;
        return { key: id, label: name === undefined || name === null || name === "" ? id : `${name} (${id})` };
      }),
    };
  },
  examplePayload: { result: [{ key: "460000000026049", label: "INV-000012 (460000000026049)" }] },
});
