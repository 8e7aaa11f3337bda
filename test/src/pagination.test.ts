import { createConnection } from "@prismatic-io/spectral/dist/testing";
import type { ZohoClient } from "../../src/http/client";
import { stepTransport } from "../../src/http/transport";
import { assertDiscretePage, booksPages, collect, coqlPages, crmPages } from "../../src/http/pagination";
import { json, loopback } from "../helpers/loopback";
import { clientOfConnection } from "../../src/http/connection";

const TOTAL = 2_450;
const ids = Array.from({ length: TOTAL }, (_, i) => String(i + 1));

/** Pages like Zoho: page numbers up to 2,000 records, then page tokens. */
const crmLike = (url: URL) => {
  const perPage = Number(url.searchParams.get("per_page"));
  const token = url.searchParams.get("page_token");
  const start = token ? Number(token) : (Number(url.searchParams.get("page")) - 1) * perPage;
  if (!token && start + perPage > 2_000)
    return { status: 400, body: { code: "DISCRETE_PAGINATION_LIMIT_EXCEEDED", details: {}, message: "", status: "error" } };
  const data = ids.slice(start, start + perPage).map((id) => ({ id }));
  const more = start + perPage < TOTAL;
  return {
    status: 200,
    body: { data, info: { per_page: perPage, count: data.length, more_records: more, next_page_token: more ? String(start + perPage) : null } },
  };
};

let server: Awaited<ReturnType<typeof loopback>>;
let client: ZohoClient;
beforeAll(async () => {
  server = await loopback((req, res) => {
    const url = new URL(req.url, "http://x");
    if (url.pathname === "/crm/v8/Leads") {
      const { status, body } = crmLike(url);
      return json(res, status, body);
    }
    if (url.pathname === "/crm/v8/coql") {
      const m = /limit (\d+), (\d+)$/.exec(JSON.parse(req.body).select_query)!;
      const data = ids.slice(Number(m[1]), Number(m[1]) + Number(m[2])).map((id) => ({ id }));
      return data.length ? json(res, 200, { data, info: { count: data.length, more_records: Number(m[1]) + data.length < TOTAL } }) : json(res, 204);
    }
    if (url.pathname === "/books/v3/contacts") {
      const page = Number(url.searchParams.get("page"));
      const perPage = Number(url.searchParams.get("per_page"));
      const contacts = ids
        .slice(0, 450)
        .slice((page - 1) * perPage, page * perPage)
        .map((contact_id) => ({ contact_id }));
      return json(res, 200, { code: 0, message: "success", contacts, page_context: { page, per_page: perPage, has_more_page: page * perPage < 450 } });
    }
    json(res, 404, {});
  });
  process.env.ZOHO_SANDBOX_URL = server.url;
  client = clientOfConnection(
    createConnection({ key: "zohoTemplatedConnection" } as never, {}, { access_token: "t", api_domain: "https://www.zohoapis.com" }),
    { transport: stepTransport() },
  );
});
afterAll(async () => {
  await server.close();
  delete process.env.ZOHO_SANDBOX_URL;
});

it("CRM: page numbers to 2,000 then page tokens, every record once", async () => {
  const { records, pages } = await collect(crmPages(client, "/Leads", { fields: "id" }));
  expect(records.map((r: any) => r.id)).toEqual(ids);
  expect(pages).toBe(13);
  const urls = server.seen.map((s) => s.url).filter((u) => u.startsWith("/crm/v8/Leads"));
  expect(urls.filter((u) => u.includes("page_token")).length).toBe(3);
  expect(urls.some((u) => u.includes("page=11"))).toBe(false);
});

it("CRM: maxRecords stops early without over-reading", async () => {
  const { records } = await collect(crmPages(client, "/Leads", { fields: "id" }, { maxRecords: 250 }));
  expect(records).toHaveLength(250);
});

it("COQL: limit offset, count until more_records is false", async () => {
  const { records, pages } = await collect(coqlPages(client, "select id from Leads where id is not null limit 5"));
  expect(records).toHaveLength(TOTAL);
  expect(pages).toBe(2);
});

it("Books: follows has_more_page", async () => {
  const { records, pages } = await collect(booksPages(client, "/contacts", "contacts", {}, { perPage: 200 }));
  expect(records).toHaveLength(450);
  expect(pages).toBe(3);
});

it("explains page × per_page past 2,000", () => {
  expect(() => assertDiscretePage(11, 200)).toThrow(/reaches record 2200, past Zoho's 2,000-record limit/);
  expect(() => assertDiscretePage(10, 200)).not.toThrow();
});
