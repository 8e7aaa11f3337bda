/**
 * The sandbox's Books webhooks and workflow rules, over HTTP. Zoho publishes no OpenAPI file for
 * /settings/webhooks or /settings/workflows, so these follow Zoho's documented fields and examples
 * (Books API pages for webhooks and workflows, Billing's page for the signature): their
 * "undocumented operation" contract reports are dropped by name, every other check stays on.
 * The signature is checked with the connector's own implementation (src/books/webhooks.ts), written
 * apart from the sandbox's, so the two must agree byte for byte.
 */
import { setWorkflowPlan, LIMITS } from "../../sandbox/books/automation";
import { flushDeliveries } from "../../sandbox/crm/callbacks";
import { signatureMatches } from "../../src/books/webhooks";
import { dropBooksGaps } from "../helpers/booksUndocumented";
import { loopback, type Seen } from "../helpers/loopback";
import { useSandbox, type TestSandbox } from "../helpers/sandbox";
import { booksCall, booksIn } from "./booksApi";

const ORG = "10234695";
let sandbox: () => TestSandbox;
afterEach(() => dropBooksGaps(sandbox()));
sandbox = useSandbox();
const books = booksIn(() => sandbox(), ORG);

let receiver: Awaited<ReturnType<typeof loopback>>;
beforeAll(async () => {
  receiver = await loopback((_req, res) => res.writeHead(200).end());
});
afterAll(() => receiver.close());
beforeEach(() => receiver.seen.splice(0));

const SECRET = "abc123def456ghi789";

const newWebhook = async (overrides: Record<string, unknown> = {}) => {
  const answer = await books.post("/settings/webhooks", {
    webhook_name: "Flow",
    entity: "invoice",
    url: `${receiver.url}/hook?flow=1`,
    secret: SECRET,
    query_parameters: [{ param_name: "zoho_event", param_value: "created" }],
    ...overrides,
  });
  expect(answer.status).toBe(201);
  return String(answer.body.webhook.webhook_id);
};

const newRule = async (webhookId: string, overrides: Record<string, unknown> = {}) => {
  const answer = await books.post("/settings/workflows", {
    workflow_name: "Rule",
    entity: "invoice",
    rule_type: "created",
    actions: [{ action_type: "webhook", action_id: webhookId }],
    ...overrides,
  });
  expect(answer.status).toBe(201);
  return String(answer.body.workflow.workflow_id);
};

let itemId = "";
const customer = async () => {
  itemId ||= String((await books.post("/items", { name: "Hours", rate: 50 })).body.item.item_id);
  return String((await books.post("/contacts", { contact_name: `Acme ${Math.random()}` })).body.contact.contact_id);
};

const lines = () => [{ item_id: itemId, quantity: 2 }];
const newInvoice = async (customerId: string) =>
  (await books.post("/invoices", { customer_id: customerId, line_items: lines() })).body.invoice as Record<string, any>;

const delivered = async (): Promise<Seen[]> => {
  await flushDeliveries(sandbox().state);
  return [...receiver.seen];
};

const queryOf = (seen: Seen) => Object.fromEntries(new URL(seen.url, receiver.url).searchParams);

const cleanUp = async () => {
  for (const rule of (await books.get("/settings/workflows")).body.workflows) await books.delete(`/settings/workflows/${rule.workflow_id}`);
  for (const hook of (await books.get("/settings/webhooks")).body.webhooks) await books.delete(`/settings/webhooks/${hook.webhook_id}`);
};
afterEach(cleanUp);

