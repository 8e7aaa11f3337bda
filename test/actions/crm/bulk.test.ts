import { invoke } from "@prismatic-io/spectral/dist/testing";
import { crmBulkReadRecords } from "../../../actions/crm/bulkReadRecords";
import { crmBulkWriteRecords } from "../../../actions/crm/bulkWriteRecords";
import { crmGetBulkJob } from "../../../actions/crm/getBulkJob";
import { configureBulkPolling } from "../../../src/crm/bulk";
import { connectionFor, useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";

const sandbox = useSandbox();
const SCOPES = ["ZohoCRM.modules.ALL", "ZohoCRM.bulk.ALL", "ZohoCRM.org.ALL", "ZohoFiles.files.ALL", "ZohoCRM.settings.ALL"];
beforeAll(() => configureBulkPolling({ firstDelayMs: 5, maxDelayMs: 20 }));

it("reads every record across pages of a bulk read job, each once", async () => {
  const s = sandbox();
  s.state.crm.bulkReadPageSize = 1_000;
  const seeded = s.seedCrm({ module: "Leads", count: 2_500 });
  const { result, loggerMock } = await invoke(crmBulkReadRecords, {
    connection: connectionFor(s, { scopes: SCOPES }),
    recordType: "Leads",
    fields: "Last_Name,Email",
  } as never);
  const data = (result as any).data;
  expect(data.count).toBe(2_500);
  expect(data.jobs).toHaveLength(3);
  expect(new Set(data.records.map((r: any) => r.Id))).toEqual(new Set(seeded.map((r) => r.id)));
  expectSameShape(result, crmBulkReadRecords.examplePayload);
  expect((loggerMock.info as jest.Mock).mock.calls.some(([m]) => /Bulk read job \d+: COMPLETED/.test(m))).toBe(true);
});

it("writes records through a bulk write job and reports each row", async () => {
  const s = sandbox();
  const before = s.state.crm.records.get("Contacts")?.size ?? 0;
  const rows = Array.from({ length: 300 }, (_, i) => ({ Last_Name: `Bulk ${i}`, Email: `bulk${i}@example.com` }));
  const { result } = await invoke(crmBulkWriteRecords, {
    connection: connectionFor(s, { scopes: SCOPES }),
    recordType: "Contacts",
    records: JSON.stringify(rows),
    operation: "insert",
  } as never);
  const data = (result as any).data;
  expect(data.counts).toEqual({ total: 300, succeeded: 300, failed: 0 });
  expect(data.outcomes[299]).toMatchObject({ index: 299, status: "ADDED" });
  expect(s.state.crm.records.get("Contacts")!.size).toBe(before + 300);
  expectSameShape(result, crmBulkWriteRecords.examplePayload);

  const job = await invoke(crmGetBulkJob, { connection: connectionFor(s, { scopes: SCOPES }), jobType: "write", jobId: data.jobs[0].jobId } as never);
  expect((job.result as any).data).toMatchObject({ status: "COMPLETED" });
});

it("a failed row fails the step after the job unless asked to continue", async () => {
  const s = sandbox();
  const rows = [{ Last_Name: "Fine" }, { Email: "no-last-name@example.com" }];
  await expect(
    invoke(crmBulkWriteRecords, { connection: connectionFor(s, { scopes: SCOPES }), recordType: "Contacts", records: rows, operation: "insert" } as never),
  ).rejects.toThrow(/1 of 2 rows were not written \(row 1/);
  const { result } = await invoke(crmBulkWriteRecords, {
    connection: connectionFor(s, { scopes: SCOPES }),
    recordType: "Contacts",
    records: rows,
    operation: "insert",
    continueOnFailure: "true",
  } as never);
  expect((result as any).data.counts).toEqual({ total: 2, succeeded: 1, failed: 1 });
});

it("bad input is rejected before any request", async () => {
  const s = sandbox();
  const before = s.log.length;
  const connection = connectionFor(s, { scopes: SCOPES });
  await expect(invoke(crmBulkWriteRecords, { connection, recordType: "Contacts", records: "[not json" } as never)).rejects.toThrow(/Records.*not valid JSON/);
  await expect(invoke(crmBulkWriteRecords, { connection, recordType: "Contacts", records: "[]" } as never)).rejects.toThrow(/at least one record/);
  await expect(invoke(crmBulkWriteRecords, { connection, recordType: "Contacts", records: [{ A: 1 }], operation: "upsert" } as never)).rejects.toThrow(
    /Find By/,
  );
  await expect(invoke(crmBulkReadRecords, { connection, recordType: "Price Books" } as never)).rejects.toThrow(/Module/);
  expect(s.log.length).toBe(before);
});
