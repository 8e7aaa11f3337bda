/** Books status actions, approval, email and PDFs over real HTTP. */
import { sentEmails } from "../../sandbox/books/actions";
import { seedBooks } from "../../sandbox/books/seed";
import { useSandbox } from "../helpers/sandbox";
import { booksCall, booksIn } from "./booksApi";
import { acceptGap } from "./contractGaps";
import type { HttpAnswer } from "./httpCall";

const ORG = "10234695";
const sandbox = useSandbox();
const books = booksIn(sandbox, ORG);

// GET /organizations first, as a client does, so seeding finds the sandbox's organization.
beforeAll(async () => {
  await booksCall(sandbox(), "GET", "/organizations");
});

const seedOne = (type: string) => seedBooks(sandbox().state, { organizationId: ORG, type, count: 1 })[0];

/** Runs `steps` in order on a new record of `type`, checking each answer and the status it leaves. */
const walk = async (type: string, idField: string, singular: string, steps: Array<[action: string, http: number, message: string, status: string]>) => {
  const id = String(seedOne(type)[idField]);
  for (const [action, http, message, status] of steps) {
    const answer = await books.post(`/${type}/${id}/${action}`);
    expect([action, answer.status, answer.body]).toEqual([action, http, { code: 0, message }]);
    const read = (await books.get(`/${type}/${id}`)).body[singular];
    expect([action, (Array.isArray(read) ? read[0] : read).status]).toEqual([action, status]);
  }
};

describe("status actions", () => {
  test("an invoice goes sent, void, back to draft, then through approval", async () => {
    await walk("invoices", "invoice_id", "invoice", [
      ["status/sent", 200, "Invoice status has been changed to Sent.", "sent"],
      ["status/void", 200, "Invoice status has been changed to Void.", "void"],
      ["status/draft", 200, "Status of invoice changed from void to draft", "draft"],
      ["submit", 200, "The invoice has been submitted for approval successfully.", "pending_approval"],
      ["approve", 200, "You have approved the invoice.", "approved"],
    ]);
  });

  test("estimates, sales orders, purchase orders, bills and credit notes change status with Books' messages", async () => {
    await walk("estimates", "estimate_id", "estimate", [
      ["status/sent", 200, "Estimate status has been changed to Sent", "sent"],
      ["status/accepted", 200, "Estimate status has been changed to Accepted.", "accepted"],
      ["status/declined", 200, "Estimate status has been changed to Declined.", "declined"],
    ]);
    await walk("salesorders", "salesorder_id", "salesorder", [
      ["status/open", 201, "Sales order status has been changed to Open.", "open"],
      ["status/void", 201, "Sales order status has been changed to Void.", "void"],
    ]);
    await walk("purchaseorders", "purchaseorder_id", "purchaseorder", [
      ["status/open", 201, "The purchase order has been marked as open.", "open"],
      ["status/billed", 201, "The purchase order has been marked as billed.", "billed"],
      ["status/cancelled", 201, "The purchase order has been cancelled.", "cancelled"],
    ]);
    await walk("bills", "bill_id", "bill", [
      ["status/void", 201, "The bill has been marked as void.", "void"],
      ["status/open", 201, "The status of the bill has been changed to open.", "open"],
    ]);
    await walk("creditnotes", "creditnote_id", "creditnote", [
      ["status/open", 200, "Status of the credit note has been changed to open.", "open"],
      ["status/void", 200, "The credit note has been marked as void.", "void"],
    ]);
  });

  test("contacts and items are marked inactive and active again", async () => {
    const contact = seedOne("contacts");
    expect((await books.post(`/contacts/${contact.contact_id}/inactive`)).body).toEqual({ code: 0, message: "The contact has been marked as inactive." });
    expect((await books.get("/contacts", { filter_by: "Status.Inactive" })).body.contacts.map((c: any) => c.contact_id)).toEqual([contact.contact_id]);
    await books.post(`/contacts/${contact.contact_id}/active`);
    expect((await books.get(`/contacts/${contact.contact_id}`)).body.contact.status).toBe("active");
  });

  test("an action changes last_modified_time and is logged as an update", async () => {
    const invoice = seedOne("invoices");
    sandbox().clock.advance(120_000);
    await books.post(`/invoices/${invoice.invoice_id}/status/sent`);
    const read = (await books.get(`/invoices/${invoice.invoice_id}`)).body.invoice;
    expect(read.last_modified_time > String(invoice.created_time)).toBe(true);
    expect(
      sandbox()
        .state.writeLog.filter((e) => e.ids[0] === invoice.invoice_id)
        .map((e) => e.operation),
    ).toEqual(["update"]);
  });

  test("an action on an unknown record is Books' not-found; a token without the scope is refused", async () => {
    const missing = await books.post("/invoices/982000000567114/status/sent");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ code: 1002, message: "Invoice does not exist." });

    const invoice = seedOne("invoices");
    const readOnly = await booksCall(sandbox(), "POST", `/invoices/${invoice.invoice_id}/status/sent`, {
      query: { organization_id: ORG },
      scopes: ["ZohoBooks.invoices.READ"],
    });
    expect(readOnly.status).toBe(401);
    expect(readOnly.body.code).toBe(57);
    expect((await books.get(`/invoices/${invoice.invoice_id}`, {}, ["ZohoBooks.invoices.READ"])).body.invoice.status).toBe("draft");
  });
});

