/**
 * The instant Books trigger end to end: deploy through its lifecycle handler against the sandbox,
 * records written over HTTP, the sandbox calling the flow's webhook URL over HTTP, and every call run
 * through spectral's invokeTrigger as the platform would. Zoho publishes no OpenAPI file for Books'
 * /settings/webhooks and /settings/workflows: the sandbox follows Zoho's documented fields and
 * examples there, and only those reports are dropped from the contract checks (booksUndocumented.ts).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { defaultTriggerPayload, invokeTrigger } from "@prismatic-io/spectral/dist/testing";
import { setWorkflowPlan, webhooksOf, workflowsOf } from "../../sandbox/books/automation";
import { flushDeliveries } from "../../sandbox/crm/callbacks";
import { signatureOf, type Registration } from "../../src/books/webhooks";
import { booksRecordsInstantTrigger } from "../../triggers/booksRecordsInstant";
import { dropBooksGaps } from "../helpers/booksUndocumented";
import { connectionFor, useSandbox, type TestSandbox } from "../helpers/sandbox";
import { booksIn } from "../sandbox/booksApi";

const ORG = "10234695";
let sandbox: () => TestSandbox;
afterEach(() => dropBooksGaps(sandbox()));
sandbox = useSandbox();
const books = booksIn(() => sandbox(), ORG);

interface Received {
  flow: string;
  branch?: string;
  status?: number;
  data: any;
}

/**
 * Stands in for the platform: one instance whose flows each have a webhook URL; every call that
 * reaches a URL runs the trigger's perform with the raw body, headers and query, as Prismatic does.
 */
