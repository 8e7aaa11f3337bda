/** The CRM pick lists, run through spectral's invokeDataSource against the sandbox over HTTP. */
import { invoke } from "@prismatic-io/spectral/dist/testing";
import { crmEnableNotification } from "../../actions/crm/enableNotification";
import { selectCrmFields } from "../../dataSources/selectCrmFields";
import { selectCrmLayout } from "../../dataSources/selectCrmLayout";
import { selectCrmModule } from "../../dataSources/selectCrmModule";
import { selectCrmRecord } from "../../dataSources/selectCrmRecord";
import { selectCrmUser } from "../../dataSources/selectCrmUser";
import { selectNotificationChannel } from "../../dataSources/selectNotificationChannel";
import { configureTestTransport } from "../../src/http/transport";
import { connectionFor, useSandbox } from "../helpers/sandbox";
import { expectSameShape } from "../helpers/shape";
import { apiCalls, runDataSource } from "./harness";

const sandbox = useSandbox();
beforeAll(() => configureTestTransport({ retry: { baseDelayMs: 5, maxDelayMs: 2000 } }));

describe("selectCrmModule", () => {
  it("lists API-usable modules by label, valued by API name, in one call", async () => {
    const s = sandbox();
    const from = s.log.length;
    const out = await runDataSource(selectCrmModule, s);
    expectSameShape(out, selectCrmModule.examplePayload);
    expect(out.result).toContainEqual({ key: "Leads", label: "Leads (Leads)" });
    expect(out.result).toContainEqual({ key: "Price_Books", label: "Price Books (Price_Books)" });
    const labels = out.result.map((option: any) => option.label);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b)));
    expect(apiCalls(s, from).map((call) => call.path)).toEqual(["/crm/v8/settings/modules"]);
  });
});

describe("selectCrmFields", () => {
  it("lists a module's fields with API name and type, mandatory ones starred", async () => {
    const s = sandbox();
    const from = s.log.length;
    const out = await runDataSource(selectCrmFields, s, { recordType: "Leads" });
    expectSameShape(out, selectCrmFields.examplePayload);
    expect(out.result).toContainEqual({ key: "Last_Name", label: "Last Name (Last_Name, text) *" });
    expect(out.result).toContainEqual({ key: "Email", label: "Email (Email, email)" });
    expect(apiCalls(s, from)).toEqual([expect.objectContaining({ path: "/crm/v8/settings/fields", query: { module: "Leads" } })]);
  });

  it("refuses a module label with spaces before any call", async () => {
    const s = sandbox();
    const from = s.log.length;
    await expect(runDataSource(selectCrmFields, s, { recordType: "Price Books" })).rejects.toThrow(/Input "Module" \(recordType\).*API name/);
    expect(apiCalls(s, from)).toEqual([]);
  });
});

describe("selectCrmLayout", () => {
  it("lists the module's layouts by name, valued by id", async () => {
    const s = sandbox();
    const from = s.log.length;
    const out = await runDataSource(selectCrmLayout, s, { recordType: "Deals" });
    expectSameShape(out, selectCrmLayout.examplePayload);
    const layouts = s.state.crm.modules.get("Deals")!.layouts!;
    expect(out.result).toEqual(layouts.map((layout) => ({ key: layout.id, label: layout.name })));
    expect(out.result[0].label).toBe("Standard");
    expect(apiCalls(s, from)).toEqual([expect.objectContaining({ path: "/crm/v8/settings/layouts", query: { module: "Deals" }, status: 200 })]);
  });

  it("passes Zoho's answer for an unknown module on", async () => {
    await expect(runDataSource(selectCrmLayout, sandbox(), { recordType: "Nope" })).rejects.toThrow(/InvalidModule|invalid/i);
  });
});

