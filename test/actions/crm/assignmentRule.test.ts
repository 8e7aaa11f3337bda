/**
 * Zoho's write options on the record writes: the assignment rule (lar_id, picked from the module's rules)
 * on Create Record, Create Records and Upsert Records, and the Trigger list with its default (none run).
 */
import { crmCreateRecord } from "../../../actions/crm/createRecord";
import { crmCreateRecords } from "../../../actions/crm/createRecords";
import { crmUpsertRecords } from "../../../actions/crm/upsertRecords";
import { selectCrmAssignmentRule } from "../../../dataSources/selectCrmAssignmentRule";
import { runDataSource } from "../../dataSources/harness";
import { useSandbox } from "../../helpers/sandbox";
import { expectNoRequest, run } from "../books/harness";

const sandbox = useSandbox();
const stored = (module: string, id: string) => sandbox().state.crm.records.get(module)!.get(id)!;
const leadsRule = async () => (await runDataSource(selectCrmAssignmentRule, sandbox(), { recordType: "Leads" })).result[0].key as string;

it("lists a module's assignment rules; a module without any gives an empty list", async () => {
  expect((await runDataSource(selectCrmAssignmentRule, sandbox(), { recordType: "Leads" })).result).toEqual([
    { key: expect.stringMatching(/^\d+$/), label: "Leads round robin" },
  ]);
  expect((await runDataSource(selectCrmAssignmentRule, sandbox(), { recordType: "Vendors" })).result).toEqual([]);
});

it("Create Record and Create Records give new records the rule's owners, round robin", async () => {
  const s = sandbox();
  const rule = await leadsRule();
  const one = await run(crmCreateRecord, s, { recordType: "Leads", fieldValues: [{ key: "Last_Name", value: "Ruled" }], assignmentRule: rule });
  expect(s.log.find((e) => e.method === "POST" && e.path === "/crm/v8/Leads" && (e.body as any).lar_id === rule)?.body).toMatchObject({
    lar_id: rule,
    trigger: [],
  });
  const many = await run(crmCreateRecords, s, { recordType: "Leads", records: [1, 2, 3].map((i) => ({ Last_Name: `Ruled ${i}` })), assignmentRule: rule });
  const owners = [one.data.id, ...many.data.results.map((r: { id: string }) => r.id)].map((id) => (stored("Leads", id).Owner as { id: string }).id);
  const users = s.state.users.map((u) => u.id);
  // Round robin over the org's users: four records, every user at least once.
  expect(new Set(owners)).toEqual(new Set(users));
});

it("Upsert Records: inserted records get the rule's owner, updated ones keep theirs", async () => {
  const s = sandbox();
  // Deals' rule hands every deal to one user (the org's second); the existing deal belongs to the first.
  const rule = (await runDataSource(selectCrmAssignmentRule, s, { recordType: "Deals" })).result[0].key;
  const [first, manager] = s.state.users;
  const owner = { name: String(first.full_name), id: first.id, email: String(first.email) };
  const [existing] = s.seedCrm({ module: "Deals", count: 1, fields: () => ({ Deal_Name: "Upsert kept", Owner: owner }) });
  const result = await run(crmUpsertRecords, s, {
    recordType: "Deals",
    records: [
      { Deal_Name: "Upsert kept", Stage: "Qualification", Amount: 1 },
      { Deal_Name: "Upsert new", Stage: "Qualification" },
    ],
    duplicate_check_fields: "Deal_Name",
    assignmentRule: rule,
  });
  const [kept, inserted] = result.data.results.map((r: { id: string }) => r.id);
  expect(kept).toBe(existing.id);
  expect((stored("Deals", kept).Owner as { id: string }).id).toBe(first.id);
  expect((stored("Deals", inserted).Owner as { id: string }).id).toBe(manager.id);
});

it("a rule of another module is refused by Zoho, nothing written", async () => {
  const s = sandbox();
  const dealsRule = (await runDataSource(selectCrmAssignmentRule, s, { recordType: "Deals" })).result[0].key;
  const before = s.state.writeLog.length;
  await expect(run(crmCreateRecord, s, { recordType: "Leads", fieldValues: [{ key: "Last_Name", value: "X" }], assignmentRule: dealsRule })).rejects.toThrow(
    /INVALID_DATA.*lar_id/,
  );
  expect(s.state.writeLog.length).toBe(before);
});

it("without a rule no lar_id is sent; Trigger's default runs no automation, and a pick is sent as chosen", async () => {
  const s = sandbox();
  await run(crmCreateRecord, s, { recordType: "Leads", fieldValues: [{ key: "Last_Name", value: "Plain" }] });
  const plain = s.log.at(-1)!.body as Record<string, unknown>;
  expect(plain).toEqual({ data: [{ Last_Name: "Plain" }], trigger: [] });
  await run(crmCreateRecord, s, { recordType: "Leads", fieldValues: [{ key: "Last_Name", value: "Flows" }], trigger: ["workflow", "blueprint"] });
  expect((s.log.at(-1)!.body as Record<string, unknown>).trigger).toEqual(["workflow", "blueprint"]);
});

it("rejects a bad rule id or trigger before any request", async () => {
  const s = sandbox();
  await expectNoRequest(s, async () => {
    await expect(
      run(crmCreateRecord, s, { recordType: "Leads", fieldValues: [{ key: "Last_Name", value: "X" }], assignmentRule: "round robin" }),
    ).rejects.toThrow(/"Assignment Rule"/);
    await expect(run(crmCreateRecords, s, { recordType: "Leads", records: [{ Last_Name: "X" }], assignmentRule: "abc" })).rejects.toThrow(/"Assignment Rule"/);
    await expect(run(crmCreateRecord, s, { recordType: "Leads", fieldValues: [{ key: "Last_Name", value: "X" }], trigger: ["macro"] })).rejects.toThrow(
      /"Trigger".*workflow, approval or blueprint/,
    );
  });
});
