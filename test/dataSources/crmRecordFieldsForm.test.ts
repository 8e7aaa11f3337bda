/** The JSON Forms data source: from the sandbox's field metadata, and field types the sandbox has none of. */
import { crmRecordFieldsForm } from "../../dataSources/crmRecordFieldsForm";
import { configureTestTransport } from "../../src/http/transport";
import type { FieldMeta } from "../../src/crm/metadata";
import { recordFieldsForm } from "../../src/crm/recordForm";
import { useSandbox } from "../helpers/sandbox";
import { expectSameShape } from "../helpers/shape";
import { apiCalls, runDataSource } from "./harness";

const sandbox = useSandbox();
beforeAll(() => configureTestTransport({ retry: { baseDelayMs: 5, maxDelayMs: 2000 } }));

const controls = (form: any) => form.uiSchema.elements.map((element: any) => element.scope.replace("#/properties/", ""));

describe("crmRecordFieldsForm against the sandbox", () => {
  it("a new lead: writable fields typed as Zoho stores them, mandatory ones required, in one call", async () => {
    const s = sandbox();
    const from = s.log.length;
    const out = await runDataSource(crmRecordFieldsForm, s, { recordType: "Leads" });
    const { schema, uiSchema, data } = out.result;
    // Properties are keyed by field: the example's fields must exist, each shaped as the real one.
    const example = crmRecordFieldsForm.examplePayload!.result as any;
    const sameFields = Object.fromEntries(Object.keys(example.schema.properties).map((key) => [key, schema.properties[key]]));
    expectSameShape({ result: { ...out.result, schema: { ...schema, properties: sameFields } } }, crmRecordFieldsForm.examplePayload);
    expect(data).toEqual({});
    expect(schema.type).toBe("object");
    expect(schema.required).toEqual(["Last_Name"]);
    expect(schema.properties.Last_Name).toEqual({ type: "string", maxLength: 255, title: "Last Name" });
    expect(schema.properties.Email).toMatchObject({ type: "string", format: "email" });
    expect(schema.properties.Email_Opt_Out).toMatchObject({ type: "boolean" });
    expect(schema.properties.Lead_Source.oneOf).toContainEqual({ const: "Cold Call", title: "Cold Call" });
    expect(schema.properties.Owner).toMatchObject({ type: "object", required: ["id"] });
    // Zoho computes these: the form leaves them out.
    for (const computed of ["Full_Name", "Created_Time", "Modified_Time", "Created_By", "Modified_By"]) expect(schema.properties[computed]).toBeUndefined();
    expect(uiSchema.type).toBe("VerticalLayout");
    expect(controls(out.result)).toEqual(Object.keys(schema.properties));
    expect(apiCalls(s, from)).toEqual([expect.objectContaining({ path: "/crm/v8/settings/fields", query: { module: "Leads" } })]);
  });

  it("numbers, currency and dates get number and date types", async () => {
    const { schema } = (await runDataSource(crmRecordFieldsForm, sandbox(), { recordType: "Deals" })).result;
    expect(schema.properties.Amount).toMatchObject({ type: "number" });
    expect(schema.properties.Closing_Date).toMatchObject({ type: "string", format: "date" });
    expect(schema.properties.Stage.oneOf.map((choice: any) => choice.const)).toContain("Closed Won");
    expect(schema.required).toEqual(expect.arrayContaining(["Deal_Name"]));
  });

  it("an existing record: opens with its values, lookups as {id}, and requires nothing", async () => {
    const s = sandbox();
    const [lead] = s.seedCrm({ module: "Leads", count: 1, fields: () => ({ Last_Name: "Formby", Email: "formby@example.com", Lead_Source: "Trade Show" }) });
    const from = s.log.length;
    const { schema, data } = (await runDataSource(crmRecordFieldsForm, s, { recordType: "Leads", recordId: lead.id })).result;
    expect(schema.required).toBeUndefined();
    expect(data).toMatchObject({ Last_Name: "Formby", Email: "formby@example.com", Lead_Source: "Trade Show", Owner: { id: (lead.Owner as any).id } });
    expect(Object.keys(data).every((key) => key in schema.properties)).toBe(true);
    expect(apiCalls(s, from).map((call) => call.path)).toEqual(["/crm/v8/settings/fields", `/crm/v8/Leads/${lead.id}`]);
  });

  it("refuses a bad record id before any call", async () => {
    const s = sandbox();
    const from = s.log.length;
    await expect(runDataSource(crmRecordFieldsForm, s, { recordType: "Leads", recordId: "abc" })).rejects.toThrow(/Input "Record ID" \(recordId\)/);
    expect(apiCalls(s, from)).toEqual([]);
  });
});

describe("recordFieldsForm", () => {
  const fields: FieldMeta[] = [
    { api_name: "Name", field_label: "Name", data_type: "text", system_mandatory: true, length: 120 },
    { api_name: "Seats", field_label: "Seats", data_type: "integer" },
    { api_name: "Discount", field_label: "Discount", data_type: "percent" },
    { api_name: "Renewal_At", field_label: "Renewal At", data_type: "datetime" },
    {
      api_name: "Regions",
      field_label: "Regions",
      data_type: "multiselectpicklist",
      pick_list_values: [
        { display_value: "-None-", actual_value: "-None-" },
        { display_value: "Europe", actual_value: "EU" },
        { display_value: "Asia", actual_value: "APAC" },
      ],
    },
    { api_name: "Account", field_label: "Account", data_type: "lookup", lookup: { module: { api_name: "Accounts" } } },
    { api_name: "Margin", field_label: "Margin", data_type: "formula" },
    { api_name: "Ref_No", field_label: "Ref No", data_type: "autonumber" },
    { api_name: "Items", field_label: "Items", data_type: "subform" },
    { api_name: "Locked", field_label: "Locked", data_type: "text", field_read_only: true },
    { api_name: "Create_Only", field_label: "Create Only", data_type: "text", operation_type: { api_create: true, api_update: false } },
  ];

  it("maps each type, keeps actual values with display labels, and leaves out what the API cannot write", () => {
    const form: any = recordFieldsForm(fields, { operation: "create" });
    expect(Object.keys(form.schema.properties)).toEqual(["Name", "Seats", "Discount", "Renewal_At", "Regions", "Account", "Create_Only"]);
    expect(form.schema.properties.Seats).toEqual({ type: "integer", title: "Seats" });
    expect(form.schema.properties.Discount.type).toBe("number");
    expect(form.schema.properties.Renewal_At).toEqual({ type: "string", format: "date-time", title: "Renewal At" });
    expect(form.schema.properties.Regions).toEqual({
      type: "array",
      uniqueItems: true,
      items: {
        type: "string",
        oneOf: [
          { const: "EU", title: "Europe" },
          { const: "APAC", title: "Asia" },
        ],
      },
      title: "Regions",
    });
    expect(form.schema.properties.Account.properties.id.title).toBe("Accounts ID");
    expect(form.schema.required).toEqual(["Name"]);
    expect(form.uiSchema.elements[0]).toEqual({ type: "Control", scope: "#/properties/Name", label: "Name" });
  });

  it("on update: nothing required, create-only fields out, data limited to the form's fields", () => {
    const form: any = recordFieldsForm(fields, { operation: "update", data: { Name: "Acme", Margin: 3, id: "1" } });
    expect(form.schema.required).toBeUndefined();
    expect(form.schema.properties.Create_Only).toBeUndefined();
    expect(form.data).toEqual({ Name: "Acme" });
  });
});
