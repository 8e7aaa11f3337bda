import { documentPdf, pdfBytes } from "../../sandbox/books/pdf";
import { recordType } from "../../sandbox/books/recordTypes";

/** Checks what a PDF reader relies on: header, trailer, and an xref whose offsets land on each object. */
const expectValidPdf = (bytes: Buffer) => {
  const text = bytes.toString("latin1");
  expect(text.startsWith("%PDF-1.4\n")).toBe(true);
  expect(text.endsWith("%%EOF")).toBe(true);
  const startxref = Number(/startxref\n(\d+)\n%%EOF$/.exec(text)?.[1]);
  expect(text.slice(startxref, startxref + 4)).toBe("xref");
  const [, count] = /^xref\n0 (\d+)\n/.exec(text.slice(startxref)) ?? [];
  const entries = text
    .slice(startxref)
    .split("\n")
    .slice(3, 2 + Number(count));
  entries.forEach((entry, i) => {
    const offset = Number(entry.slice(0, 10));
    expect(text.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
  });
  for (const [, length, stream] of text.matchAll(/<< \/Length (\d+) >>\nstream\n([\s\S]*?)\nendstream/g)) {
    expect(Buffer.byteLength(stream, "latin1")).toBe(Number(length));
  }
  return text;
};

describe("Books PDFs", () => {
  test("one page per document, with offsets and lengths a reader can follow", () => {
    const text = expectValidPdf(pdfBytes([["INV-000001", "Total: 10"], ["INV-000002"]]));
    expect(text).toContain("/Count 2");
    expect(text).toContain("(INV-000001) Tj");
    expect(text).toContain("(INV-000002) Tj");
  });

  test("parentheses and backslashes are escaped, other bytes stay ASCII", () => {
    const text = expectValidPdf(pdfBytes([["Bowman (Co) \\ Søn"]]));
    expect(text).toContain("(Bowman \\(Co\\) \\\\ S?n) Tj");
  });

  test("an invoice prints its number, customer, lines and total as application/pdf", () => {
    const invoice = {
      invoice_id: "1",
      invoice_number: "INV-000042",
      customer_name: "Bowman & Co",
      date: "2026-11-22",
      line_items: [{ name: "Hard Drive", quantity: 2, rate: 120, item_total: 240 }],
      total: 240,
      currency_code: "USD",
    };
    const answer = documentPdf(recordType("invoices"), invoice);
    expect(answer.headers).toEqual({ "Content-Type": "application/pdf", "Content-Disposition": 'inline; filename="INV-000042.pdf"' });
    const text = expectValidPdf(answer.body as Buffer);
    for (const line of ["Invoice INV-000042", "Bowman & Co", "Hard Drive  2 x 120 = 240", "Total: 240 USD"]) expect(text).toContain(`(${line}) Tj`);
  });

  test("types Books does not print answer an invalid accept", () => {
    expect(() => documentPdf(recordType("contacts"), { contact_id: "1" })).toThrow("Invalid value passed for accept");
  });
});
