/** Books records over real HTTP: organizations, CRUD, nested types, paging, filters, errors. */
import { seedBooks } from "../../sandbox/books/seed";
import { useSandbox } from "../helpers/sandbox";
import { booksCall, booksIn } from "./booksApi";
import { acceptGap } from "./contractGaps";

const ZYLKER = "10234695";
const BOWMAN = "20061234";

const sandbox = useSandbox({
  now: Date.UTC(2026, 10, 22, 10, 15, 30),
  booksOrganizations: [
    { organization_id: ZYLKER, name: "Zylker Inc", is_default_org: true },
    { organization_id: BOWMAN, name: "Bowman & Co", is_default_org: false },
  ],
});
const zylker = booksIn(sandbox, ZYLKER);
const bowman = booksIn(sandbox, BOWMAN);

const newContact = async (name: string, org = zylker) => (await org.post("/contacts", { contact_name: name })).body.contact;
const newItem = async (name: string, rate: number, org = zylker) => (await org.post("/items", { name, rate })).body.item;

// Zoho's files want an item_id on every line; one plain item per organization serves the tests.
const lineItem: Record<string, string> = {};
beforeAll(async () => {
  lineItem[ZYLKER] = (await newItem("Consulting", 1)).item_id;
  lineItem[BOWMAN] = (await newItem("Consulting", 1, bowman)).item_id;
});
const line = (extra: Record<string, unknown> = {}, org = ZYLKER) => ({ item_id: lineItem[org], ...extra });

describe("organizations", () => {
  test("GET /organizations needs no organization_id and lists the configured ones", async () => {
    const answer = await booksCall(sandbox(), "GET", "/organizations");
    const one = await booksCall(sandbox(), "GET", `/organizations/${BOWMAN}`, { query: { organization_id: BOWMAN } });
    expect(answer.status).toBe(200);
    expect(answer.body.code).toBe(0);
    expect(answer.body.organizations.map((o: any) => [o.organization_id, o.name, o.is_default_org])).toEqual([
      [ZYLKER, "Zylker Inc", true],
      [BOWMAN, "Bowman & Co", false],
    ]);
    expect(one.body).toMatchObject({ code: 0, message: "success", organization: { organization_id: BOWMAN, currency_code: "USD" } });
  });

  test("every other call needs a known organization_id", async () => {
    const missing = await booksCall(sandbox(), "GET", "/contacts");
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ code: 2, message: "Invalid value passed for organization_id" });
    acceptGap(sandbox(), /missing required query parameter organization_id/);

    const foreign = await booksCall(sandbox(), "GET", "/invoices", { query: { organization_id: "999" } });
    expect(foreign.status).toBe(400);
    expect(foreign.body).toEqual({ code: 6041, message: "This user is not associated with the CompanyID/CompanyName:999." });
  });

  test("organizations keep their own records and number their documents independently", async () => {
    const inZylker = await newContact("Only In Zylker");
    const inBowman = await newContact("Only In Bowman", bowman);
    expect((await bowman.get("/contacts")).body.contacts.map((c: any) => c.contact_name)).toEqual(["Only In Bowman"]);
    expect((await bowman.get(`/contacts/${inZylker.contact_id}`)).status).toBe(404);

    const zylkerInvoice = (await zylker.post("/invoices", { customer_id: inZylker.contact_id, line_items: [line()] })).body.invoice;
    const bowmanInvoice = (await bowman.post("/invoices", { customer_id: inBowman.contact_id, line_items: [line({}, BOWMAN)] })).body.invoice;
    expect(bowmanInvoice.invoice_number).toBe("INV-000001");
    expect(zylkerInvoice.invoice_number).toMatch(/^INV-\d{6}$/);
    // A customer of one organization is unknown in the other.
    const crossed = await bowman.post("/invoices", { customer_id: inZylker.contact_id, line_items: [line({}, BOWMAN)] });
    expect(crossed.body).toEqual({ code: 2, message: "Invalid value passed for customer_id" });
  });
});

