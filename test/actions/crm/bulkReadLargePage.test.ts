/** A bulk read page holds up to 200,000 rows: the action must take a page that size in one piece. */
import { createConnection, invoke } from "@prismatic-io/spectral/dist/testing";
import { crmBulkReadRecords } from "../../../actions/crm/bulkReadRecords";
import type { BulkReadPage } from "../../../src/crm/bulk";

const ROWS = 200_000;

jest.mock("../../../src/crm/bulk", () => {
  const actual = jest.requireActual("../../../src/crm/bulk");
  return {
    ...actual,
    // One full page, as Zoho's bulk read hands it out, without a sandbox to export it.
    bulkReadPages: async function* (): AsyncGenerator<BulkReadPage> {
      const lines = Array.from({ length: ROWS }, (_, i) => `${5725767000000000000n + BigInt(i)},Lead ${i}`);
      yield { jobId: "5725767000001016001", page: 1, count: ROWS, moreRecords: false, csv: `Id,Last_Name\n${lines.join("\n")}\n` };
    },
  };
});

it("reads a full 200,000-row page (spreading it into push() overflowed the stack)", async () => {
  const connection = createConnection(
    { key: "zohoTemplatedConnection" } as Parameters<typeof createConnection>[0],
    { zohoRegion: "https://accounts.zoho.com" },
    { access_token: "token", api_domain: "https://www.zohoapis.com" },
  );
  const { result } = await invoke(crmBulkReadRecords, { connection, recordType: "Leads", fields: "Last_Name" } as never);
  const data = (result as any).data;
  expect(data.count).toBe(ROWS);
  expect(data.records[ROWS - 1]).toEqual({ Id: String(5725767000000000000n + BigInt(ROWS - 1)), Last_Name: `Lead ${ROWS - 1}` });
});
