/**
 * The sandbox as a client no one here wrote sees it: Zoho's official CRM v8 TypeScript SDK
 * (@zohocrm/typescript-sdk-8.0), pointed at the sandbox with DataCenter.setEnvironment. The SDK reads
 * metadata before it trusts an answer (the current user and org at start, a module's fields before its
 * records, a module's related lists before related records) and types every value from those fields, so
 * a metadata answer unlike Zoho's breaks it here. Every exchange is also checked against Zoho's OpenAPI files.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as ZOHOCRMSDK from "@zohocrm/typescript-sdk-8.0";
import type { CrmRecord } from "../../sandbox/state";
import { useSandbox } from "../helpers/sandbox";

/** The calls the sandbox answered, as "METHOD path?query", in order. */
const seen: string[] = [];
const sandbox = useSandbox({
  onExchange: (e) => seen.push(`${e.method} ${e.path}${Object.keys(e.query).length ? `?${new URLSearchParams(e.query as Record<string, string>)}` : ""}`),
});
let resources: string;
let lead: CrmRecord;
let account: CrmRecord;
let contacts: CrmRecord[];

const params = async (entries: Array<[ZOHOCRMSDK.Param<unknown>, unknown]>) => {
  const map = new ZOHOCRMSDK.ParameterMap();
  for (const [param, value] of entries) await map.add(param, value);
  return map;
};

beforeAll(async () => {
  const s = sandbox();
  [lead] = s.seedCrm({ module: "Leads", count: 2 });
  [account] = s.seedCrm({ module: "Accounts", count: 1 });
  contacts = s.seedCrm({
    module: "Contacts",
    count: 2,
    fields: (i) => ({ Last_Name: `Kidman ${i}`, Account_Name: { name: account.Account_Name, id: account.id } }),
  });
  // The SDK keeps its field metadata and token store in files under its resource path.
  resources = fs.mkdtempSync(path.join(os.tmpdir(), "zoho-sdk-"));
  const token = s.issueToken({ dc: "us", clientId: "sdk-client" });
  await new ZOHOCRMSDK.InitializeBuilder()
    // Every URL the SDK builds starts with this environment's URLs: the sandbox's, for API, accounts and uploads.
    .environment(ZOHOCRMSDK.DataCenter.setEnvironment(s.url, s.url, s.url))
    .token(new ZOHOCRMSDK.OAuthBuilder().accessToken(token.accessToken).build())
    .store(new ZOHOCRMSDK.FileStore(path.join(resources, "tokens.txt")))
    .SDKConfig(new ZOHOCRMSDK.SDKConfigBuilder().autoRefreshFields(false).pickListValidation(true).build())
    .logger(new ZOHOCRMSDK.LogBuilder().level(ZOHOCRMSDK.Levels.OFF).filePath(path.join(resources, "sdk.log")).build())
    // The trailing slash is needed: the SDK appends "resources/" to this path without a separator when it stores related lists.
    .resourcePath(`${resources}/`)
    .initialize();
});

afterAll(() => fs.rmSync(resources, { recursive: true, force: true }));

test("at start the SDK names its user from the current user and the org", () => {
  expect(seen.slice(0, 2)).toEqual(["GET /crm/v8/users?type=CurrentUser", "GET /crm/v8/org"]);
});

