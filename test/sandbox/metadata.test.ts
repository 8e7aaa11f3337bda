/**
 * CRM metadata over real HTTP, every answer checked against Zoho's modules, fields, layouts, users
 * and org files: the seeded org's modules (standard and custom), their fields and layouts, users by
 * type with paging, and the org.
 */
import { useSandbox } from "../helpers/sandbox";
import { crmCall } from "./crmApi";

const sandbox = useSandbox();
const get = (path: string, scopes?: string[]) => crmCall(sandbox(), "GET", path, { scopes });

test("modules: the standard ones and the custom Shipments, each with Zoho's flags", async () => {
  const { status, body } = await get("/crm/v8/settings/modules");
  expect(status).toBe(200);
  const names = body.modules.map((m: { api_name: string }) => m.api_name);
  expect(names).toEqual(expect.arrayContaining(["Leads", "Contacts", "Accounts", "Deals", "Tasks", "Events", "Calls", "Products", "Shipments"]));
  const shipments = body.modules.find((m: { api_name: string }) => m.api_name === "Shipments");
  expect(shipments).toMatchObject({ generated_type: "custom", api_supported: true, creatable: true, singular_label: "Shipment" });
  const leads = await get("/crm/v8/settings/modules/Leads");
  expect(leads.body.modules).toEqual([expect.objectContaining({ api_name: "Leads", convertable: true, id: sandbox().state.crm.modules.get("Leads")!.id })]);
  const unknown = await get("/crm/v8/settings/modules/Potentials");
  expect([unknown.status, unknown.body.code]).toEqual([400, "INVALID_MODULE"]);
});

test("fields: mandatory flags, picklist values, lookups and types of a module", async () => {
  const { body } = await get("/crm/v8/settings/fields?module=Leads");
  const byName = new Map(body.fields.map((f: { api_name: string }) => [f.api_name, f]));
  expect(byName.get("Last_Name")).toMatchObject({ data_type: "text", system_mandatory: true, json_type: "string", length: 255 });
  expect(byName.get("First_Name")).toMatchObject({ system_mandatory: false });
  expect(byName.get("Lead_Status")).toMatchObject({ data_type: "picklist" });
  expect((byName.get("Lead_Status") as { pick_list_values: Array<{ actual_value: string }> }).pick_list_values.map((v) => v.actual_value)).toContain(
    "Contacted",
  );
  expect(byName.get("Annual_Revenue")).toMatchObject({ data_type: "currency", json_type: "double", decimal_place: 2 });
  expect(byName.get("Created_Time")).toMatchObject({ data_type: "datetime", read_only: true });

  const contacts = await get("/crm/v8/settings/fields?module=Contacts");
  const account = contacts.body.fields.find((f: { api_name: string }) => f.api_name === "Account_Name");
  expect(account.lookup.module).toEqual({ api_name: "Accounts", id: sandbox().state.crm.modules.get("Accounts")!.id });

  const one = await get(`/crm/v8/settings/fields/${account.id}?module=Contacts`);
  expect(one.body.fields).toEqual([account]);
});

test("fields: the module must be named and exist", async () => {
  const missing = await get("/crm/v8/settings/fields");
  expect([missing.status, missing.body.code, missing.body.details]).toEqual([400, "REQUIRED_PARAM_MISSING", { param_name: "module" }]);
  const unknown = await get("/crm/v8/settings/fields?module=Potentials");
  expect([unknown.status, unknown.body.code]).toEqual([400, "INVALID_MODULE"]);
  sandbox().violations.splice(0); // fields.json makes `module` required
});

test("layouts: the Standard layout lists every field, mandatory ones required", async () => {
  const { status, body } = await get("/crm/v8/settings/layouts?module=Deals");
  expect(status).toBe(200);
  expect(body.layouts).toHaveLength(1);
  const [layout] = body.layouts;
  expect(layout.name).toBe("Standard");
  const fields = layout.sections.flatMap((s: { fields: unknown[] }) => s.fields);
  expect(fields.map((f: { api_name: string }) => f.api_name)).toEqual(
    sandbox()
      .state.crm.modules.get("Deals")!
      .fields.map((f) => f.api_name),
  );
  expect(fields.filter((f: { required: boolean }) => f.required).map((f: { api_name: string }) => f.api_name)).toEqual(["Deal_Name", "Stage"]);
  const leads = await get("/crm/v8/settings/layouts?module=Leads");
  expect(leads.body.layouts[0].convert_mapping.Contacts.id).toBe(sandbox().state.crm.modules.get("Contacts")!.layouts![0].id);
});

test("users: by type, paged, the current user, and one by id", async () => {
  const users = sandbox().state.users;
  const active = await get("/crm/v8/users?type=ActiveUsers");
  expect(active.body.users.map((u: { full_name: string }) => u.full_name)).toEqual(["Patricia Boyle", "Kris Marrier", "Carissa Kidman"]);
  expect(active.body.info).toEqual({ per_page: 200, count: 3, page: 1, more_records: false });
  const firstTwo = await get("/crm/v8/users?type=ActiveUsers&per_page=2");
  expect([firstTwo.body.users.length, firstTwo.body.info.more_records]).toEqual([2, true]);
  const rest = await get("/crm/v8/users?type=ActiveUsers&per_page=2&page=2");
  expect(rest.body.users.map((u: { id: string }) => u.id)).toEqual([users[2].id]);
  users[2].confirm = false;
  const confirmed = await get("/crm/v8/users?type=ActiveConfirmedUsers");
  expect(confirmed.body.users.map((u: { id: string }) => u.id)).toEqual([users[0].id, users[1].id]);
  users[2].confirm = true;
  expect((await get("/crm/v8/users?type=DeactiveUsers")).status).toBe(204);
  const current = await get("/crm/v8/users?type=CurrentUser");
  expect(current.body.users.map((u: { id: string }) => u.id)).toEqual([users[0].id]);
  const one = await get(`/crm/v8/users/${users[1].id}`);
  expect(one.body.users[0]).toMatchObject({ id: users[1].id, email: "krismarrier@zylker.com", role: { name: "Manager" }, profile: { name: "Standard" } });
  expect((await get("/crm/v8/users/5725767000999999999")).status).toBe(204);
});

test("org: one organization with its id, currency and time zone", async () => {
  const { status, body } = await get("/crm/v8/org");
  expect(status).toBe(200);
  expect(body.org).toEqual([
    expect.objectContaining({ id: sandbox().state.org.id, company_name: "Zylker", iso_code: "USD", time_zone: "America/Los_Angeles" }),
  ]);
});

test("metadata scopes: settings.ALL covers fields, not users", async () => {
  expect((await get("/crm/v8/settings/fields?module=Leads", ["ZohoCRM.settings.ALL"])).status).toBe(200);
  expect((await get("/crm/v8/settings/modules", ["ZohoCRM.settings.modules.READ"])).status).toBe(200);
  expect((await get("/crm/v8/users", ["ZohoCRM.settings.ALL"])).status).toBe(403);
  expect((await get("/crm/v8/users", ["ZohoCRM.users.READ"])).status).toBe(200);
});