const platform = async () => {
  const instanceState: Record<string, unknown> = {};
  const logs: string[] = [];
  const logger = Object.fromEntries(
    ["debug", "info", "warn", "error"].map((level) => [
      level,
      (...args: unknown[]) => logs.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" ")),
    ]),
  );
  const received: Received[] = [];
  const flows = new Map<string, Record<string, unknown>>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const target = new URL(req.url ?? "/", "http://x");
      const flow = decodeURIComponent(target.pathname.slice(1));
      const raw = Buffer.concat(chunks);
      let body: unknown = null;
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        body = raw.toString("utf8");
      }
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const { result } = await invokeTrigger(
        booksRecordsInstantTrigger,
        contextFor(flow),
        { ...defaultTriggerPayload(), headers, queryParameters: Object.fromEntries(target.searchParams), rawBody: { data: raw }, body: { data: body } },
        flows.get(flow) as never,
      );
      const r = result as any;
      received.push({ flow, branch: r?.branch, status: r?.response?.statusCode, data: r?.payload?.body?.data });
      res.writeHead(r?.response?.statusCode ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const urlOf = (flow: string) => `${url}/${encodeURIComponent(flow)}`;
  const contextFor = (flow: string) =>
    ({
      instanceState,
      logger,
      flow: { id: `flow-${flow}`, name: flow, stableId: flow },
      webhookUrls: Object.fromEntries([...flows.keys()].map((name) => [name, urlOf(name)])),
    }) as never;
  const replaceState = (next: Record<string, unknown> | undefined) => {
    const copy = { ...next };
    for (const k of Object.keys(instanceState)) delete instanceState[k];
    Object.assign(instanceState, copy);
  };
  return {
    received,
    instanceState,
    logs,
    urlOf,
    registration: (flow: string) => instanceState[`zohoBooksWebhooks:flow-${flow}`] as Registration | undefined,
    deploy: async (flow: string, params: Record<string, unknown>) => {
      flows.set(flow, params);
      replaceState((await booksRecordsInstantTrigger.webhookLifecycleHandlers!.create(contextFor(flow), params as never))?.instanceState);
    },
    remove: async (flow: string) => {
      replaceState((await booksRecordsInstantTrigger.webhookLifecycleHandlers!.delete(contextFor(flow), flows.get(flow) as never))?.instanceState);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/** A raw POST to a flow's URL, as a forger would send it. */
const post = async (url: string, body: string, headers: Record<string, string> = {}) =>
  (await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body })).status;

const settle = async () => {
  await flushDeliveries(sandbox().state);
  await new Promise((r) => setTimeout(r, 30));
};

let itemId = "";
const newCustomer = async () => {
  itemId ||= String((await books.post("/items", { name: "Hours", rate: 50 })).body.item.item_id);
  return String((await books.post("/contacts", { contact_name: `Acme ${Math.random()}` })).body.contact.contact_id);
};
const lines = () => [{ item_id: itemId, quantity: 2 }];
const newInvoice = async (customerId: string) =>
  (await books.post("/invoices", { customer_id: customerId, line_items: lines() })).body.invoice as Record<string, any>;

const liveHooks = () => ({ webhooks: [...webhooksOf(sandbox().state, ORG).keys()].sort(), workflows: [...workflowsOf(sandbox().state, ORG).keys()].sort() });
const idsOf = (registration?: Registration) => ({
  webhooks: (registration?.hooks ?? []).map((h) => h.webhookId).sort(),
  workflows: (registration?.hooks ?? []).map((h) => h.workflowId).sort(),
});

let p: Awaited<ReturnType<typeof platform>>;
beforeEach(async () => (p = await platform()));
afterEach(async () => {
  for (const flow of ["Invoices", "Contacts"]) if (p.registration(flow)) await p.remove(flow);
  await p.close();
  // What a test made directly in Books goes too, so every test starts with none.
  for (const id of liveHooks().workflows) await books.delete(`/settings/workflows/${id}`);
  for (const id of liveHooks().webhooks) await books.delete(`/settings/webhooks/${id}`);
});

const invoiceFlow = (overrides: Record<string, unknown> = {}) => ({
  connection: connectionFor(sandbox()),
  organizationId: ORG,
  recordType: "invoices",
  events: ["created", "edited"],
  ...overrides,
});

describe("booksRecordsInstantTrigger", () => {
  it("deploy on invoices; create, edit and void an invoice: the flow receives exactly those events, verified", async () => {
    await p.deploy("Invoices", invoiceFlow());
    const registration = p.registration("Invoices")!;
    expect(registration.hooks.map((h) => h.event)).toEqual(["created", "edited"]);
    expect(liveHooks()).toEqual(idsOf(registration));
    for (const hook of registration.hooks) {
      expect(webhooksOf(sandbox().state, ORG).get(hook.webhookId)).toMatchObject({ url: p.urlOf("Invoices"), secret: registration.secret, entity: "invoice" });
      expect(workflowsOf(sandbox().state, ORG).get(hook.workflowId)).toMatchObject({
        entity: "invoice",
        rule_type: hook.event,
        actions: [{ action_type: "webhook", action_id: hook.webhookId }],
      });
    }

    const invoice = await newInvoice(await newCustomer());
    await books.put(`/invoices/${invoice.invoice_id}`, { customer_id: invoice.customer_id, line_items: lines(), reference_number: "PO-7" });
    await books.post(`/invoices/${invoice.invoice_id}/status/void`);
    await settle();

    expect(p.received.map((r) => [r.branch, r.status, r.data.event, r.data.recordId])).toEqual([
      ["Event", 200, "created", invoice.invoice_id],
      ["Event", 200, "edited", invoice.invoice_id],
      ["Event", 200, "edited", invoice.invoice_id],
    ]);
    expect(p.received[0].data).toMatchObject({
      organizationId: ORG,
      recordType: "invoices",
      fetched: false,
      record: { invoice_number: invoice.invoice_number, status: "draft" },
    });
    expect(p.received[1].data.record).toMatchObject({ reference_number: "PO-7", status: "draft" });
    expect(p.received[2].data.record).toMatchObject({ reference_number: "PO-7", status: "void" });
  });

  it("rejects forged calls with 401 on the Rejected branch and emits nothing: no signature, a wrong one, an altered body", async () => {
    await p.deploy("Invoices", invoiceFlow());
    const invoice = await newInvoice(await newCustomer());
    await settle();
    const genuine = sandbox().state.crm.deliveries as Array<{ url: string; body: Record<string, unknown>; headers?: Record<string, string> }>;
    const call = genuine.filter((d) => d.url.startsWith(p.urlOf("Invoices"))).at(-1)!;
    const raw = JSON.stringify(call.body);
    const signature = call.headers!["X-Zoho-Webhook-Signature"];
    p.received.splice(0);

    const altered = raw.replace(String(invoice.invoice_id), "5725767000000999999");
    expect(altered).not.toBe(raw);
    expect(await post(call.url, raw)).toBe(401);
    expect(await post(call.url, raw, { "X-Zoho-Webhook-Signature": "0".repeat(64) })).toBe(401);
    expect(await post(call.url, altered, { "X-Zoho-Webhook-Signature": signature })).toBe(401);
    // The event is signed too: the same body with another event is refused.
    expect(await post(call.url.replace("zoho_event=created", "zoho_event=edited"), raw, { "X-Zoho-Webhook-Signature": signature })).toBe(401);
    expect(p.received.map((r) => [r.branch, r.status, r.data])).toEqual(Array(4).fill(["Rejected", 401, null]));

    // The genuine call, replayed unchanged, still verifies (Books signs no timestamp to refuse a replay by).
    expect(await post(call.url, raw, { "X-Zoho-Webhook-Signature": signature })).toBe(200);
  });

  it("refuses a signed call for an event or record this flow did not ask for", async () => {
    await p.deploy("Invoices", invoiceFlow({ events: ["created"] }));
    const { secret } = p.registration("Invoices")!;
    const signed = (event: string, body: string) => {
      const url = `${p.urlOf("Invoices")}?zoho_event=${event}`;
      return post(url, body, { "X-Zoho-Webhook-Signature": signatureOf(secret, { zoho_event: event }, body) });
    };
    expect(await signed("deleted", JSON.stringify({ invoice: { invoice_id: "1", invoice_number: "INV-1" } }))).toBe(401);
    expect(await signed("created", JSON.stringify({ contact: { contact_id: "1", contact_name: "A" } }))).toBe(401);
    expect(p.received.every((r) => r.branch === "Rejected" && r.data === null)).toBe(true);
  });

  it("fetches the full record when Books sent only its id", async () => {
    await p.deploy("Invoices", invoiceFlow({ events: ["created"] }));
    const invoice = await newInvoice(await newCustomer());
    await settle();
    p.received.splice(0);
    const { secret } = p.registration("Invoices")!;
    const body = JSON.stringify({ invoice: { invoice_id: invoice.invoice_id } });
    const status = await post(`${p.urlOf("Invoices")}?zoho_event=created`, body, {
      "X-Zoho-Webhook-Signature": signatureOf(secret, { zoho_event: "created" }, body),
    });
    expect(status).toBe(200);
    expect(p.received[0].data).toMatchObject({
      event: "created",
      fetched: true,
      record: { invoice_id: invoice.invoice_id, invoice_number: invoice.invoice_number, total: invoice.total },
    });
  });

  it("sends deletes with the record as it was, and only edits that meet the field condition", async () => {
    await p.deploy("Invoices", invoiceFlow({ events: ["edited", "deleted"], conditionField: "status", conditionComparator: "equal", conditionValue: "void" }));
    const invoice = await newInvoice(await newCustomer());
    await books.put(`/invoices/${invoice.invoice_id}`, { customer_id: invoice.customer_id, line_items: lines(), reference_number: "not void" });
    await books.post(`/invoices/${invoice.invoice_id}/status/void`);
    await books.delete(`/invoices/${invoice.invoice_id}`);
    await settle();
    // The condition is the rule's: a deleted invoice must be void to be heard too.
    expect(p.received.map((r) => [r.data.event, r.data.record.status, r.data.fetched])).toEqual([
      ["edited", "void", false],
      ["deleted", "void", false],
    ]);
  });

  it("two flows on different entities: deleting one removes its rules and webhooks only", async () => {
    await p.deploy("Invoices", invoiceFlow());
    await p.deploy("Contacts", { ...invoiceFlow(), recordType: "contacts", events: ["created"] });
    const invoices = p.registration("Invoices")!;
    const contacts = p.registration("Contacts")!;
    expect(invoices.secret).not.toBe(contacts.secret);
    expect(liveHooks().webhooks).toEqual([...idsOf(invoices).webhooks, ...idsOf(contacts).webhooks].sort());

    await p.remove("Invoices");
    expect(p.registration("Invoices")).toBeUndefined();
    expect(liveHooks()).toEqual(idsOf(contacts));

    const customerId = await newCustomer();
    await newInvoice(customerId);
    await settle();
    expect(p.received.map((r) => [r.flow, r.data.event, r.data.recordType])).toEqual([["Contacts", "created", "contacts"]]);
    expect(p.received[0].data.recordId).toBe(customerId);
  });

  it("a redeploy with the same settings keeps the webhooks and rules; changed settings replace them, leaving nothing behind", async () => {
    await p.deploy("Invoices", invoiceFlow());
    const first = p.registration("Invoices")!;
    await p.deploy("Invoices", invoiceFlow());
    expect(p.registration("Invoices")).toEqual(first);
    expect(liveHooks()).toEqual(idsOf(first));

    await p.deploy("Invoices", invoiceFlow({ events: ["deleted"] }));
    const second = p.registration("Invoices")!;
    expect(second.hooks.map((h) => h.event)).toEqual(["deleted"]);
    expect(second.secret).not.toBe(first.secret);
    expect(liveHooks()).toEqual(idsOf(second));

    // Someone deleted the rule in Books: the same settings are registered again.
    await books.delete(`/settings/workflows/${second.hooks[0].workflowId}`);
    await p.deploy("Invoices", invoiceFlow({ events: ["deleted"] }));
    const third = p.registration("Invoices")!;
    expect(third.hooks[0].workflowId).not.toBe(second.hooks[0].workflowId);
    expect(liveHooks()).toEqual(idsOf(third));
  });

  it("never logs the secret, even with Debug Request on", async () => {
    await p.deploy("Invoices", invoiceFlow({ debugRequest: true }));
    const { secret } = p.registration("Invoices")!;
    expect(p.logs.some((line) => line.includes("/settings/webhooks"))).toBe(true);
    // The create call carried it in its body: there it reads [REDACTED].
    expect(p.logs.some((line) => line.includes("/settings/webhooks") && /secret[^,]*\[REDACTED\]/.test(line))).toBe(true);
    expect(p.logs.join("\n")).not.toContain(secret);
  });

  it("delete is not an error when Books no longer has the rule or the webhook", async () => {
    await p.deploy("Invoices", invoiceFlow({ events: ["created"] }));
    const [hook] = p.registration("Invoices")!.hooks;
    await books.delete(`/settings/workflows/${hook.workflowId}`);
    await books.delete(`/settings/webhooks/${hook.webhookId}`);
    await p.remove("Invoices");
    expect(p.registration("Invoices")).toBeUndefined();
    expect(liveHooks()).toEqual({ webhooks: [], workflows: [] });
  });

  it("leaves nothing behind when Books refuses a rule (10 rules a module), and says so", async () => {
    const filler = String((await books.post("/settings/webhooks", { url: "https://example.com/other" })).body.webhook.webhook_id);
    for (let i = 0; i < 9; i++)
      await books.post("/settings/workflows", {
        workflow_name: `Other ${i}`,
        entity: "invoice",
        rule_type: "created",
        actions: [{ action_type: "webhook", action_id: filler }],
      });
    const before = liveHooks();
    await expect(p.deploy("Invoices", invoiceFlow())).rejects.toThrow(/You can create only 10 workflow rules for a module/);
    expect(liveHooks()).toEqual(before);
  });

  it("names the ZohoBooks.settings scope when the connection lacks it", async () => {
    const connection = connectionFor(sandbox(), { scopes: ["ZohoBooks.invoices.ALL"] });
    await expect(p.deploy("Invoices", invoiceFlow({ connection }))).rejects.toThrow(
      /lacks the ZohoBooks\.settings scope .*add it to the connection's Scopes and reconnect/,
    );
    expect(liveHooks()).toEqual({ webhooks: [], workflows: [] });
  });

  it("says when the organization's plan has no workflow webhooks", async () => {
    setWorkflowPlan(sandbox().state, ORG, false);
    try {
      await expect(p.deploy("Invoices", invoiceFlow())).rejects.toThrow(
        /plan has no workflow rules or webhooks .*Professional plan and above.*New and Updated Books Records/,
      );
    } finally {
      setWorkflowPlan(sandbox().state, ORG, true);
    }
  });

  it("rejects bad input before any request", async () => {
    const before = sandbox().log.length;
    await expect(p.deploy("Invoices", invoiceFlow({ events: [] }))).rejects.toThrow(/Input "Events" \(events\): choose at least one event/);
    await expect(p.deploy("Invoices", invoiceFlow({ recordType: "journals" }))).rejects.toThrow(
      /Input "Record Type" \(recordType\): must be one of invoices, estimates/,
    );
    await expect(p.deploy("Invoices", invoiceFlow({ conditionField: "status" }))).rejects.toThrow(
      /Input "Value" \(conditionValue\): enter the value the field is compared with/,
    );
    await expect(p.deploy("Invoices", invoiceFlow({ conditionField: "status name", conditionValue: "x" }))).rejects.toThrow(
      /Input "Only When Field" \(conditionField\)/,
    );
    expect(sandbox().log.length).toBe(before);
  });
});