test("reads records: fields first, then the records, each value typed from the fields' metadata", async () => {
  seen.length = 0;
  const response = await new ZOHOCRMSDK.Record.RecordOperations("Leads").getRecords(
    await params([[ZOHOCRMSDK.Record.GetRecordsParam.FIELDS, "Last_Name,Email,Owner,Created_Time,Annual_Revenue"]]),
    new ZOHOCRMSDK.HeaderMap(),
  );
  expect(seen).toEqual(["GET /crm/v8/settings/fields?module=Leads", "GET /crm/v8/Leads?fields=Last_Name%2CEmail%2COwner%2CCreated_Time%2CAnnual_Revenue"]);
  expect(response.getStatusCode()).toBe(200);
  const wrapper = response.getObject();
  expect(wrapper).toBeInstanceOf(ZOHOCRMSDK.Record.ResponseWrapper);
  const records = (wrapper as ZOHOCRMSDK.Record.ResponseWrapper).getData();
  expect(records).toHaveLength(2);
  const first = records[0];
  expect(first.getId()).toBe(BigInt(lead.id));
  expect(first.getKeyValue("Last_Name")).toBe(lead.Last_Name);
  expect(first.getKeyValue("Email")).toBe(lead.Email);
  expect(first.getCreatedTime()).toBeInstanceOf(Date);
  expect(first.getCreatedTime().toISOString()).toBe(new Date(String(lead.Created_Time)).toISOString());
  const owner = first.getKeyValue("Owner");
  expect(owner).toBeInstanceOf(ZOHOCRMSDK.Users.MinifiedUser);
  expect(owner.getId()).toBe(BigInt((lead.Owner as { id: string }).id));
  const info = (wrapper as ZOHOCRMSDK.Record.ResponseWrapper).getInfo();
  expect([info.getCount(), info.getMoreRecords()]).toEqual([2, false]);
});

test("reads one record by id", async () => {
  const response = await new ZOHOCRMSDK.Record.RecordOperations("Accounts").getRecord(BigInt(account.id), await params([]), new ZOHOCRMSDK.HeaderMap());
  expect(response.getStatusCode()).toBe(200);
  const [record] = (response.getObject() as ZOHOCRMSDK.Record.ResponseWrapper).getData();
  expect(record.getKeyValue("Account_Name")).toBe(account.Account_Name);
});

test("reads a related list: the module's related lists first, then the related module's fields, then the records", async () => {
  seen.length = 0;
  const response = await new ZOHOCRMSDK.RelatedRecords.RelatedRecordsOperations("Contacts", "Accounts").getRelatedRecords(
    BigInt(account.id),
    await params([[ZOHOCRMSDK.RelatedRecords.GetRelatedRecordsParam.FIELDS, "Last_Name,Account_Name"]]),
    new ZOHOCRMSDK.HeaderMap(),
  );
  expect(seen).toEqual([
    "GET /crm/v8/settings/related_lists?module=Accounts",
    "GET /crm/v8/settings/fields?module=Contacts",
    `GET /crm/v8/Accounts/${account.id}/Contacts?fields=Last_Name%2CAccount_Name`,
  ]);
  expect(response.getStatusCode()).toBe(200);
  const related = (response.getObject() as ZOHOCRMSDK.RelatedRecords.ResponseWrapper).getData();
  expect(related.map((r) => [r.getId(), r.getKeyValue("Last_Name")])).toEqual(contacts.map((c) => [BigInt(c.id), c.Last_Name]));
  // A lookup value becomes a Record holding the account's id and name.
  const accountName = related[0].getKeyValue("Account_Name");
  expect(accountName).toBeInstanceOf(ZOHOCRMSDK.Record.Record);
  expect(accountName.getId()).toBe(BigInt(account.id));
});

test("reads a lead's Notes through the related-list metadata, and an empty list as no content", async () => {
  const s = sandbox();
  s.seedCrm({
    module: "Notes",
    count: 1,
    fields: () => ({ Note_Title: "Call back", Note_Content: "Wants a quote", Parent_Id: { id: lead.id, name: lead.Last_Name }, $se_module: "Leads" }),
  });
  const notes = await new ZOHOCRMSDK.RelatedRecords.RelatedRecordsOperations("Notes", "Leads").getRelatedRecords(
    BigInt(lead.id),
    await params([[ZOHOCRMSDK.RelatedRecords.GetRelatedRecordsParam.FIELDS, "Note_Title,Note_Content"]]),
    new ZOHOCRMSDK.HeaderMap(),
  );
  expect(notes.getStatusCode()).toBe(200);
  const [note] = (notes.getObject() as ZOHOCRMSDK.RelatedRecords.ResponseWrapper).getData();
  expect([note.getKeyValue("Note_Title"), note.getKeyValue("Note_Content")]).toEqual(["Call back", "Wants a quote"]);

  const attachments = await new ZOHOCRMSDK.RelatedRecords.RelatedRecordsOperations("Attachments", "Leads").getRelatedRecords(
    BigInt(lead.id),
    await params([[ZOHOCRMSDK.RelatedRecords.GetRelatedRecordsParam.FIELDS, "File_Name"]]),
    new ZOHOCRMSDK.HeaderMap(),
  );
  expect(attachments.getStatusCode()).toBe(204);
});

