import { crmCreateRecord } from "../../../actions/crm/createRecord";
import { configureTestTransport } from "../../../src/http/transport";
import { connectionFor, useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { expectNoRequest, run } from "../books/harness";

const sandbox = useSandbox();
beforeAll(() => configureTestTransport({ retry: { baseDelayMs: 5, maxDelayMs: 2000 } }));
afterEach(() => sandbox().setOptions({ faults: undefined, rateLimit429: 0 }));

const leads = () => [...(sandbox().state.crm.records.get("Leads")?.values() ?? [])];

it("creates the record from Field Values over Dynamic Values and returns Zoho's details for it", async () => {
  const s = sandbox();
  const before = s.log.length;
  const result = await run(crmCreateRecord, s, {
    recordType: "Leads",
    dynamicValues: '{"Last_Name": "From config", "Company": "Acme"}',
    fieldValues: [
      { key: "Last_Name", value: "Smith" },
      { key: "Email", value: "jane@example.com" },
    ],
  });
  expectSameShape(result, crmCreateRecord.examplePayload);
  const stored = s.state.crm.records.get("Leads")?.get(result.data.id);
  expect(stored).toMatchObject({ Last_Name: "Smith", Company: "Acme", Email: "jane@example.com", Created_Time: result.data.Created_Time });
  const [call] = s.log.slice(before);
  expect(call).toMatchObject({ method: "POST", path: "/crm/v8/Leads", status: 201 });
  // No automation unless asked: Zoho runs all of it when `trigger` is left out.
  expect((call.body as { trigger: string[] }).trigger).toEqual([]);
});

it("passes the trigger list", async () => {
  const s = sandbox();
  const before = s.log.length;
  await run(crmCreateRecord, s, { recordType: "Leads", fieldValues: [{ key: "Last_Name", value: "T" }], trigger: ["workflow", "blueprint"] });
  expect((s.log[before].body as { trigger: string[] }).trigger).toEqual(["workflow", "blueprint"]);
});

it("fails naming the field when Zoho refuses the record", async () => {
  const s = sandbox();
  await expect(run(crmCreateRecord, s, { recordType: "Leads", fieldValues: [{ key: "Company", value: "No name" }] })).rejects.toThrow(
    "Zoho did not create the Leads record: MANDATORY_NOT_FOUND required field not found (field Last_Name).",
  );
  await expect(
    run(crmCreateRecord, s, {
      recordType: "Leads",
      fieldValues: [
        { key: "Last_Name", value: "A" },
        { key: "Email", value: "not-an-email" },
      ],
    }),
  ).rejects.toThrow(/INVALID_DATA invalid data \(field Email\)/);
});

it("rejects bad input before any request", async () => {
  const s = sandbox();
  await expectNoRequest(s, async () => {
    await expect(run(crmCreateRecord, s, { recordType: "Price Books", fieldValues: [{ key: "A", value: "1" }] })).rejects.toThrow(
      /Input "Module" \(recordType\): must be a module API name without spaces/,
    );
    await expect(run(crmCreateRecord, s, { recordType: "Leads", dynamicValues: '{"Last_Name": ' })).rejects.toThrow(
      /Input "Dynamic Values" \(dynamicValues\): is not valid JSON/,
    );
    await expect(run(crmCreateRecord, s, { recordType: "Leads" })).rejects.toThrow(/Input "Field Values" \(fieldValues\): give the new record's fields/);
    await expect(run(crmCreateRecord, s, { recordType: "Leads", fieldValues: [{ key: "Last_Name", value: "A" }], trigger: ["all"] })).rejects.toThrow(
      /"Trigger"/,
    );
  });
});

it("explains a missing scope and an unknown module", async () => {
  const s = sandbox();
  const readOnly = connectionFor(s, { scopes: ["ZohoCRM.modules.leads.READ"] });
  await expect(run(crmCreateRecord, s, { recordType: "Leads", fieldValues: [{ key: "Last_Name", value: "A" }] }, readOnly)).rejects.toThrow(
    /HTTP 403\) OAUTH_SCOPE_MISMATCH.*add ZohoCRM\.modules\.ALL/,
  );
  await expect(run(crmCreateRecord, s, { recordType: "Leadz", fieldValues: [{ key: "Last_Name", value: "A" }] })).rejects.toThrow(
    /INVALID_MODULE.*"Leadz" is not a module API name/,
  );
});

it("waits out a 429 (Retry-After) and creates the record once", async () => {
  const s = sandbox();
  // Seed 8 draws a 429 for the first call and lets the second through.
  s.setOptions({ rateLimit429: 0.5, faults: { rate: 0, seed: 8 } });
  const before = s.log.length;
  const started = Date.now();
  const result = await run(crmCreateRecord, s, { recordType: "Leads", fieldValues: [{ key: "Last_Name", value: "Limited" }] });
  expect(Date.now() - started).toBeGreaterThanOrEqual(950); // the sandbox's Retry-After: 1
  expect(s.log.slice(before).map((c) => c.status)).toEqual([429, 201]);
  expect(
    leads()
      .filter((r) => r.Last_Name === "Limited")
      .map((r) => r.id),
  ).toEqual([result.data.id]);
});

it("does not resend a create that failed after Zoho may have stored it, and says to check first", async () => {
  const s = sandbox();
  s.setOptions({ faults: { rate: 1, kinds: [500], when: "after", seed: 1 } });
  const before = s.log.length;
  await expect(run(crmCreateRecord, s, { recordType: "Leads", fieldValues: [{ key: "Last_Name", value: "Maybe" }] })).rejects.toThrow(
    /OUTCOME_UNKNOWN Zoho gave HTTP 500 INTERNAL_ERROR after the call was sent.*check whether the record exists before writing it again/,
  );
  expect(s.log.length - before).toBe(1);
  expect(leads().filter((r) => r.Last_Name === "Maybe")).toHaveLength(1);
});
