import { crmListFields } from "../../../actions/crm/listFields";
import { useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { expectNoRequest, run } from "../books/harness";

const sandbox = useSandbox();

it("lists a module's fields with data types, picklist values, lookups and mandatory markers", async () => {
  const s = sandbox();
  const before = s.log.length;
  const result = await run(crmListFields, s, { recordType: "Deals" });
  expectSameShape(result, crmListFields.examplePayload);
  expect(s.log[before]).toMatchObject({ path: "/crm/v8/settings/fields", query: { module: "Deals" } });
  const byName = new Map(result.data.map((f: any) => [f.api_name, f]));
  expect(byName.get("Deal_Name")).toMatchObject({ data_type: "text", system_mandatory: true, pick_list_values: [], lookup_module: null });
  expect(byName.get("Stage")).toMatchObject({ data_type: "picklist", system_mandatory: true });
  expect((byName.get("Stage") as any).pick_list_values).toContainEqual({ display_value: "Closed Won", actual_value: "Closed Won" });
  expect(byName.get("Account_Name")).toMatchObject({ data_type: "lookup", lookup_module: "Accounts", system_mandatory: false });
  expect(byName.get("Created_Time")).toMatchObject({ read_only: true });
});

it("rejects a module name with spaces before any request", async () => {
  const s = sandbox();
  await expectNoRequest(s, () => expect(run(crmListFields, s, { recordType: "Sales Orders" })).rejects.toThrow(/"Module".*without spaces/));
});

it("reports Zoho's INVALID_MODULE for a module the org does not have", async () => {
  const s = sandbox();
  await expect(run(crmListFields, s, { recordType: "Leadz" })).rejects.toThrow(/INVALID_MODULE/);
});