test("related-list metadata: each list's API name and the href to read it", async () => {
  const response = await new ZOHOCRMSDK.RelatedLists.RelatedListsOperations().getRelatedLists(
    await params([[ZOHOCRMSDK.RelatedLists.GetRelatedListsParam.MODULE, "Contacts"]]),
  );
  expect(response.getStatusCode()).toBe(200);
  const lists = (response.getObject() as ZOHOCRMSDK.RelatedLists.ResponseWrapper).getRelatedLists();
  expect(lists.map((l) => [l.getAPIName(), l.getHref(), l.getModule().getAPIName()])).toEqual([
    ["Notes", "Contacts/{ENTITYID}/Notes", "Notes"],
    ["Attachments", "Contacts/{ENTITYID}/Attachments", "Attachments"],
    ["Contacts", "Contacts/{ENTITYID}/Contacts", "Contacts"],
    ["Deals", "Contacts/{ENTITYID}/Deals", "Deals"],
  ]);
  const invalid = await new ZOHOCRMSDK.RelatedLists.RelatedListsOperations().getRelatedLists(
    await params([[ZOHOCRMSDK.RelatedLists.GetRelatedListsParam.MODULE, "Potentials"]]),
  );
  expect(invalid.getStatusCode()).toBe(400);
  const error = invalid.getObject() as ZOHOCRMSDK.RelatedLists.APIException;
  expect([error.getCode().getValue(), error.getMessage()]).toEqual(["INVALID_MODULE", "the module name given seems to be invalid"]);
});

test("fields: types, mandatory flags, picklists and lookups as the SDK models them", async () => {
  const response = await new ZOHOCRMSDK.Fields.FieldsOperations().getFields(await params([[ZOHOCRMSDK.Fields.GetFieldsParam.MODULE, "Contacts"]]));
  expect(response.getStatusCode()).toBe(200);
  const fields = (response.getObject() as ZOHOCRMSDK.Fields.BodyWrapper).getFields();
  const byName = new Map(fields.map((f) => [f.getAPIName(), f]));
  expect(byName.get("Last_Name")!.getSystemMandatory()).toBe(true);
  expect(byName.get("Last_Name")!.getDataType()).toBe("text");
  expect(byName.get("Account_Name")!.getLookup().getModule().getAPIName()).toBe("Accounts");
  expect(
    byName
      .get("Salutation")!
      .getPickListValues()
      .map((v) => v.getActualValue()),
  ).toContain("Dr.");
});

test("modules, layouts, users and the org", async () => {
  const modules = await new ZOHOCRMSDK.Modules.ModulesOperations().getModules(await params([]), new ZOHOCRMSDK.HeaderMap());
  const list = (modules.getObject() as ZOHOCRMSDK.Modules.ResponseWrapper).getModules();
  expect(list.map((m) => m.getAPIName())).toEqual(expect.arrayContaining(["Leads", "Contacts", "Accounts", "Deals", "Shipments"]));
  expect(
    list
      .find((m) => m.getAPIName() === "Shipments")!
      .getGeneratedType()
      .getValue(),
  ).toBe("custom");

  const layouts = await new ZOHOCRMSDK.Layouts.LayoutsOperations().getLayouts(await params([[ZOHOCRMSDK.Layouts.GetLayoutsParam.MODULE, "Deals"]]));
  const [layout] = (layouts.getObject() as ZOHOCRMSDK.Layouts.ResponseWrapper).getLayouts();
  expect(layout.getName()).toBe("Standard");
  expect(
    layout
      .getSections()[0]
      .getFields()
      .map((f) => f.getAPIName()),
  ).toContain("Deal_Name");

  const users = await new ZOHOCRMSDK.Users.UsersOperations().getUsers(
    await params([[ZOHOCRMSDK.Users.GetUsersParam.TYPE, "ActiveUsers"]]),
    new ZOHOCRMSDK.HeaderMap(),
  );
  const active = (users.getObject() as ZOHOCRMSDK.Users.ResponseWrapper).getUsers();
  expect(active.map((u) => u.getEmail())).toEqual(
    sandbox()
      .state.users.filter((u) => u.status === "active")
      .map((u) => u.email),
  );
  expect(active[0].getRole().getName()).toBe("CEO");

  const org = await new ZOHOCRMSDK.Org.OrgOperations().getOrganization();
  const [details] = (org.getObject() as ZOHOCRMSDK.Org.ResponseWrapper).getOrg();
  expect([details.getCompanyName(), details.getId()]).toEqual(["Zylker", sandbox().state.org.id]);
});

