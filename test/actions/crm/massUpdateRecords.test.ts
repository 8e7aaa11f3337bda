/** Mass Update Records against the sandbox's mass update jobs, with contract checks on. */
import { crmMassUpdateRecords, massUpdatePolling } from "../../../actions/crm/massUpdateRecords";
import { addCustomView } from "../../../sandbox/crm/automation/massUpdate";
import { connectionFor, useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { expectNoRequest, run } from "../books/harness";

const sandbox = useSandbox();
const stored = (module: string, id: string) => sandbox().state.crm.records.get(module)!.get(id)!;

beforeAll(() => {
  massUpdatePolling.intervalMs = 10;
});

it("updates one field on records by id and reports the counts", async () => {
  const s = sandbox();
  const leads = s.seedCrm({ module: "Leads", count: 3 });
  const gone = "5725767000009999999";
  const result = await run(crmMassUpdateRecords, s, { recordType: "Leads", field: "Lead_Status", value: "Contacted", ids: [...leads.map((l) => l.id), gone] });
  expectSameShape(result, crmMassUpdateRecords.examplePayload);
  expect(result.data).toMatchObject({ status: "COMPLETED", updatedCount: 3, notUpdatedCount: 1, failedCount: 0, totalCount: 4 });
  leads.forEach((l) => expect(stored("Leads", l.id).Lead_Status).toBe("Contacted"));
  expect(s.log.find((e) => e.method === "POST" && e.path === "/crm/v8/Leads/actions/mass_update")?.body).toEqual({
    data: [{ Lead_Status: "Contacted" }],
    ids: [...leads.map((l) => l.id), gone],
  });
});

it("follows a custom view's background job to completion; JSON-looking values go as JSON", async () => {
  const s = sandbox();
  const marked = s.seedCrm({ module: "Leads", count: 5, fields: () => ({ Industry: "Mass-Update-Action" }) });
  const cvid = addCustomView(s.state, "Leads", (r) => r.Industry === "Mass-Update-Action");
  const result = await run(crmMassUpdateRecords, s, { recordType: "Leads", field: "No_of_Employees", value: "250", customViewId: cvid });
  expect(result.data).toMatchObject({ status: "COMPLETED", updatedCount: 5, totalCount: 5 });
  marked.forEach((l) => expect(stored("Leads", l.id).No_of_Employees).toBe(250));
  // SCHEDULED, RUNNING, then COMPLETED: three status reads.
  expect(s.log.filter((e) => e.method === "GET" && e.query.job_id === result.data.jobId)).toHaveLength(3);
});

it("counts records a blueprint holds on the field as failed", async () => {
  const s = sandbox();
  const [deal] = s.seedCrm({ module: "Deals", count: 1, fields: () => ({ Stage: "Qualification" }) });
  const result = await run(crmMassUpdateRecords, s, { recordType: "Deals", field: "Stage", value: "Closed Won", ids: [deal.id] });
  expect(result.data).toMatchObject({ updatedCount: 0, failedCount: 1 });
  expect(stored("Deals", deal.id).Stage).toBe("Qualification");
});

it("rejects bad input before any request", async () => {
  const s = sandbox();
  const ids = Array.from({ length: 501 }, (_, i) => String(5725767000000000000n + BigInt(i + 1)));
  await expectNoRequest(s, async () => {
    await expect(run(crmMassUpdateRecords, s, { recordType: "Leads", field: "Rating", value: "Hot" })).rejects.toThrow(
      /"Record IDs".*Record IDs or a Custom View ID/,
    );
    await expect(run(crmMassUpdateRecords, s, { recordType: "Leads", field: "Rating", value: "Hot", ids })).rejects.toThrow(/"Record IDs".*at most 500 ids/);
    await expect(
      run(crmMassUpdateRecords, s, { recordType: "Leads", field: "Rating", value: "Hot", ids: ["5725767000000000001"], customViewId: "5725767000000000002" }),
    ).rejects.toThrow(/not both/);
    await expect(run(crmMassUpdateRecords, s, { recordType: "Leads", field: "Rating,Industry", value: "Hot", ids: ["5725767000000000001"] })).rejects.toThrow(
      /"Field"/,
    );
    await expect(run(crmMassUpdateRecords, s, { recordType: "Leads", field: "Rating", value: "Hot", ids: ["abc"] })).rejects.toThrow(/"Record IDs"/);
  });
});

it("an empty Value clears the field", async () => {
  const s = sandbox();
  const [lead] = s.seedCrm({ module: "Leads", count: 1, fields: () => ({ Rating: "Active" }) });
  await run(crmMassUpdateRecords, s, { recordType: "Leads", field: "Rating", ids: [lead.id] });
  expect(s.log.find((e) => e.method === "POST" && e.path === "/crm/v8/Leads/actions/mass_update" && (e.body as any).ids?.[0] === lead.id)?.body).toMatchObject({
    data: [{ Rating: null }],
  });
});

it("reports Zoho's refusal of a value of the wrong type", async () => {
  const s = sandbox();
  const [lead] = s.seedCrm({ module: "Leads", count: 1 });
  await expect(run(crmMassUpdateRecords, s, { recordType: "Leads", field: "Annual_Revenue", value: "lots", ids: [lead.id] })).rejects.toThrow(/INVALID_DATA/);
});

it("names the mass update scope when the connection lacks it", async () => {
  const s = sandbox();
  const [lead] = s.seedCrm({ module: "Leads", count: 1 });
  const connection = connectionFor(s, { scopes: ["ZohoCRM.modules.ALL"] });
  await expect(run(crmMassUpdateRecords, s, { recordType: "Leads", field: "Rating", value: "Active", ids: [lead.id] }, connection)).rejects.toThrow(
    /add ZohoCRM\.mass_update\.ALL/,
  );
});

it("gives up following a custom view's job after Wait Up To, naming the job, which keeps running", async () => {
  const s = sandbox();
  s.seedCrm({ module: "Leads", count: 2, fields: () => ({ Industry: "Mass-Update-Slow" }) });
  const cvid = addCustomView(s.state, "Leads", (r) => r.Industry === "Mass-Update-Slow");
  massUpdatePolling.intervalMs = 1_500;
  try {
    await expect(run(crmMassUpdateRecords, s, { recordType: "Leads", field: "Rating", value: "Active", customViewId: cvid, waitSeconds: "1" })).rejects.toThrow(
      /mass update job \d+ on Leads is still SCHEDULED after 1 s; it keeps running/,
    );
  } finally {
    massUpdatePolling.intervalMs = 10;
  }
});
