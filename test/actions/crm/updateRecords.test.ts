import { crmUpdateRecords } from "../../../actions/crm/updateRecords";
import { configureTestTransport } from "../../../src/http/transport";
import { connectionFor, useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { expectNoRequest, run } from "../books/harness";

const sandbox = useSandbox();
beforeAll(() => configureTestTransport({ retry: { baseDelayMs: 5, maxDelayMs: 2000 } }));
afterEach(() => sandbox().setOptions({ faults: undefined, rateLimit429: 0 }));

const stored = (id: string) => sandbox().state.crm.records.get("Contacts")?.get(id);

it("updates each record by its id and returns each one's outcome", async () => {
  const s = sandbox();
  const [a, b] = s.seedCrm({ module: "Contacts", count: 2 });
  const before = s.log.length;
  const result = await run(crmUpdateRecords, s, {
    recordType: "Contacts",
    records: JSON.stringify([
      { id: a.id, Department: "Sales" },
      { id: b.id, Department: "Support" },
    ]),
  });
  expect(result.data).toMatchObject({
    total: 2,
    succeeded: 2,
    failed: 0,
    results: [
      { index: 0, id: a.id, code: "SUCCESS" },
      { index: 1, id: b.id },
    ],
  });
  expect([stored(a.id)?.Department, stored(b.id)?.Department]).toEqual(["Sales", "Support"]);
  expect(s.log.slice(before)).toMatchObject([{ method: "PUT", path: "/crm/v8/Contacts", status: 200, body: { trigger: [] } }]);
  expectSameShape(result, crmUpdateRecords.examplePayload);
});

it("reports an unknown id among good ones, and fails the step by default", async () => {
  const s = sandbox();
  const [a] = s.seedCrm({ module: "Contacts", count: 1 });
  const records = [
    { id: "5725767000009999999", Department: "X" },
    { id: a.id, Department: "Kept" },
  ];
  await expect(run(crmUpdateRecords, s, { recordType: "Contacts", records })).rejects.toThrow(
    /1 of 2 records failed \(1 succeeded\): record 0 \(id 5725767000009999999\): INVALID_DATA the id given seems to be invalid \(field id\)/,
  );
  expect(stored(a.id)?.Department).toBe("Kept");
  const result = await run(crmUpdateRecords, s, { recordType: "Contacts", records, continueOnFailure: true });
  expect(result.data.results[0]).toMatchObject({ index: 0, id: "5725767000009999999", status: "error", code: "INVALID_DATA" });
});

it("rejects bad input before any request", async () => {
  const s = sandbox();
  await expectNoRequest(s, async () => {
    await expect(run(crmUpdateRecords, s, { recordType: "Contacts", records: [{ Department: "X" }] })).rejects.toThrow(/record 0 needs "id"/);
    await expect(run(crmUpdateRecords, s, { recordType: "Contacts", records: [{ id: "12ab" }] })).rejects.toThrow(/record 0 needs "id"/);
    await expect(run(crmUpdateRecords, s, { recordType: "Contacts", records: '[{"id": 5725767000000524157}]' })).rejects.toThrow(
      /record 0 needs "id": the numeric Zoho id as text/,
    );
    await expect(run(crmUpdateRecords, s, { recordType: "Contacts", records: [{ id: "1" }, { id: "1" }] })).rejects.toThrow(
      /record 1 repeats the id of record 0/,
    );
    await expect(run(crmUpdateRecords, s, { recordType: "Contacts", records: "" })).rejects.toThrow(/"Records"/);
  });
});

it("names the missing scope", async () => {
  const s = sandbox();
  const [a] = s.seedCrm({ module: "Contacts", count: 1 });
  const readOnly = connectionFor(s, { scopes: ["ZohoCRM.modules.contacts.READ"] });
  await expect(run(crmUpdateRecords, s, { recordType: "Contacts", records: [{ id: a.id, Department: "X" }] }, readOnly)).rejects.toThrow(
    /OAUTH_SCOPE_MISMATCH/,
  );
});

it("updates 10,000 records through 5xx (before and after storing), resets and 429s: every update lands", async () => {
  const s = sandbox();
  const seeded = s.seedCrm({ module: "Contacts", count: 10_000 });
  s.setOptions({ faults: { rate: 0.1, kinds: [500, 502, 503, "reset"], when: "random", seed: 1 }, rateLimit429: 0.05 });
  const from = s.state.writeLog.length;
  const result = await run(crmUpdateRecords, s, {
    recordType: "Contacts",
    records: seeded.map((r, i) => ({ id: r.id, Department: `D${i}` })),
    concurrency: "10",
  });
  expect(result.data).toMatchObject({ total: 10_000, succeeded: 10_000, failed: 0 });
  seeded.forEach((r, i) => expect(stored(r.id)?.Department).toBe(`D${i}`));
  const events = s.state.writeLog.slice(from);
  expect(events.every((e) => e.operation === "update")).toBe(true);
  expect(new Set(events.flatMap((e) => e.ids))).toEqual(new Set(seeded.map((r) => r.id)));
  expect(s.log.filter((e) => e.path === "/crm/v8/Contacts").map((e) => e.status)).toEqual(expect.arrayContaining([0, 429, 200]));
});
