import { crmRemoveRecords } from "../../../actions/crm/removeRecords";
import { configureTestTransport } from "../../../src/http/transport";
import { connectionFor, useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { expectNoRequest, run } from "../books/harness";

const sandbox = useSandbox();
beforeAll(() => configureTestTransport({ retry: { baseDelayMs: 5, maxDelayMs: 2000 } }));
afterEach(() => sandbox().setOptions({ faults: undefined, rateLimit429: 0 }));

const has = (id: string) => sandbox().state.crm.records.get("Deals")?.has(id);

it("deletes the records given as a list, JSON text or comma text", async () => {
  const s = sandbox();
  const [a, b, c] = s.seedCrm({ module: "Deals", count: 3 });
  const before = s.log.length;
  const result = await run(crmRemoveRecords, s, { recordType: "Deals", recordIds: [a.id, `${b.id}, ${c.id}`], trigger: ["workflow"] });
  expect(result.data).toMatchObject({
    total: 3,
    succeeded: 3,
    failed: 0,
    results: [{ index: 0, id: a.id, details: { id: a.id } }, { id: b.id }, { id: c.id }],
  });
  expect([a, b, c].some((r) => has(r.id))).toBe(false);
  expect(s.log.slice(before)).toMatchObject([{ method: "DELETE", path: "/crm/v8/Deals", query: { ids: `${a.id},${b.id},${c.id}`, wf_trigger: "true" } }]);
  expectSameShape(result, crmRemoveRecords.examplePayload);
  const [d] = s.seedCrm({ module: "Deals", count: 1 });
  await run(crmRemoveRecords, s, { recordType: "Deals", recordIds: JSON.stringify([d.id]) });
  expect(has(d.id)).toBe(false);
});

it("reports the ids Zoho does not know", async () => {
  const s = sandbox();
  const [a] = s.seedCrm({ module: "Deals", count: 1 });
  await expect(run(crmRemoveRecords, s, { recordType: "Deals", recordIds: `5725767000009999999,${a.id}` })).rejects.toThrow(
    /1 of 2 records failed \(1 succeeded\): record 0 \(id 5725767000009999999\): INVALID_DATA/,
  );
  expect(has(a.id)).toBe(false);
});

it("rejects bad input before any request", async () => {
  const s = sandbox();
  await expectNoRequest(s, async () => {
    await expect(run(crmRemoveRecords, s, { recordType: "Deals", recordIds: "1,abc" })).rejects.toThrow(
      /"Record IDs" \(recordIds\): id 1 \("abc"\) must be the numeric Zoho id/,
    );
    await expect(run(crmRemoveRecords, s, { recordType: "Deals", recordIds: "" })).rejects.toThrow(/is empty: give at least one id/);
    await expect(run(crmRemoveRecords, s, { recordType: "Deals", recordIds: "[1," })).rejects.toThrow(/not valid JSON/);
    await expect(run(crmRemoveRecords, s, { recordType: "Deals", recordIds: "1,1" })).rejects.toThrow(/listed twice/);
  });
});

it("names the missing scope", async () => {
  const s = sandbox();
  const [a] = s.seedCrm({ module: "Deals", count: 1 });
  const readOnly = connectionFor(s, { scopes: ["ZohoCRM.modules.deals.READ"] });
  await expect(run(crmRemoveRecords, s, { recordType: "Deals", recordIds: a.id }, readOnly)).rejects.toThrow(/OAUTH_SCOPE_MISMATCH/);
  expect(has(a.id)).toBe(true);
});

it("deletes 10,000 records through 5xx (before and after deleting), resets and 429s: each deleted once", async () => {
  const s = sandbox();
  const seeded = s.seedCrm({ module: "Deals", count: 10_000 });
  s.setOptions({ faults: { rate: 0.1, kinds: [500, 502, 503, "reset"], when: "random", seed: 1 }, rateLimit429: 0.05 });
  const from = s.state.writeLog.length;
  const result = await run(crmRemoveRecords, s, { recordType: "Deals", recordIds: seeded.map((r) => r.id), concurrency: "10" });
  expect(result.data).toMatchObject({ total: 10_000, succeeded: 10_000, failed: 0 });
  expect(seeded.some((r) => has(r.id))).toBe(false);
  const deleted = s.state.writeLog.slice(from).flatMap((e) => e.ids);
  expect(deleted).toHaveLength(10_000);
  expect(new Set(deleted)).toEqual(new Set(seeded.map((r) => r.id)));
  // Calls that failed after deleting were resent; their records count as deleted.
  expect(result.data.results.filter((r: { code: string }) => r.code === "ALREADY_DELETED").length).toBeGreaterThan(0);
});