describe("contacts", () => {
  test("create, get, update, list and delete, each answered in Books' words and logged", async () => {
    const created = await zylker.post("/contacts", { contact_name: "Bowman Traders", email: "ap@bowman.example", company_name: "Bowman" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 0, message: "The contact has been created" });
    const contact = created.body.contact;
    expect(contact).toMatchObject({ contact_name: "Bowman Traders", contact_type: "customer", status: "active" });
    expect(contact.created_time).toMatch(/^2026-11-22T10:1\d:\d\d\+0000$/);
    expect(contact.last_modified_time).toBe(contact.created_time);
    expect(contact.contact_id).toMatch(/^\d{19}$/);

    const read = await zylker.get(`/contacts/${contact.contact_id}`);
    expect(read.body).toEqual({ code: 0, message: "success", contact });

    sandbox().clock.advance(60_000);
    const updated = await zylker.put(`/contacts/${contact.contact_id}`, { contact_name: "Bowman Traders Ltd", phone: "+1 555 0100" });
    expect(updated.body.message).toBe("Contact has been updated successfully");
    expect(updated.body.contact).toMatchObject({
      contact_id: contact.contact_id,
      contact_name: "Bowman Traders Ltd",
      email: "ap@bowman.example",
      phone: "+1 555 0100",
      created_time: contact.created_time,
    });
    expect(
      Date.parse(updated.body.contact.last_modified_time.replace("+0000", "Z")) - Date.parse(contact.created_time.replace("+0000", "Z")),
    ).toBeGreaterThanOrEqual(60_000);

    const listed = await zylker.get("/contacts", { contact_name_startswith: "bowman traders" });
    expect(listed.body.contacts.map((c: any) => c.contact_id)).toEqual([contact.contact_id]);

    const deleted = await zylker.delete(`/contacts/${contact.contact_id}`);
    expect(deleted.body).toEqual({ code: 0, message: "The contact has been deleted." });
    const gone = await zylker.get(`/contacts/${contact.contact_id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ code: 1002, message: "Contact does not exist." });

    const logged = sandbox().state.writeLog.filter((e) => e.ids[0] === contact.contact_id);
    expect(logged.map((e) => [e.module, e.operation])).toEqual([
      ["books/contacts", "insert"],
      ["books/contacts", "update"],
      ["books/contacts", "delete"],
    ]);
  });

  test("a create without contact_name names the field; a blanked one too", async () => {
    const missing = await zylker.post("/contacts", { company_name: "No Name" });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ code: 2, message: "Invalid value passed for contact_name" });
    acceptGap(sandbox(), /request body must have required property 'contact_name'/);
    const contact = await newContact("Has A Name");
    expect((await zylker.put(`/contacts/${contact.contact_id}`, { contact_name: "" })).body).toEqual({
      code: 2,
      message: "Invalid value passed for contact_name",
    });
  });

  test("Books' JSONString form parameter creates the same record as a JSON body", async () => {
    const answer = await zylker.post("/contacts", undefined, { form: { JSONString: JSON.stringify({ contact_name: "Form Contact" }) } });
    expect(answer.status).toBe(201);
    expect(answer.body.contact.contact_name).toBe("Form Contact");
    const broken = await zylker.post("/contacts", undefined, { form: { JSONString: "{not json" } });
    expect(broken.body).toEqual({ code: 2, message: "Invalid value passed for JSONString" });
    acceptGap(sandbox(), /sends application\/x-www-form-urlencoded/);
  });
});

describe("invoices, items and estimates", () => {
  test("an invoice gets the next number, its customer's name, item defaults and totals", async () => {
    const customer = await newContact("Invoice Customer");
    const drive = await newItem("Hard Drive", 120);
    const first = await zylker.post("/invoices", {
      customer_id: customer.contact_id,
      line_items: [{ item_id: drive.item_id, quantity: 2 }, line({ name: "Setup", rate: 35.5 })],
    });
    expect(first.status).toBe(201);
    expect(first.body.message).toBe("The invoice has been created.");
    const invoice = first.body.invoice;
    expect(invoice).toMatchObject({
      customer_name: "Invoice Customer",
      status: "draft",
      date: "2026-11-22",
      currency_code: "USD",
      sub_total: 275.5,
      total: 275.5,
      balance: 275.5,
    });
    expect(invoice.line_items).toMatchObject([
      { item_id: drive.item_id, name: "Hard Drive", rate: 120, quantity: 2, item_total: 240 },
      { name: "Setup", rate: 35.5, quantity: 1, item_total: 35.5 },
    ]);
    const second = (await zylker.post("/invoices", { customer_id: customer.contact_id, line_items: [line()] })).body.invoice;
    expect(Number(second.invoice_number.slice(4))).toBe(Number(invoice.invoice_number.slice(4)) + 1);

    const updated = await zylker.put(`/invoices/${invoice.invoice_id}`, {
      customer_id: customer.contact_id,
      line_items: [line({ name: "Only line", rate: 10, quantity: 3 })],
      reference_number: "PO-7",
    });
    expect(updated.body.message).toBe("Invoice information has been updated.");
    expect(updated.body.invoice).toMatchObject({ invoice_number: invoice.invoice_number, total: 30, balance: 30, reference_number: "PO-7" });
    expect((await zylker.get(`/invoices/${invoice.invoice_id}`)).body.invoice.total).toBe(30);

    expect((await zylker.delete(`/invoices/${invoice.invoice_id}`)).body).toEqual({ code: 0, message: "The invoice has been deleted." });
  });

  test("an unknown invoice is Books' 1002, an unknown customer or item an invalid value", async () => {
    const missing = await zylker.get("/invoices/982000000567114");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ code: 1002, message: "Invoice does not exist." });
    expect((await zylker.put("/invoices/982000000567114", { customer_id: "1", line_items: [{ item_id: "1" }] })).status).toBe(404);
    expect((await zylker.delete("/invoices/982000000567114")).status).toBe(404);

    const noCustomer = await zylker.post("/invoices", { customer_id: "982000000567001", line_items: [line()] });
    expect(noCustomer.body).toEqual({ code: 2, message: "Invalid value passed for customer_id" });
    const customer = await newContact("Item Check");
    const noItem = await zylker.post("/invoices", { customer_id: customer.contact_id, line_items: [{ item_id: "982000000030049" }] });
    expect(noItem.body).toEqual({ code: 2, message: "Invalid value passed for item_id" });
    const noLines = await zylker.post("/invoices", { customer_id: customer.contact_id });
    expect(noLines.body).toEqual({ code: 2, message: "Invalid value passed for line_items" });
    acceptGap(sandbox(), /request body must have required property 'line_items'/);
  });

  test("items need a name and a rate, and list by name", async () => {
    const noRate = await zylker.post("/items", { name: "Free Thing" });
    expect(noRate.body).toEqual({ code: 2, message: "Invalid value passed for rate" });
    acceptGap(sandbox(), /request body must have required property 'rate'/);
    const cable = (await zylker.post("/items", { name: "zz Cable", rate: 5 })).body;
    expect(cable).toMatchObject({ code: 0, message: "The item has been added.", item: { name: "zz Cable", rate: 5, status: "active" } });
    const saved = await zylker.put(`/items/${cable.item.item_id}`, { name: "zz Cable", rate: 6 });
    expect(saved.body).toMatchObject({ message: "Item details have been saved.", item: { name: "zz Cable", rate: 6 } });
    const names = (await zylker.get("/items")).body.items.map((i: any) => i.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect(names[names.length - 1]).toBe("zz Cable");
  });

  test("estimates are numbered EST- and start as drafts", async () => {
    const customer = await newContact("Estimate Customer");
    const answer = await zylker.post("/estimates", { customer_id: customer.contact_id, line_items: [line({ name: "Quote", rate: 99 })] });
    expect(answer.body).toMatchObject({
      code: 0,
      message: "The estimate has been created",
      estimate: { estimate_number: "EST-000001", status: "draft", total: 99 },
    });
    const id = answer.body.estimate.estimate_id;
    const updated = await zylker.put(`/estimates/${id}`, { customer_id: customer.contact_id, custom_fields: [], notes: "Valid 30 days" });
    expect(updated.body.estimate).toMatchObject({ notes: "Valid 30 days", estimate_number: "EST-000001", total: 99 });
    expect((await zylker.delete(`/estimates/${id}`)).body.message).toBe("The estimate has been deleted.");
  });
});

describe("nested types", () => {
  test("contact persons are written at /contacts/contactpersons and read under their contact", async () => {
    const contact = await newContact("Has People");
    const created = await zylker.post("/contacts/contactpersons", { contact_id: contact.contact_id, first_name: "Ann", email: "ann@example.com" });
    expect(created.status).toBe(201);
    // Zoho's files answer a contact person's create and update as a one-element array.
    const [person] = created.body.contact_person;
    expect(person).toMatchObject({ contact_id: contact.contact_id, first_name: "Ann" });

    const listed = await zylker.get(`/contacts/${contact.contact_id}/contactpersons`);
    expect(listed.body.contact_persons.map((p: any) => p.contact_person_id)).toEqual([person.contact_person_id]);
    const read = await zylker.get(`/contacts/${contact.contact_id}/contactpersons/${person.contact_person_id}`);
    expect(read.body.contact_person.email).toBe("ann@example.com");

    const updated = await zylker.put(`/contacts/contactpersons/${person.contact_person_id}`, { contact_id: contact.contact_id, first_name: "Anne" });
    expect(updated.body).toMatchObject({
      message: "The contactperson details has been updated.",
      contact_person: [{ first_name: "Anne", contact_id: contact.contact_id }],
    });

    const other = await newContact("No People");
    expect((await zylker.get(`/contacts/${other.contact_id}/contactpersons/${person.contact_person_id}`)).status).toBe(404);
    expect((await zylker.delete(`/contacts/contactpersons/${person.contact_person_id}`)).body.message).toBe("The contact person has been deleted.");
    expect((await zylker.get(`/contacts/${contact.contact_id}/contactpersons`)).body.contact_persons).toEqual([]);
  });

  test("an unknown parent contact or project is Books' not-found", async () => {
    const unknownContact = await zylker.get("/contacts/982000000567001/contactpersons");
    expect(unknownContact.status).toBe(404);
    expect(unknownContact.body).toEqual({ code: 1002, message: "Contact does not exist." });
    const orphan = await zylker.post("/contacts/contactpersons", { contact_id: "982000000567001", first_name: "Nobody" });
    expect(orphan.body).toEqual({ code: 1002, message: "Contact does not exist." });
    const unknownProject = await zylker.post("/projects/982000000567001/tasks", { task_name: "Lost" });
    expect(unknownProject.body).toEqual({ code: 1002, message: "Project does not exist." });
  });

  test("project tasks live under their project and go when the project goes", async () => {
    const [project] = seedBooks(sandbox().state, { organizationId: ZYLKER, type: "projects", count: 1 });
    const tasks = `/projects/${project.project_id}/tasks`;
    const created = await zylker.post(tasks, { task_name: "Design", description: "Wireframes" });
    expect(created.status).toBe(201);
    const task = created.body.task;
    expect(task).toMatchObject({ task_name: "Design", project_id: project.project_id, project_name: project.project_name });

    expect((await zylker.get(tasks)).body.tasks.map((t: any) => t.task_id)).toEqual([task.task_id]);
    expect((await zylker.put(`${tasks}/${task.task_id}`, { task_name: "Design v2" })).body.task.task_name).toBe("Design v2");
    expect((await zylker.get(`${tasks}/${task.task_id}`)).body.task.task_name).toBe("Design v2");

    expect((await zylker.delete(`/projects/${project.project_id}`)).body.message).toBe("The project has been deleted.");
    expect((await zylker.get(`${tasks}/${task.task_id}`)).body).toEqual({ code: 1002, message: "Project does not exist." });
  });
});

describe("lists", () => {
  test("pages of at most 200 with has_more_page, every record once", async () => {
    seedBooks(sandbox().state, { organizationId: BOWMAN, type: "items", count: 450, fields: (i) => ({ name: `Paged ${String(i).padStart(3, "0")}` }) });
    const seen: string[] = [];
    const contexts = [];
    for (let page = 1; page <= 3; page++) {
      const answer = await bowman.get("/items", { page: String(page), per_page: "1000", name_startswith: "Paged" });
      seen.push(...answer.body.items.map((i: any) => i.name));
      contexts.push(answer.body.page_context);
    }
    expect(contexts.map((c) => [c.page, c.per_page, c.has_more_page])).toEqual([
      [1, 200, true],
      [2, 200, true],
      [3, 200, false],
    ]);
    expect(seen).toHaveLength(450);
    expect(seen).toEqual(Array.from({ length: 450 }, (_, i) => `Paged ${String(i).padStart(3, "0")}`));
  });

  test("search_text, status and last_modified_time narrow a list", async () => {
    const customer = await newContact("Filter Customer");
    const make = async (reference: string) =>
      (await zylker.post("/invoices", { customer_id: customer.contact_id, reference_number: reference, line_items: [line()] })).body.invoice;
    const [a, b] = [await make("FILTER-A"), await make("FILTER-B")];

    const found = await zylker.get("/invoices", { search_text: "filter-" });
    expect(found.body.invoices.map((i: any) => i.reference_number)).toEqual(["FILTER-B", "FILTER-A"]);

    await zylker.post(`/invoices/${b.invoice_id}/status/sent`);
    const sent = await zylker.get("/invoices", { status: "sent", customer_id: customer.contact_id });
    expect(sent.body.invoices.map((i: any) => i.invoice_id)).toEqual([b.invoice_id]);
    expect(sent.body.page_context.applied_filter).toBe("Status.Sent");

    sandbox().clock.advance(3_600_000);
    const since = (await zylker.put(`/invoices/${a.invoice_id}`, { customer_id: customer.contact_id, line_items: [line()], notes: "touched" })).body.invoice
      .last_modified_time;
    const changed = await zylker.get("/invoices", { last_modified_time: since });
    expect(changed.body.invoices.map((i: any) => i.invoice_id)).toEqual([a.invoice_id]);
  });
});

test("seeding Books before any call uses the configured organizations", async () => {
  const { startSandbox } = await import("../../sandbox");
  const fresh = await startSandbox({ booksOrganizations: [{ organization_id: BOWMAN, name: "Bowman & Co", is_default_org: true }] });
  try {
    const [contact] = seedBooks(fresh.state, { type: "contacts", count: 1 });
    expect(fresh.state.books.organizations.map((o: { organization_id: string }) => o.organization_id)).toEqual([BOWMAN]);
    expect(contact.contact_id).toBeDefined();
  } finally {
    await fresh.stop();
  }
});
