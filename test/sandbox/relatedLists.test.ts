/**
 * Related-list metadata over real HTTP (GET /settings/related_lists), every answer checked against
 * Zoho's related_lists.json: each list a module's records have here, and each one's href really serves
 * its records, so a client that reads the metadata first (Zoho's SDKs do) finds what the sandbox has.
 */
import { useSandbox } from "../helpers/sandbox";
import { acceptGap } from "./contractGaps";
import { crmCall } from "./crmApi";

const sandbox = useSandbox();
const get = (path: string, scopes?: string[]) => crmCall(sandbox(), "GET", path, { scopes });
const names = (body: { related_lists: Array<{ api_name: string }> }) => body.related_lists.map((l) => l.api_name);

test("a lead has Notes and Attachments, described as Zoho describes a related list", async () => {
  const { status, body } = await get("/crm/v8/settings/related_lists?module=Leads");
  expect(status).toBe(200);
  expect(names(body)).toEqual(["Notes", "Attachments"]);
  const notes = sandbox().state.crm.modules.get("Notes")!;
  expect(body.related_lists[0]).toEqual({
    id: expect.stringMatching(/^\d{19}$/),
    sequence_number: "1",
    display_label: "Notes",
    api_name: "Notes",
    module: { api_name: "Notes", id: notes.id },
    name: "Notes",
    action: null,
    href: "Leads/{ENTITYID}/Notes",
    type: "default",
    visible: true,
    customize_sort: false,
    customize_fields: false,
    customize_display_label: false,
    sort_by: { api_name: null, id: null },
    sort_order: null,
    fields: [],
    status: "visible",
  });
  expect(body.related_lists[1]).toMatchObject({
    api_name: "Attachments",
    sequence_number: "2",
    href: "Leads/{ENTITYID}/Attachments",
    module: { api_name: "Attachments", id: null },
  });
});

test("an account lists every module that looks it up, and every href serves that list", async () => {
  const { body } = await get("/crm/v8/settings/related_lists?module=Accounts");
  expect(names(body)).toEqual(expect.arrayContaining(["Notes", "Attachments", "Contacts", "Deals", "Cases", "Quotes", "Sales_Orders", "Invoices"]));
  expect(names(body)).not.toContain("Leads");
  const [account] = sandbox().seedCrm({ module: "Accounts", count: 1 });
  for (const list of body.related_lists) {
    const fields = list.api_name === "Notes" ? "Note_Title" : list.api_name === "Attachments" ? "File_Name" : "id";
    const answer = await get(`/crm/v8/${list.href.replace("{ENTITYID}", account.id)}?fields=${fields}`);
    // Nothing is related to a new account yet: 204, never an error about the list's name.
    expect([list.api_name, answer.status]).toEqual([list.api_name, 204]);
  }
  const ids = body.related_lists.map((l: { id: string }) => l.id);
  expect(new Set(ids).size).toBe(ids.length);
  // Ids stay put, so a client can keep them.
  expect((await get("/crm/v8/settings/related_lists?module=Accounts")).body.related_lists.map((l: { id: string }) => l.id)).toEqual(ids);
});

test("one related list by id; an id of another module's list is no content", async () => {
  const contacts = (await get("/crm/v8/settings/related_lists?module=Contacts")).body.related_lists;
  expect(contacts.map((l: { api_name: string }) => l.api_name)).toEqual(["Notes", "Attachments", "Contacts", "Deals"]);
  const deals = contacts.find((l: { api_name: string }) => l.api_name === "Deals");
  const one = await get(`/crm/v8/settings/related_lists/${deals.id}?module=Contacts`);
  expect([one.status, one.body]).toEqual([200, { related_lists: [deals] }]);
  const elsewhere = await get(`/crm/v8/settings/related_lists/${deals.id}?module=Leads`);
  expect(elsewhere.status).toBe(204);
});

test("the module must be named and be one the API serves; the settings scope is needed", async () => {
  const missing = await get("/crm/v8/settings/related_lists");
  expect([missing.status, missing.body]).toEqual([
    400,
    {
      code: "REQUIRED_PARAM_MISSING",
      status: "error",
      message: "One of the expected parameter is missing",
      details: { param_name: "module", param: "module" },
    },
  ]);
  // The request leaves out what related_lists.json makes required, on purpose.
  acceptGap(sandbox(), /GET \/crm\/v8\/settings\/related_lists → 400 .*missing required query parameter module/);
  const unknown = await get("/crm/v8/settings/related_lists?module=Potentials");
  expect([unknown.status, unknown.body]).toEqual([
    400,
    { code: "INVALID_MODULE", status: "error", message: "the module name given seems to be invalid", details: { param: "module" } },
  ]);
  const scoped = await get("/crm/v8/settings/related_lists?module=Leads", ["ZohoCRM.settings.related_lists.READ"]);
  expect(scoped.status).toBe(200);
  const unscoped = await get("/crm/v8/settings/related_lists?module=Leads", ["ZohoCRM.settings.fields.READ"]);
  expect([unscoped.status, unscoped.body.code]).toEqual([403, "OAUTH_SCOPE_MISMATCH"]);
});