describe("webhooks", () => {
  it("stores a webhook, never answers its secret back, and updates and deletes it", async () => {
    const id = await newWebhook();
    const got = await books.get(`/settings/webhooks/${id}`);
    expect(got.body.webhook).toMatchObject({ webhook_id: id, url: `${receiver.url}/hook?flow=1`, method: "POST", entity: "invoice", is_secured: true });
    expect(got.text).not.toContain(SECRET);
    expect((await books.put(`/settings/webhooks/${id}`, { webhook_name: "Renamed" })).body.webhook.webhook_name).toBe("Renamed");
    expect((await books.delete(`/settings/webhooks/${id}`)).body).toEqual({ code: 0, message: "The webhook has been deleted." });
    expect((await books.get(`/settings/webhooks/${id}`)).status).toBe(404);
  });

  it.each([
    ["url", { url: undefined }],
    ["url", { url: "ftp://example.com/hook" }],
    ["url", { url: `https://example.com/${"x".repeat(5000)}` }],
    ["webhook_name", { webhook_name: "x".repeat(51) }],
    ["description", { description: "x".repeat(101) }],
    ["method", { method: "GET" }],
    ["secret", { secret: "short1" }],
    ["secret", { secret: "not-alphanumeric-secret" }],
    ["secret", { secret: "a".repeat(51) }],
    ["entity", { entity: "spaceship" }],
  ])("refuses an invalid %s", async (field, overrides) => {
    const answer = await books.post("/settings/webhooks", { url: "https://example.com/hook", ...overrides });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ code: 2, message: `Invalid value passed for ${field}` });
  });

  it("refuses to delete a webhook a workflow rule still calls", async () => {
    const id = await newWebhook();
    const rule = await newRule(id);
    const refused = await books.delete(`/settings/webhooks/${id}`);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/associated with a workflow rule/);
    await books.delete(`/settings/workflows/${rule}`);
    expect((await books.delete(`/settings/webhooks/${id}`)).status).toBe(200);
  });
});

describe("workflow rules", () => {
  it.each([
    ["workflow_name", { workflow_name: undefined }],
    ["entity", { entity: "spaceship" }],
    ["rule_type", { rule_type: "on_birthday" }],
    ["criteria.comparator", { criteria: [{ field: "status", comparator: "like", value: "sent" }] }],
    ["actions.action_type", { actions: [{ action_type: "email_alert", action_id: "1" }] }],
  ])("refuses an invalid %s", async (field, overrides) => {
    const webhookId = await newWebhook();
    const answer = await books.post("/settings/workflows", {
      workflow_name: "Rule",
      entity: "invoice",
      rule_type: "created",
      actions: [{ action_type: "webhook", action_id: webhookId }],
      ...overrides,
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ code: 2, message: `Invalid value passed for ${field}` });
  });

  it("refuses a webhook the organization does not have, and a second webhook on one rule", async () => {
    const missing = await books.post("/settings/workflows", {
      workflow_name: "Rule",
      entity: "invoice",
      rule_type: "created",
      actions: [{ action_type: "webhook", action_id: "1" }],
    });
    expect(missing.status).toBe(404);
    const [a, b] = [await newWebhook(), await newWebhook()];
    const two = await books.post("/settings/workflows", {
      workflow_name: "Rule",
      entity: "invoice",
      rule_type: "created",
      actions: [
        { action_type: "webhook", action_id: a },
        { action_type: "webhook", action_id: b },
      ],
    });
    expect(two.status).toBe(400);
    expect(two.body.message).toBe("A workflow rule can call only 1 webhook.");
  });

  it(`allows ${LIMITS.rulesPerEntity} rules a module and refuses the next`, async () => {
    const webhookId = await newWebhook();
    for (let i = 0; i < LIMITS.rulesPerEntity; i++) await newRule(webhookId, { workflow_name: `Rule ${i}` });
    const refused = await books.post("/settings/workflows", { workflow_name: "One too many", entity: "invoice", rule_type: "edited" });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe("You can create only 10 workflow rules for a module.");
    // Another module still has room.
    await newRule(webhookId, { entity: "contact" });
    expect((await books.get("/settings/workflows", { entity: "invoice" })).body.workflows).toHaveLength(LIMITS.rulesPerEntity);
  });

  it("answers a plan without workflow rules with an error that names the plan", async () => {
    setWorkflowPlan(sandbox().state, ORG, false);
    try {
      for (const path of ["/settings/webhooks", "/settings/workflows"]) {
        const answer = await books.post(path, { url: "https://example.com/hook", workflow_name: "R", entity: "invoice", rule_type: "created" });
        expect(answer.status).toBe(400);
        expect(answer.body.message).toMatch(/not available in your current plan/);
      }
    } finally {
      setWorkflowPlan(sandbox().state, ORG, true);
    }
  });

  it("needs a ZohoBooks.settings scope (or full access)", async () => {
    const answer = await booksCall(sandbox(), "GET", "/settings/workflows", { query: { organization_id: ORG }, scopes: ["ZohoBooks.invoices.ALL"] });
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe(57);
    const allowed = await booksCall(sandbox(), "GET", "/settings/workflows", { query: { organization_id: ORG }, scopes: ["ZohoBooks.settings.READ"] });
    expect(allowed.status).toBe(200);
  });
});