describe("email", () => {
  test("emailing a draft invoice sends it, marks it emailed and records the mail", async () => {
    const invoice = seedOne("invoices");
    const answer = await books.post(`/invoices/${invoice.invoice_id}/email`, {
      to_mail_ids: ["ap@bowman.example"],
      subject: "Your invoice",
      body: "Please find it attached.",
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ code: 0, message: "Your invoice has been sent." });
    expect((await books.get(`/invoices/${invoice.invoice_id}`)).body.invoice).toMatchObject({ status: "sent", is_emailed: true });
    expect(sentEmails(sandbox().state).at(-1)).toMatchObject({
      organization_id: ORG,
      type: "invoices",
      id: invoice.invoice_id,
      to_mail_ids: ["ap@bowman.example"],
      subject: "Your invoice",
    });
  });

  test("estimates and credit notes email with their own messages; credit notes need a subject and body", async () => {
    const estimate = seedOne("estimates");
    expect((await books.post(`/estimates/${estimate.estimate_id}/email`, { to_mail_ids: ["a@b.example"] })).body.message).toBe("Your estimate has been sent.");
    const note = seedOne("creditnotes");
    const bare = await books.post(`/creditnotes/${note.creditnote_id}/email`, { to_mail_ids: ["a@b.example"] });
    expect(bare.body).toEqual({ code: 2, message: "Invalid value passed for subject" });
    acceptGap(sandbox(), /request body must have required property 'subject'/);
    acceptGap(sandbox(), /request body must have required property 'body'/);
    const full = await books.post(`/creditnotes/${note.creditnote_id}/email`, { to_mail_ids: ["a@b.example"], subject: "Credit", body: "Attached" });
    expect(full.body).toEqual({ code: 0, message: "Your creditnote has been sent." });
    expect((await books.get(`/creditnotes/${note.creditnote_id}`)).body.creditnote.status).toBe("open");
  });

  test("an email without recipients is refused and sends nothing", async () => {
    const invoice = seedOne("invoices");
    const before = sentEmails(sandbox().state).length;
    const answer = await books.post(`/invoices/${invoice.invoice_id}/email`, { to_mail_ids: [] });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ code: 2, message: "Invalid value passed for to_mail_ids" });
    expect(sentEmails(sandbox().state)).toHaveLength(before);
    expect((await books.get(`/invoices/${invoice.invoice_id}`)).body.invoice.status).toBe("draft");
  });
});

describe("PDF", () => {
  /** Defect of Zoho's files (reported): `accept=pdf` and /{type}/pdf declare only JSON answers. */
  const PDF_UNDECLARED = /answers application\/pdf; status 200 declares application\/json/;

  const expectPdfOf = (answer: HttpAnswer, ...numbers: string[]) => {
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("application/pdf");
    const text = answer.text;
    expect(text.startsWith("%PDF-1.4")).toBe(true);
    expect(text.endsWith("%%EOF")).toBe(true);
    numbers.forEach((n) => expect(text).toContain(n));
    expect(text).toContain(`/Count ${numbers.length}`);
  };

  test("accept=pdf answers the document as a PDF carrying its number", async () => {
    const invoice = seedOne("invoices");
    expectPdfOf(await books.get(`/invoices/${invoice.invoice_id}`, { accept: "pdf" }), String(invoice.invoice_number));
    const estimate = seedOne("estimates");
    expectPdfOf(await books.get(`/estimates/${estimate.estimate_id}`, { accept: "pdf" }), String(estimate.estimate_number));
    acceptGap(sandbox(), PDF_UNDECLARED);
  });

  test("/invoices/pdf prints several invoices into one PDF; unknown ids are an invalid value", async () => {
    const [a, b] = seedBooks(sandbox().state, { organizationId: ORG, type: "invoices", count: 2 });
    expectPdfOf(await books.get("/invoices/pdf", { invoice_ids: `${a.invoice_id},${b.invoice_id}` }), String(a.invoice_number), String(b.invoice_number));
    acceptGap(sandbox(), PDF_UNDECLARED);
    const unknown = await books.get("/invoices/pdf", { invoice_ids: `${a.invoice_id},982000000567114` });
    expect(unknown.body).toEqual({ code: 2, message: "Invalid value passed for invoice_ids" });
  });

  test("a type Books does not print refuses accept=pdf", async () => {
    const contact = seedOne("contacts");
    expect((await books.get(`/contacts/${contact.contact_id}`, { accept: "pdf" })).body).toEqual({ code: 2, message: "Invalid value passed for accept" });
  });
});