test("one of each by id, as the SDK reads them: module, field, layout, related list, user", async () => {
  seen.length = 0;
  const module = await new ZOHOCRMSDK.Modules.ModulesOperations().getModuleByAPIName("Deals");
  expect((module.getObject() as ZOHOCRMSDK.Modules.ResponseWrapper).getModules()[0].getAPIName()).toBe("Deals");

  const deals = sandbox().state.crm.modules.get("Deals")!;
  const stage = deals.fields.find((f) => f.api_name === "Stage")!;
  const field = await new ZOHOCRMSDK.Fields.FieldsOperations().getField(BigInt(stage.id!), await params([[ZOHOCRMSDK.Fields.GetFieldParam.MODULE, "Deals"]]));
  expect((field.getObject() as ZOHOCRMSDK.Fields.BodyWrapper).getFields()[0].getAPIName()).toBe("Stage");

  const layoutId = deals.layouts![0].id;
  const layout = await new ZOHOCRMSDK.Layouts.LayoutsOperations().getLayout(
    BigInt(layoutId),
    await params([[ZOHOCRMSDK.Layouts.GetLayoutParam.MODULE, "Deals"]]),
  );
  expect(layout.getStatusCode()).toBe(200);
  expect((layout.getObject() as ZOHOCRMSDK.Layouts.ResponseWrapper).getLayouts()[0].getId()).toBe(BigInt(layoutId));

  const lists = await new ZOHOCRMSDK.RelatedLists.RelatedListsOperations().getRelatedLists(
    await params([[ZOHOCRMSDK.RelatedLists.GetRelatedListsParam.MODULE, "Deals"]]),
  );
  const quotes = (lists.getObject() as ZOHOCRMSDK.RelatedLists.ResponseWrapper).getRelatedLists().find((l) => l.getAPIName() === "Quotes")!;
  const one = await new ZOHOCRMSDK.RelatedLists.RelatedListsOperations().getRelatedList(
    BigInt(quotes.getId()),
    await params([[ZOHOCRMSDK.RelatedLists.GetRelatedListParam.MODULE, "Deals"]]),
  );
  expect((one.getObject() as ZOHOCRMSDK.RelatedLists.ResponseWrapper).getRelatedLists().map((l) => l.getHref())).toEqual(["Deals/{ENTITYID}/Quotes"]);

  const admin = sandbox().state.users[0];
  const user = await new ZOHOCRMSDK.Users.UsersOperations().getUser(BigInt(String(admin.id)), new ZOHOCRMSDK.HeaderMap());
  expect((user.getObject() as ZOHOCRMSDK.Users.ResponseWrapper).getUsers()[0].getEmail()).toBe(admin.email);
  // Before the sandbox served GET /settings/layouts/{id}, that call fell through to the records route (400 INVALID_MODULE).
  expect(seen).toContain(`GET /crm/v8/settings/layouts/${layoutId}?module=Deals`);
});

