/** The Books part of the demo: an organization, a contact, items, an invoice for them, the invoice's PDF, and instant Books events. */
import books from "../../actions/books";
import { instantBooksSteps } from "./booksInstant";
import type { Harness } from "./harness";
import { done, expect, formatCount, type Steps } from "./steps";

/** The organization the flow works in: the default one, else the first; undefined when the user has none. */
export const pickOrganization = (steps: Steps, zoho: Harness) =>
  steps.run("Pick a Books organization", async () => {
    const { data } = await zoho.action(books.booksListOrganizations, {});
    expect(Array.isArray(data), "booksListOrganizations did not return a list");
    const org = data.find((o: any) => o.is_default_org) ?? data[0];
    if (!org) return done<string | undefined>("booksListOrganizations: the connection's user belongs to no Books organization", undefined);
    return done<string | undefined>(
      `booksListOrganizations lists ${data.length}; using ${org.name} (${org.organization_id}${org.is_default_org ? ", default" : ""})`,
      String(org.organization_id),
    );
  });

const ITEMS = [
  { name: "Implementation workshop", rate: 1200, quantity: 1 },
  { name: "Support hour", rate: 95, quantity: 4 },
];

export const booksFlow = async (steps: Steps, zoho: Harness) => {
  const organizationId = await pickOrganization(steps, zoho);
  expect(organizationId, "the sandbox has no Books organization");

  const contact = await steps.run("Create a Books contact", async () => {
    const { data } = await zoho.action(books.booksCreateRecord, {
      organizationId,
      recordType: "contacts",
      fieldValues: [
        { key: "contact_name", value: "Northwind Traders GmbH" },
        { key: "email", value: "ap@northwind.example.com" },
      ],
    });
    expect(/^\d+$/.test(String(data?.contact_id)) && data.contact_name === "Northwind Traders GmbH", "booksCreateRecord did not return the new contact");
    return done(`booksCreateRecord created contact ${data.contact_name} (${data.contact_id}) in organization ${organizationId}`, data);
  });

  const itemIds = await steps.run("Create Books items", async () => {
    const ids: string[] = [];
    for (const { name, rate } of ITEMS) {
      const { data } = await zoho.action(books.booksCreateRecord, { organizationId, recordType: "items", dynamicValues: { name, rate } });
      expect(/^\d+$/.test(String(data?.item_id)) && Number(data.rate) === rate, `booksCreateRecord did not return the item ${name}`);
      ids.push(String(data.item_id));
    }
    return done(`booksCreateRecord created ${ITEMS.map((item) => `${item.name} (${formatCount(item.rate)})`).join(" and ")}`, ids);
  });

  const invoice = await steps.run("Create an invoice", async () => {
    const lineItems = ITEMS.map((item, i) => ({ item_id: itemIds[i], quantity: item.quantity }));
    const { data } = await zoho.action(books.booksCreateRecord, {
      organizationId,
      recordType: "invoices",
      dynamicValues: JSON.stringify({ customer_id: contact.contact_id, line_items: lineItems }),
      fieldValues: [{ key: "reference_number", value: "PO-2041" }],
    });
    const expected = ITEMS.reduce((sum, item) => sum + item.rate * item.quantity, 0);
    expect(data?.invoice_id && data.customer_id === contact.contact_id, "booksCreateRecord did not return an invoice for the contact");
    expect(Number(data.total) === expected, `the invoice totals ${data.total}, expected ${expected}`);
    return done(
      `booksCreateRecord created ${data.invoice_number} for ${contact.contact_name}: ${ITEMS.length} lines, total ${data.currency_code ?? ""} ${formatCount(Number(data.total))}, status ${data.status}`.replace(
        "  ",
        " ",
      ),
      data,
    );
  });

  await steps.run("Download the invoice PDF", async () => {
    const result = await zoho.action(books.booksDownloadRecordPdf, { organizationId, recordType: "invoices", recordId: invoice.invoice_id });
    expect(Buffer.isBuffer(result.data) && result.data.subarray(0, 5).toString("latin1") === "%PDF-", "booksDownloadRecordPdf did not return a PDF");
    expect(result.data.toString("latin1").includes(String(invoice.invoice_number)), `the PDF does not name ${invoice.invoice_number}`);
    return done(`booksDownloadRecordPdf returned a ${formatCount(result.data.length)}-byte ${result.contentType} naming ${invoice.invoice_number}`);
  });

  await instantBooksSteps(steps, zoho, organizationId, invoice);
};
