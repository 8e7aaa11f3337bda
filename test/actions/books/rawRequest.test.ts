import { booksRawRequest } from "../../../actions/books/rawRequest";
import { useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { booksCalls, expectNoRequest, run, seed } from "./harness";

const sandbox = useSandbox();
const raw = (params: Record<string, unknown>) => run(booksRawRequest, sandbox(), { method: "GET", ...params });

it("sends a path under /books/v3 with the resolved organization_id and returns Books' answer as is", async () => {
  seed(sandbox(), "invoices", 2);
  const from = sandbox().log.length;
  const { data } = await raw({ url: "/invoices", queryParams: [{ key: "per_page", value: "1" }] });
  expect(data).toMatchObject({
    code: 0,
    invoices: [expect.objectContaining({ invoice_id: expect.any(String) })],
    page_context: { per_page: 1, has_more_page: true },
  });
  // Seeded invoices' lines carry no item, so only the envelope is compared.
  expectSameShape({ ...data, invoices: [] }, booksRawRequest.examplePayload!.data);
  const calls = booksCalls(sandbox(), from);
  expect(calls.map((call) => call.path)).toEqual(["/books/v3/organizations", "/books/v3/invoices"]);
  expect(calls[1].query).toEqual({ per_page: "1", organization_id: "10234695" });
});

it("keeps the organization_id the query names, over the Organization ID input, with no lookup", async () => {
  const from = sandbox().log.length;
  await raw({ url: "/items", organizationId: "777", queryParams: [{ key: "organization_id", value: "10234695" }] });
  await raw({ url: "/contacts?organization_id=10234695" });
  const calls = booksCalls(sandbox(), from);
  expect(calls.map((call) => [call.path, call.query.organization_id])).toEqual([
    ["/books/v3/items", "10234695"],
    ["/books/v3/contacts", "10234695"],
  ]);
});

it("calls GET /organizations without organization_id, as Books requires", async () => {
  const from = sandbox().log.length;
  const { data } = await raw({ url: "/books/v3/organizations" });
  expect(data.organizations[0]).toMatchObject({ organization_id: "10234695" });
  const calls = booksCalls(sandbox(), from);
  expect(calls).toHaveLength(1);
  expect(calls[0].query).toEqual({});
});

it("writes with a JSON body", async () => {
  const { data } = await raw({ method: "POST", url: "/items", organizationId: "10234695", data: JSON.stringify({ name: "Washer", rate: 0.1 }) });
  expect(data.item).toMatchObject({ name: "Washer", rate: 0.1 });
});

it("waits out a 429 for Zoho's Retry-After, then succeeds", async () => {
  sandbox().setOptions({ rateLimit429: 1 });
  const started = Date.now();
  const from = sandbox().log.length;
  const pending = raw({ url: "/items", organizationId: "10234695", retryDelayMS: "10" });
  setTimeout(() => sandbox().setOptions({ rateLimit429: 0 }), 300);
  const { data } = await pending;
  expect(data.code).toBe(0);
  expect(Date.now() - started).toBeGreaterThanOrEqual(950); // Retry-After: 1, not the 10 ms Retry Delay
  expect(booksCalls(sandbox(), from).map((call) => call.status)).toEqual([429, 200]);
});

it("turns Books' errors into clear messages", async () => {
  await expect(raw({ url: "/invoices/460000000000001", organizationId: "10234695" })).rejects.toThrow(
    /Zoho Books error 1002 \(HTTP 404\): Invoice does not exist/,
  );
});

it("rejects bad input, and a URL off Zoho's host, before any request", async () => {
  await expectNoRequest(sandbox(), async () => {
    await expect(raw({ url: "/items", method: "FETCH", organizationId: "10234695" })).rejects.toThrow(/Method/);
    await expect(raw({ url: "", organizationId: "10234695" })).rejects.toThrow(/URL/i);
    await expect(raw({ url: "/items", organizationId: "Zylker" })).rejects.toThrow(/Input "Organization ID" \(organizationId\)/);
    await expect(raw({ url: "https://evil.example.com/books/v3/items", organizationId: "10234695" })).rejects.toThrow(
      /Refusing to send the Zoho token to https:\/\/evil\.example\.com/,
    );
  });
});
