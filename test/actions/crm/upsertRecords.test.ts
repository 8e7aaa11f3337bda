import { crmUpsertRecords } from "../../../actions/crm/upsertRecords";
import { configureTestTransport } from "../../../src/http/transport";
import { connectionFor, useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { expectNoRequest, run } from "../books/harness";

const sandbox = useSandbox();
beforeAll(() => configureTestTransport({ retry: { baseDelayMs: 5, maxDelayMs: 2000 } }));
afterEach(() => sandbox().setOptions({ faults: undefined, rateLimit429: 0 }));

const leadsWith = (domain: string) => [...(sandbox().state.crm.records.get("Leads")?.values() ?? [])].filter((r) => String(r.Email).endsWith(domain));

it("updates the record a duplicate check field matches and creates the others", async () => {
  const s = sandbox();
  const [existing] = s.seedCrm({ module: "Leads", count: 1, fields: () => ({ Email: "old@one.example", Last_Name: "Old" }) });
  const before = s.log.length;
  const result = await run(crmUpsertRecords, s, {
    recordType: "Leads",
    records: [
      { Email: "old@one.example", Last_Name: "Renamed" },
      { Email: "new@one.example", Last_Name: "New" },
    ],
    duplicate_check_fields: "Email",
  });
  expect(s.log.slice(before)).toMatchObject([{ method: "POST", path: "/crm/v8/Leads/upsert", body: { duplicate_check_fields: ["Email"], trigger: [] } }]);
  expect(result.data.results[0]).toMatchObject({ index: 0, id: existing.id, details: { action: "update", duplicate_field: "Email" } });
  expect(result.data.results[1]).toMatchObject({ index: 1, status: "success", details: { action: "insert" } });
  expect(
    leadsWith("@one.example")
      .map((r) => r.Last_Name)
      .sort(),
  ).toEqual(["New", "Renamed"]);
  expectSameShape(result, crmUpsertRecords.examplePayload);
});

it("uses the module's own duplicate check when no fields are given", async () => {
  const s = sandbox();
  const before = s.log.length;
  await run(crmUpsertRecords, s, { recordType: "Leads", records: [{ Email: "x@two.example", Last_Name: "X" }] });
  expect(s.log[before].body).not.toHaveProperty("duplicate_check_fields");
});

it("rejects bad input before any request, and reports Zoho's refusals", async () => {
  const s = sandbox();
  await expectNoRequest(s, async () => {
    await expect(run(crmUpsertRecords, s, { recordType: "Leads", records: "{}" })).rejects.toThrow(/"Records".*JSON array of records/);
    await expect(run(crmUpsertRecords, s, { recordType: "Leads", records: [{ Email: "a@b.c" }], duplicate_check_fields: "E mail" })).rejects.toThrow(
      /"Duplicate Check Fields"/,
    );
  });
  const readOnly = connectionFor(s, { scopes: ["ZohoCRM.modules.leads.READ"] });
  await expect(run(crmUpsertRecords, s, { recordType: "Leads", records: [{ Email: "a@three.example", Last_Name: "A" }] }, readOnly)).rejects.toThrow(
    /OAUTH_SCOPE_MISMATCH/,
  );
});

// 2,000: the sandbox's upsert scans the whole module for every record, so 10,000 would take minutes.
it("upserts through 5xx (before and after storing), resets and 429s: a resent call never inserts twice", async () => {
  const s = sandbox();
  const total = 2_000;
  const existing = s.seedCrm({ module: "Leads", count: total / 2, fields: (i) => ({ Email: `u${i}@bulk.example` }) });
  s.setOptions({ faults: { rate: 0.1, kinds: [500, 502, 503, "reset"], when: "random", seed: 1 }, rateLimit429: 0.05 });
  const from = s.state.writeLog.length;
  const records = Array.from({ length: total }, (_, i) => ({ Email: `u${i}@bulk.example`, Last_Name: `U${i}` }));
  const result = await run(crmUpsertRecords, s, { recordType: "Leads", records, duplicate_check_fields: "Email", concurrency: "10" });
  expect(result.data).toMatchObject({ total, succeeded: total, failed: 0 });
  const stored = leadsWith("@bulk.example");
  expect(stored).toHaveLength(total);
  expect(stored.every((r) => r.Last_Name === `U${/^u(\d+)@/.exec(String(r.Email))?.[1]}`)).toBe(true);
  const inserted = s.state.writeLog
    .slice(from)
    .filter((e) => e.operation === "insert")
    .flatMap((e) => e.ids);
  expect(inserted).toHaveLength(total / 2);
  expect(inserted.filter((id) => existing.some((r) => r.id === id))).toEqual([]);
  expect(s.log.some((e) => e.status >= 500 || e.status === 0)).toBe(true);
});