test("writes a record: the SDK checks it against the fields' metadata, then Zoho's per-record answer comes back typed", async () => {
  const lead = new ZOHOCRMSDK.Record.Record();
  lead.addFieldValue(ZOHOCRMSDK.Record.Field.Leads.LAST_NAME, "Schmitt");
  lead.addFieldValue(ZOHOCRMSDK.Record.Field.Leads.EMAIL, "schmitt@example.com");
  // With pickListValidation on, the SDK refuses a value the field's pick_list_values lack.
  lead.addFieldValue(ZOHOCRMSDK.Record.Field.Leads.LEAD_STATUS, new ZOHOCRMSDK.Choice("Contacted"));
  const body = new ZOHOCRMSDK.Record.BodyWrapper();
  body.setData([lead]);
  const created = await new ZOHOCRMSDK.Record.RecordOperations("Leads").createRecords(body, new ZOHOCRMSDK.HeaderMap());
  expect(created.getStatusCode()).toBe(201);
  const [answer] = (created.getObject() as ZOHOCRMSDK.Record.ActionWrapper).getData();
  expect(answer).toBeInstanceOf(ZOHOCRMSDK.Record.SuccessResponse);
  const success = answer as ZOHOCRMSDK.Record.SuccessResponse;
  expect([success.getStatus().getValue(), success.getCode().getValue()]).toEqual(["success", "SUCCESS"]);
  const id = String(success.getDetails().get("id"));
  expect(sandbox().state.crm.records.get("Leads")!.get(id)).toMatchObject({ Last_Name: "Schmitt", Lead_Status: "Contacted" });

  const wrong = new ZOHOCRMSDK.Record.Record();
  wrong.addFieldValue(ZOHOCRMSDK.Record.Field.Leads.LAST_NAME, "Nowhere");
  wrong.addFieldValue(ZOHOCRMSDK.Record.Field.Leads.LEAD_STATUS, new ZOHOCRMSDK.Choice("Not a status"));
  const refused = new ZOHOCRMSDK.Record.BodyWrapper();
  refused.setData([wrong]);
  seen.length = 0;
  await expect(new ZOHOCRMSDK.Record.RecordOperations("Leads").createRecords(refused, new ZOHOCRMSDK.HeaderMap())).rejects.toMatchObject({
    code: "UNACCEPTED VALUES ERROR",
  });
  expect(seen.filter((call) => call.startsWith("POST"))).toEqual([]);
});

test("with autoRefreshFields the SDK reads the module list and every module's fields, and all of them parse", async () => {
  const s = sandbox();
  const fresh = fs.mkdtempSync(path.join(os.tmpdir(), "zoho-sdk-refresh-"));
  try {
    await new ZOHOCRMSDK.InitializeBuilder()
      .environment(ZOHOCRMSDK.DataCenter.setEnvironment(s.url, s.url, s.url))
      .token(new ZOHOCRMSDK.OAuthBuilder().accessToken(s.issueToken({ dc: "us", clientId: "sdk-client" }).accessToken).build())
      .store(new ZOHOCRMSDK.FileStore(path.join(fresh, "tokens.txt")))
      .SDKConfig(new ZOHOCRMSDK.SDKConfigBuilder().autoRefreshFields(true).pickListValidation(true).build())
      .logger(new ZOHOCRMSDK.LogBuilder().level(ZOHOCRMSDK.Levels.OFF).filePath(path.join(fresh, "sdk.log")).build())
      .resourcePath(`${fresh}/`)
      .initialize();
    seen.length = 0;
    const response = await new ZOHOCRMSDK.Record.RecordOperations("Leads").getRecords(
      await params([[ZOHOCRMSDK.Record.GetRecordsParam.FIELDS, "Last_Name"]]),
      new ZOHOCRMSDK.HeaderMap(),
    );
    expect(response.getStatusCode()).toBe(200);
    const modules = [...s.state.crm.modules.values()].filter((m) => m.api_supported).map((m) => m.api_name);
    expect(seen).toEqual([
      "GET /crm/v8/settings/modules",
      ...modules.map((m) => `GET /crm/v8/settings/fields?module=${m}`),
      "GET /crm/v8/Leads?fields=Last_Name",
    ]);
    // The SDK's field store holds every module's fields: none of the answers was refused.
    const [store] = fs.readdirSync(path.join(fresh, "resources"));
    const saved = JSON.parse(fs.readFileSync(path.join(fresh, "resources", store), "utf8"));
    for (const module of modules) expect([module, Object.keys(saved[module.toLowerCase()] ?? {}).length > 0]).toEqual([module, true]);
  } finally {
    fs.rmSync(fresh, { recursive: true, force: true });
  }
});
