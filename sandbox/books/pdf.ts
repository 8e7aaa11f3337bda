/**
 * The PDFs Books answers for `accept=pdf` and its batch `/{type}/pdf`: a small but valid PDF 1.4
 * (one page per document, its number, party, lines and total in Helvetica), so a client can check
 * the bytes it saves are a PDF of the right document.
 */
import type { SandboxResponse } from "../types";
import { invalidValue } from "./failure";
import type { RecordType } from "./recordTypes";
import type { BooksRecord } from "./store";

/** The types Books prints. */
export const PRINTABLE = new Set(["invoices", "estimates", "salesorders", "creditnotes", "purchaseorders", "bills", "retainerinvoices", "salesreceipts"]);

const escapeText = (line: string) => line.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, "?");

/** A PDF with one page per entry, each page the given lines of text. */
export const pdfBytes = (pages: string[][]): Buffer => {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) + 2; // object numbers start after the catalog (1) and pages (2)
  const font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  const kids = pages.map((lines) => {
    const text = lines.map((line) => `(${escapeText(line)}) Tj T*`).join(" ");
    const stream = `BT /F1 12 Tf 16 TL 72 760 Td ${text} ET`;
    const content = add(`<< /Length ${Buffer.byteLength(stream, "latin1")} >>\nstream\n${stream}\nendstream`);
    return add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`);
  });
  const all = ["<< /Type /Catalog /Pages 2 0 R >>", `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${kids.length} >>`, ...objects];
  let out = "%PDF-1.4\n";
  const offsets = all.map((body, i) => {
    const offset = Buffer.byteLength(out, "latin1");
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${all.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${all.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF`;
  return Buffer.from(out, "latin1");
};

const documentLines = (type: RecordType, record: BooksRecord): string[] => [
  `${type.label} ${String(record[type.nameField ?? type.idField] ?? "")}`,
  `${String(record.customer_name ?? record.vendor_name ?? "")}`,
  `Date: ${String(record.date ?? "")}`,
  ...(Array.isArray(record.line_items) ? record.line_items : []).map(
    (line: BooksRecord) => `${String(line.name ?? "")}  ${String(line.quantity)} x ${String(line.rate)} = ${String(line.item_total)}`,
  ),
  `Total: ${String(record.total ?? 0)} ${String(record.currency_code ?? "")}`,
];

/** Books' PDF answer for documents of one type. */
export const documentPdf = (type: RecordType, ...records: BooksRecord[]): SandboxResponse => {
  if (!PRINTABLE.has(type.key)) throw invalidValue("accept");
  const name = records.length === 1 ? String(records[0][type.nameField ?? type.idField]) : type.key;
  return {
    status: 200,
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `inline; filename="${name}.pdf"` },
    body: pdfBytes(records.map((record) => documentLines(type, record))),
  };
};
