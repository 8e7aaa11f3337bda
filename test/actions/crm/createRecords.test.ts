import { crmCreateRecords } from "../../../actions/crm/createRecords";
import { configureTestTransport } from "../../../src/http/transport";
import { connectionFor, useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { expectNoRequest, run } from "../books/harness";

const sandbox = useSandbox();
beforeAll(() => configureTestTransport({ retry: { baseDelayMs: 5, maxDelayMs: 2000 } }));
afterEach(() => sandbox().setOptions({ faults: undefined, rateLimit429: 0 }));

const named = (prefix: string) => [...(sandbox().state.crm.records.get("Leads")?.values() ?? [])].filter((r) => String(r.Last_Name).startsWith(prefix));

it("creates the records and returns each one's outcome in input order", async () => {
  const s = sandbox();
  const before = s.log.length;
  const result = await run(crmCreateRecords, s, {
    recordType: "Leads",
    records: '[{"Last_Name": "A-0"}, {"Last_Name": "A-1", "Company": "Acme"}]',
    trigger: "workflow",
  });
  expect(result.data).toMatchObject({ total: 2, succeeded: 2, failed: 0 });
  expect(result.data.results.map((r: { index: number; status: string }) => [r.index, r.status])).toEqual([
    [0, "success"],
    [1, "success"],
  ]);
  expect(named("A-").map((r) => r.id)).toEqual(result.data.results.map((r: { id: string }) => r.id));
  expect(s.log.slice(before)).toMatchObject([{ method: "POST", path: "/crm/v8/Leads", status: 201, body: { trigger: ["workflow"] } }]);
  expectSameShape(result, crmCreateRecords.examplePayload);
});

it("fails after the whole batch ran, naming the failed records; Continue On Failure returns them instead", async () => {
  const s = sandbox();
  const records = Array.from({ length: 250 }, (_, i) =>
    i === 0 ? { Company: "No name" } : i === 240 ? { Last_Name: "P-240", Email: "bad" } : { Last_Name: `P-${i}` },
  );
  await expect(run(crmCreateRecords, s, { recordType: "Leads", records, concurrency: "1" })).rejects.toThrow(
    "2 of 250 records failed (248 succeeded): record 0: MANDATORY_NOT_FOUND required field not found (field Last_Name); record 240: INVALID_DATA invalid data (field Email). Turn on Continue On Failure",
  );
  // Calls after the failing one still ran.
  expect(named("P-")).toHaveLength(248);

  const kept = await run(crmCreateRecords, s, { recordType: "Leads", records: [{ Last_Name: "K-0" }, { Email: "x@example.com" }], continueOnFailure: "true" });
  expect(kept.data).toMatchObject({ total: 2, succeeded: 1, failed: 1 });
  expect(kept.data.results[1]).toMatchObject({ index: 1, id: null, status: "error", code: "MANDATORY_NOT_FOUND", details: { api_name: "Last_Name" } });
  expect(s.log.at(-1)?.status).toBe(207);
});

it("rejects bad input before any request", async () => {
  const s = sandbox();
  await expectNoRequest(s, async () => {
    await expect(run(crmCreateRecords, s, { recordType: "Leads", records: "[]" })).rejects.toThrow(
      /Input "Records" \(records\): is empty: give at least one record/,
    );
    await expect(run(crmCreateRecords, s, { recordType: "Leads", records: '[{"Last_Name": "A"' })).rejects.toThrow(/"Records".*not valid JSON/);
    await expect(run(crmCreateRecords, s, { recordType: "Leads", records: '[{"Last_Name": "A"}, "B"]' })).rejects.toThrow(/record 1 is not a JSON object/);
    await expect(run(crmCreateRecords, s, { recordType: "Leads", records: Array.from({ length: 100_001 }, () => ({ Last_Name: "A" })) })).rejects.toThrow(
      /more than 100000/,
    );
    await expect(run(crmCreateRecords, s, { recordType: "Leads", records: [{ Last_Name: "A" }], concurrency: "21" })).rejects.toThrow(
      /"Concurrency".*at most 20/,
    );
    await expect(run(crmCreateRecords, s, { recordType: "Sales Orders", records: [{ Last_Name: "A" }] })).rejects.toThrow(/"Module"/);
  });
});

it("stops at a missing scope or an unknown module instead of sending every call", async () => {
  const s = sandbox();
  const records = Array.from({ length: 300 }, (_, i) => ({ Last_Name: `S-${i}` }));
  const readOnly = connectionFor(s, { scopes: ["ZohoCRM.modules.leads.READ"] });
  let before = s.log.length;
  await expect(run(crmCreateRecords, s, { recordType: "Leads", records, concurrency: 1 }, readOnly)).rejects.toThrow(
    /300 of 300 records failed.*OAUTH_SCOPE_MISMATCH.*ZohoCRM\.modules\.ALL/,
  );
  expect(s.log.length - before).toBe(1);
  before = s.log.length;
  const unknown = await run(crmCreateRecords, s, { recordType: "Leadz", records, concurrency: 1, continueOnFailure: true });
  expect(s.log.length - before).toBe(1);
  expect(unknown.data.results.map((r: { code: string }) => r.code)).toEqual([...Array(100).fill("INVALID_MODULE"), ...Array(200).fill("NOT_SENT")]);
});

it("creates 10,000 records, each exactly once", async () => {
  const s = sandbox();
  const from = s.state.writeLog.length;
  const records = Array.from({ length: 10_000 }, (_, i) => ({ Last_Name: `T-${i}` }));
  const result = await run(crmCreateRecords, s, { recordType: "Leads", records: JSON.stringify(records), concurrency: "10" });
  expect(result.data).toMatchObject({ total: 10_000, succeeded: 10_000, failed: 0 });
  const stored = new Map(named("T-").map((r) => [r.Last_Name, r.id]));
  expect(stored.size).toBe(10_000);
  result.data.results.forEach((r: { index: number; id: string }) => expect(stored.get(`T-${r.index}`)).toBe(r.id));
  const inserted = s.state.writeLog.slice(from).flatMap((e) => e.ids);
  expect(new Set(inserted)).toEqual(new Set(stored.values()));
  expect(inserted).toHaveLength(10_000);
});

it("creates 10,000 records through 5xx, resets and 429s: failures are only unknown outcomes, nothing twice", async () => {
  const s = sandbox();
  s.setOptions({ faults: { rate: 0.1, kinds: [500, 502, 503, "reset"], when: "random", seed: 1 }, rateLimit429: 0.05 });
  const from = s.state.writeLog.length;
  const records = Array.from({ length: 10_000 }, (_, i) => ({ Last_Name: `F-${i}` }));
  const result = await run(crmCreateRecords, s, { recordType: "Leads", records, concurrency: "10", continueOnFailure: "true" });
  const stored = new Map(named("F-").map((r) => [r.Last_Name, r.id]));
  expect(stored.size).toBe(named("F-").length);
  const inserted = s.state.writeLog.slice(from).flatMap((e) => e.ids);
  expect(inserted).toHaveLength(stored.size);
  expect(result.data.failed).toBeGreaterThan(0);
  for (const r of result.data.results) {
    if (r.status === "success") expect(stored.get(`F-${r.index}`)).toBe(r.id);
    else expect(r.code).toBe("OUTCOME_UNKNOWN");
  }
});
