/**
 * Add, Get and Delete Books Attachment against the sandbox over HTTP. Contract checks stay on; the
 * Books files' known defects for these paths (the file declared as a query parameter, a JSON answer
 * declared for a download, no attachment operations in estimates.yml) are dropped by name in
 * test/helpers/booksUndocumented.ts, and estimates follow the invoice's documented behaviour.
 */
import { randomBytes } from "node:crypto";
import { booksAddAttachment } from "../../../actions/books/addAttachment";
import { booksDeleteAttachment } from "../../../actions/books/deleteAttachment";
import { booksGetAttachment } from "../../../actions/books/getAttachment";
import { dropBooksGaps } from "../../helpers/booksUndocumented";
import { useSandbox, type TestSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { booksCalls, expectNoRequest, run, seed } from "./harness";

let sandbox: () => TestSandbox;
afterEach(() => dropBooksGaps(sandbox()));
sandbox = useSandbox();

const add = (params: Record<string, unknown>) => run(booksAddAttachment, sandbox(), params);
const get = (params: Record<string, unknown>) => run(booksGetAttachment, sandbox(), params);
const remove = (params: Record<string, unknown>) => run(booksDeleteAttachment, sandbox(), params);

/** Every byte value, twice, plus random bytes: a round trip that changed any byte shows. */
const binaryFile = () =>
  Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(4096), Buffer.from(Array.from({ length: 256 }, (_, i) => 255 - i))]);

it.each([
  ["invoices", "invoice_id", "Your file has been successfully attached to the invoice.", "Your file is no longer attached to the invoice."],
  ["estimates", "estimate_id", "Your file has been successfully attached to the estimate.", "Your file is no longer attached to the estimate."],
  ["salesorders", "salesorder_id", "Your file has been successfully attached to the sales order.", "Your file is no longer attached to the sales order."],
  ["purchaseorders", "purchaseorder_id", "The document has been attached.", "The attachment has been deleted."],
  ["bills", "bill_id", "The document has been attached.", "The attachment has been deleted."],
  ["expenses", "expense_id", "The expense receipt has been attached.", "The attached expense receipt has been deleted."],
])("round-trips a file on %s byte for byte, then deletes it", async (recordType, idField, added, deleted) => {
  const [record] = seed(sandbox(), recordType, 1);
  const recordId = String(record[idField]);
  const bytes = binaryFile();
  const from = sandbox().log.length;

  const addResult = await add({ recordType, recordId, file: { data: bytes, contentType: "image/png" }, fileName: "scan.png", canSendInMail: "true" });
  expect(addResult.data).toEqual({ recordType, recordId, fileName: "scan.png", size: bytes.length, message: added });
  expectSameShape(addResult, booksAddAttachment.examplePayload);
  const segment = recordType === "expenses" ? "receipt" : "attachment";
  expect(booksCalls(sandbox(), from).find((call) => call.method === "POST")).toMatchObject({
    method: "POST",
    path: `/books/v3/${recordType}/${recordId}/${segment}`,
    query: { organization_id: "10234695" },
  });

  const file = await get({ recordType, recordId });
  expect(file.contentType).toBe("image/png");
  expect(Buffer.compare(file.data, bytes)).toBe(0);

  const removed = await remove({ recordType, recordId });
  expect(removed.data).toEqual({ recordType, recordId, message: deleted });
  expectSameShape(removed, booksDeleteAttachment.examplePayload);
  await expect(get({ recordType, recordId })).rejects.toThrow(/Zoho Books error 1002 \(HTTP 404\)/);
});

it("gets the file attached last, and a delete takes the last one off", async () => {
  const [invoice] = seed(sandbox(), "invoices", 1);
  const first = Buffer.from("%PDF-1.7 first");
  const second = Buffer.from("%PDF-1.7 second");
  await add({ recordType: "invoices", recordId: invoice.invoice_id, file: { data: first, contentType: "application/pdf" }, fileName: "first.pdf" });
  await add({ recordType: "invoices", recordId: invoice.invoice_id, file: { data: second, contentType: "application/pdf" }, fileName: "second.pdf" });
  expect((await get({ recordType: "invoices", recordId: invoice.invoice_id })).data.toString()).toBe("%PDF-1.7 second");
  await remove({ recordType: "invoices", recordId: invoice.invoice_id });
  expect((await get({ recordType: "invoices", recordId: invoice.invoice_id })).data.toString()).toBe("%PDF-1.7 first");
});

it("takes an expense receipt as a spreadsheet, which invoices refuse", async () => {
  const [expense] = seed(sandbox(), "expenses", 1);
  const sheet = { data: Buffer.from("PK\u0003\u0004 sheet"), contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };
  expect((await add({ recordType: "expenses", recordId: expense.expense_id, file: sheet, fileName: "receipt.xlsx" })).data.message).toBe(
    "The expense receipt has been attached.",
  );
  await expectNoRequest(sandbox(), () =>
    expect(add({ recordType: "invoices", recordId: expense.expense_id, file: sheet, fileName: "receipt.xlsx" })).rejects.toThrow(
      /Input "File Name" \(fileName\): must end in one of gif, png, jpeg, jpg, bmp, pdf: Books takes only these for invoices/,
    ),
  );
});

it("rejects bad input before any request: type, id, missing or oversized file, name", async () => {
  const pdf = { data: Buffer.from("%PDF-1.7"), contentType: "application/pdf" };
  await expectNoRequest(sandbox(), async () => {
    await expect(add({ recordType: "contacts", recordId: "1", file: pdf, fileName: "a.pdf" })).rejects.toThrow(
      /Input "Record Type" \(recordType\): must be one of invoices, estimates, salesorders, purchaseorders, bills, expenses/,
    );
    await expect(add({ recordType: "invoices", recordId: "INV-1", file: pdf, fileName: "a.pdf" })).rejects.toThrow(/Input "Record ID" \(recordId\)/);
    await expect(add({ recordType: "invoices", recordId: "1", fileName: "a.pdf" })).rejects.toThrow(
      /Input "File" \(file\): is empty: map a file from an earlier step/,
    );
    const big = { data: Buffer.alloc(5 * 1024 * 1024 + 1), contentType: "application/pdf" };
    await expect(add({ recordType: "invoices", recordId: "1", file: big, fileName: "a.pdf" })).rejects.toThrow(
      /Input "File" \(file\): is 5\.0 MB, over the 5 MB Books takes for a file: send a smaller file$/,
    );
    await expect(add({ recordType: "invoices", recordId: "1", file: pdf })).rejects.toThrow(/Input "File Name" \(fileName\): enter the file's name/);
    await expect(get({ recordType: "items", recordId: "1" })).rejects.toThrow(/Input "Record Type" \(recordType\)/);
  });
});

it("says a record Books does not have does not exist", async () => {
  await expect(get({ recordType: "bills", recordId: "460000000000001" })).rejects.toThrow(/Zoho Books error 1002 \(HTTP 404\): Bill does not exist/);
});
