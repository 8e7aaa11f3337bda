/**
 * A batch never keeps writing after its step ended (issue 19, item 3): a failure of the connector
 * itself inside one call (here a record holding a value nested 10,000 deep) becomes outcomes of that
 * call's records, the rest are written, and the step returns only when no call is still running.
 */
import { invoke } from "@prismatic-io/spectral/dist/testing";
import { crmCreateRecords } from "../../actions/crm/createRecords";
import { configureTestTransport } from "../../src/http/transport";
import { connectionFor, useSandbox } from "../helpers/sandbox";

const sandbox = useSandbox();
beforeAll(() => configureTestTransport({ retry: { baseDelayMs: 5, maxDelayMs: 2_000 } }));
afterAll(() => configureTestTransport());

const deep = (depth: number) => {
  let value: Record<string, unknown> = { end: true };
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};

const leadsNamed = (prefix: string) =>
  [...(sandbox().state.crm.records.get("Leads")?.values() ?? [])].filter((r) => String(r.Last_Name).startsWith(prefix)).length;

it("a record nested 10,000 deep fails alone; every other record is written once, and nothing is written after the step returns", async () => {
  const s = sandbox();
  const records: Array<Record<string, unknown>> = Array.from({ length: 1_000 }, (_, i) => ({ Last_Name: `Deep-${i}` }));
  records[250] = { Last_Name: "Deep-250", Description: deep(10_000) };
  const { result } = await invoke(
    crmCreateRecords as never,
    { connection: connectionFor(s), recordType: "Leads", records, concurrency: "2", continueOnFailure: true } as never,
  );
  const data = (
    result as { data: { total: number; succeeded: number; failed: number; results: Array<{ index: number; status: string; code: string; message: string }> } }
  ).data;
  const written = leadsNamed("Deep-");
  expect(data.total).toBe(1_000);
  expect(data.results).toHaveLength(1_000);
  expect(data.results.every((r, i) => r && r.index === i)).toBe(true);
  const failed = data.results.filter((r) => r.status === "error");
  expect(failed.map((r) => r.index)).toEqual([250]);
  expect(failed[0]).toMatchObject({ code: "INVALID_RECORD" });
  expect(failed[0].message).toMatch(/not sent: the record cannot be written as JSON \(RangeError/);
  expect(written).toBe(999);
  // Nothing still running behind the step's back.
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(leadsNamed("Deep-")).toBe(written);
}, 60_000);