describe("delivery", () => {
  it("calls the webhook of a matching rule after the write, signed over its query and raw body", async () => {
    const webhookId = await newWebhook();
    await newRule(webhookId);
    const invoice = await newInvoice(await customer());
    const calls = await delivered();
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call.method).toBe("POST");
    expect(queryOf(call)).toEqual({ flow: "1", zoho_event: "created" });
    expect(JSON.parse(call.body)).toEqual({ invoice });
    expect(signatureMatches(SECRET, queryOf(call), call.body, call.headers["x-zoho-webhook-signature"])).toBe(true);
    // Another record id in the same body no longer matches the signature.
    const altered = call.body.replace(invoice.invoice_id, "5725767000000999999");
    expect(signatureMatches(SECRET, queryOf(call), altered, call.headers["x-zoho-webhook-signature"])).toBe(false);
    expect(sandbox().state.crm.deliveries).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: "books_webhook", source: webhookId, status: 200 })]),
    );
  });

  it("sends no signature without a secret, and uses the webhook's method and headers", async () => {
    const webhookId = await newWebhook({ secret: undefined, method: "PUT", headers: [{ param_name: "X-Flow", param_value: "demo" }] });
    await newRule(webhookId);
    await newInvoice(await customer());
    const [call] = await delivered();
    expect(call.method).toBe("PUT");
    expect(call.headers["x-flow"]).toBe("demo");
    expect(call.headers["x-zoho-webhook-signature"]).toBeUndefined();
  });

  it("hears edits (a status change is one) only when the criteria match, and deletes with the record as it was", async () => {
    const edited = await newWebhook({ query_parameters: [{ param_name: "zoho_event", param_value: "edited" }] });
    await newRule(edited, { rule_type: "edited", criteria: [{ field: "status", comparator: "equal", value: "void" }] });
    const deleted = await newWebhook({ query_parameters: [{ param_name: "zoho_event", param_value: "deleted" }] });
    await newRule(deleted, { rule_type: "deleted" });
    const invoice = await newInvoice(await customer());
    await books.put(`/invoices/${invoice.invoice_id}`, { customer_id: invoice.customer_id, line_items: lines(), reference_number: "PO-1" });
    expect(await delivered()).toHaveLength(0);
    await books.post(`/invoices/${invoice.invoice_id}/status/void`);
    await books.delete(`/invoices/${invoice.invoice_id}`);
    const calls = await delivered();
    expect(calls.map((c) => queryOf(c).zoho_event)).toEqual(["edited", "deleted"]);
    expect(JSON.parse(calls[0].body).invoice).toMatchObject({ invoice_id: invoice.invoice_id, status: "void", reference_number: "PO-1" });
    expect(JSON.parse(calls[1].body).invoice).toMatchObject({ invoice_id: invoice.invoice_id, status: "void" });
  });

  it("calls nothing for other entities, inactive rules, or after the rule was deleted", async () => {
    const webhookId = await newWebhook();
    const rule = await newRule(webhookId);
    const inactive = await newRule(await newWebhook(), { is_active: false });
    const customerId = await customer();
    expect(await delivered()).toHaveLength(0);
    await newInvoice(customerId);
    expect(await delivered()).toHaveLength(1);
    await books.delete(`/settings/workflows/${rule}`);
    await books.delete(`/settings/workflows/${inactive}`);
    await newInvoice(customerId);
    expect(await delivered()).toHaveLength(1);
  });

  it(`stops after ${LIMITS.webhookCallsPerDay} calls a day and calls again the next day`, async () => {
    await newRule(await newWebhook());
    const customerId = await customer();
    const day = new Date(sandbox().clock.now()).toISOString().slice(0, 10);
    // The day's count as 1,000 earlier writes would have left it (1,000 real writes add nothing but time).
    ((sandbox().state.books.webhookCalls ??= new Map()) as Map<string, unknown>).set(ORG, { day, count: LIMITS.webhookCallsPerDay - 1 });
    await newInvoice(customerId);
    await newInvoice(customerId);
    expect(await delivered()).toHaveLength(1);
    sandbox().clock.advance(24 * 60 * 60 * 1000);
    await newInvoice(customerId);
    expect(await delivered()).toHaveLength(2);
  });
});
