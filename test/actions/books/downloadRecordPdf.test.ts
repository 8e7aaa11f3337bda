import { booksDownloadRecordPdf } from "../../../actions/books/downloadRecordPdf";
import { useSandbox } from "../../helpers/sandbox";
import { acceptGap } from "../../sandbox/contractGaps";
import { expectSameShape } from "../../helpers/shape";
import { booksCalls, expectNoRequest, run, seed } from "./harness";

const sandbox = useSandbox();
const download = (params: Record<string, unknown>) => run(booksDownloadRecordPdf, sandbox(), params);

/** Defect of Zoho's files: GET /{type}/{id} declares only JSON, though accept=pdf answers a PDF. */
const PDF_UNDECLARED = /answers application\/pdf; status 200 declares application\/json/;

it.each([
  ["invoices", "invoice_id", "invoice_number"],
  ["estimates", "estimate_id", "estimate_number"],
  ["salesorders", "salesorder_id", "salesorder_number"],
  ["creditnotes", "creditnote_id", "creditnote_number"],
  ["purchaseorders", "purchaseorder_id", "purchaseorder_number"],
  ["bills", "bill_id", "bill_number"],
])("downloads %s as PDF bytes for the next step", async (recordType, idField, numberField) => {
  const [record] = seed(sandbox(), recordType, 1);
  const from = sandbox().log.length;
  const result = await download({ recordType, recordId: record[idField] });
  expect(result.contentType).toBe("application/pdf");
  expect(Buffer.isBuffer(result.data)).toBe(true);
  expect(result.data.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(result.data.toString("latin1")).toContain(String(record[numberField]));
  expectSameShape(result, booksDownloadRecordPdf.examplePayload);
  expect(booksCalls(sandbox(), from).at(-1)).toMatchObject({
    path: `/books/v3/${recordType}/${record[idField]}`,
    query: { accept: "pdf", organization_id: "10234695" },
  });
  acceptGap(sandbox(), PDF_UNDECLARED);
});

it("says a missing document does not exist (Books' JSON error inside a binary answer)", async () => {
  await expect(download({ recordType: "invoices", recordId: "460000000000001" })).rejects.toThrow(/Zoho Books error 1002 \(HTTP 404\): Invoice does not exist/);
});

it("rejects a type Books does not print, and bad ids, before any request", async () => {
  await expectNoRequest(sandbox(), async () => {
    await expect(download({ recordType: "items", recordId: "1" })).rejects.toThrow(
      /Input "Record Type" \(recordType\): Books gives PDFs only of estimates, salesorders, invoices, creditnotes, purchaseorders, bills/,
    );
    await expect(download({ recordType: "invoices", recordId: "INV-1" })).rejects.toThrow(/Input "Record ID" \(recordId\)/);
  });
});
