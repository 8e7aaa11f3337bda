import { input } from "@prismatic-io/spectral";
import { recordType } from "../src/fields/crm";
import { cleanText, field } from "../src/fields/field";
import { optionalRecordId } from "../src/fields/schemas";
import { listFields } from "../src/crm/metadata";
import { recordFieldsForm } from "../src/crm/recordForm";
import { zohoDataSource } from "../src/step";

const recordId = field(
  input({
    label: "Record ID",
    type: "string",
    required: false,
    comments: "Optional: the record to update. Given, the form opens with its current values and no field is required; empty, it is a form for a new record.",
    example: "5725767000000524157",
    clean: cleanText,
  }),
  optionalRecordId,
);

/** A record's values as the form holds them: lookups as {id}, empty values left out. */
const formValues = (record: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(record)
      .filter(([, value]) => value !== null && value !== undefined)
      .map(([key, value]) => [
        key,
        typeof value === "object" && !Array.isArray(value) && "id" in (value as object) ? { id: String((value as { id: unknown }).id) } : value,
      ]),
  );

export const crmRecordFieldsForm = zohoDataSource({
  display: {
    label: "CRM Record Fields Form",
    description:
      "A form of a CRM module's writable fields (typed, picklists as choices, mandatory fields required) whose data is a record body for Create Record or Update Record.",
  },
  dataSourceType: "jsonForm",
  fields: { recordType, recordId },
  perform: async (_context, input, client) => {
    const fields = await listFields(client, input.recordType);
    if (!input.recordId) return { result: recordFieldsForm(fields, { operation: "create" }) };
    const response = await client.request<{ data?: Array<Record<string, unknown>> }>({ api: "crm", path: `/${input.recordType}/${input.recordId}` });
    const record = response.status === 204 ? {} : (response.data?.data?.[0] ?? {});
    return { result: recordFieldsForm(fields, { operation: "update", data: formValues(record) }) };
  },
  examplePayload: {
    result: {
      schema: {
        type: "object",
        properties: {
          Last_Name: { type: "string", maxLength: 255, title: "Last Name" },
          Email: { type: "string", format: "email", maxLength: 100, title: "Email" },
          Lead_Source: {
            type: "string",
            oneOf: [
              { const: "Cold Call", title: "Cold Call" },
              { const: "Trade Show", title: "Trade Show" },
            ],
            title: "Lead Source",
          },
          Owner: { type: "object", properties: { id: { type: "string", title: "User ID", pattern: "^\\d{1,25}$" } }, required: ["id"], title: "Owner" },
        },
        required: ["Last_Name"],
        additionalProperties: false,
      },
      uiSchema: {
        type: "VerticalLayout",
        elements: [
          { type: "Control", scope: "#/properties/Last_Name", label: "Last Name" },
          { type: "Control", scope: "#/properties/Email", label: "Email" },
          { type: "Control", scope: "#/properties/Lead_Source", label: "Lead Source" },
          { type: "Control", scope: "#/properties/Owner", label: "Owner" },
        ],
      } as { type: string },
      data: {},
    },
  },
});