describe("selectCrmUser", () => {
  it("lists active users as Full Name <email>, valued by id", async () => {
    const s = sandbox();
    const from = s.log.length;
    const out = await runDataSource(selectCrmUser, s);
    expectSameShape(out, selectCrmUser.examplePayload);
    const patricia = s.state.users[0];
    expect(out.result).toContainEqual({ key: patricia.id, label: "Patricia Boyle <patriciaboyle@zylker.com>" });
    expect(out.result).toHaveLength(s.state.users.filter((u) => u.status === "active").length);
    expect(apiCalls(s, from)).toEqual([
      expect.objectContaining({ path: "/crm/v8/users", query: expect.objectContaining({ type: "ActiveUsers", page: "1", per_page: "200" }) }),
    ]);
  });

  it("reads every page while Zoho says more_records, and leaves out users who are not active", async () => {
    const s = sandbox();
    const template = s.state.users[1];
    const added = Array.from({ length: 205 }, (_, i) => ({
      ...template,
      id: s.state.nextId(),
      first_name: "Temp",
      last_name: `User ${i}`,
      full_name: `Temp User ${i}`,
      email: `temp${i}@zylker.com`,
      zuid: String(70000000 + i),
    }));
    const disabled = { ...added[0], id: s.state.nextId(), full_name: "Gone Away", email: "gone@zylker.com", status: "disabled" };
    s.state.users.push(...added, disabled);
    try {
      const from = s.log.length;
      const out = await runDataSource(selectCrmUser, s);
      expect(out.result).toHaveLength(208);
      expect(out.result).toContainEqual({ key: added[204].id, label: "Temp User 204 <temp204@zylker.com>" });
      expect(out.result.some((option: any) => option.label.startsWith("Gone Away"))).toBe(false);
      expect(apiCalls(s, from).map((call) => call.query.page)).toEqual(["1", "2"]);
    } finally {
      s.state.users.splice(3);
    }
  });
});

describe("selectCrmRecord", () => {
  it("without search text: the newest 200 records in one call, labelled by name", async () => {
    const s = sandbox();
    const seeded = s.seedCrm({
      module: "Contacts",
      count: 230,
      fields: (i) => ({ First_Name: "Ann", Last_Name: `Newest${i}` }),
      modifiedAt: s.clock.now() - 60_000,
    });
    const latest = s.seedCrm({ module: "Contacts", count: 1, fields: () => ({ First_Name: "Zoe", Last_Name: "Latest" }) })[0];
    const from = s.log.length;
    const out = await runDataSource(selectCrmRecord, s, { recordType: "Contacts" });
    expectSameShape(out, selectCrmRecord.examplePayload);
    expect(out.result).toHaveLength(200);
    expect(out.result[0]).toEqual({ key: latest.id, label: `Zoe Latest (${latest.id})` });
    expect(seeded.length).toBe(230);
    expect(apiCalls(s, from)).toEqual([
      expect.objectContaining({ path: "/crm/v8/Contacts", query: { fields: "Full_Name", sort_by: "Modified_Time", sort_order: "desc", per_page: "200" } }),
    ]);
  });

  it("with search text: Zoho's word search, in one call", async () => {
    const s = sandbox();
    const [target] = s.seedCrm({ module: "Accounts", count: 1, fields: () => ({ Account_Name: "Quixotic Widgets" }) });
    s.seedCrm({ module: "Accounts", count: 3, fields: (i) => ({ Account_Name: `Plain Co ${i}` }) });
    const from = s.log.length;
    const out = await runDataSource(selectCrmRecord, s, { recordType: "Accounts", searchText: "Quixotic" });
    expect(out.result).toEqual([{ key: target.id, label: `Quixotic Widgets (${target.id})` }]);
    expect(apiCalls(s, from)).toEqual([expect.objectContaining({ path: "/crm/v8/Accounts/search", query: { word: "Quixotic", per_page: "200" } })]);
  });

  it("an empty module is an empty list", async () => {
    expect((await runDataSource(selectCrmRecord, sandbox(), { recordType: "Solutions" })).result).toEqual([]);
  });
});

describe("selectNotificationChannel", () => {
  it("lists the org's watch channels by events and expiry, valued by channel id", async () => {
    const s = sandbox();
    await invoke(crmEnableNotification, {
      connection: connectionFor(s),
      channelId: "1000000068001",
      events: ["Leads.create", "Leads.edit"],
      notifyUrl: "https://hooks.example.com/t/1",
    } as never);
    const from = s.log.length;
    const out = await runDataSource(selectNotificationChannel, s);
    expectSameShape(out, selectNotificationChannel.examplePayload);
    expect(out.result).toHaveLength(1);
    expect(out.result[0].key).toBe("1000000068001");
    expect(out.result[0].label).toMatch(/^Leads\.create, Leads\.edit until \d{4}-\d\d-\d\dT.* \(1000000068001\)$/);
    expect(apiCalls(s, from).map((call) => call.path)).toEqual(["/crm/v8/actions/watch"]);
  });
});
