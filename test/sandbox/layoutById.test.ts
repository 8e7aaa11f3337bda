/**
 * GET /settings/layouts/{id}: one layout of a module, as layouts.json describes it (Zoho's SDKs read
 * a layout this way); before it existed the call fell through to the records route as an unknown module.
 */
import { useSandbox } from "../helpers/sandbox";
import { crmCall } from "./crmApi";

const sandbox = useSandbox();
const get = (path: string) => crmCall(sandbox(), "GET", path);

test("answers the layout the module's list names, the same body as in the list", async () => {
  const [layout] = (await get("/crm/v8/settings/layouts?module=Deals")).body.layouts;
  const one = await get(`/crm/v8/settings/layouts/${layout.id}?module=Deals`);
  expect([one.status, one.body]).toEqual([200, { layouts: [layout] }]);
});

test("an id of another module's layout is no content; an unknown module is Zoho's layouts error", async () => {
  const [leads] = (await get("/crm/v8/settings/layouts?module=Leads")).body.layouts;
  const elsewhere = await get(`/crm/v8/settings/layouts/${leads.id}?module=Deals`);
  expect([elsewhere.status, elsewhere.bytes.length]).toEqual([204, 0]);
  const unknown = await get(`/crm/v8/settings/layouts/${leads.id}?module=Potentials`);
  expect([unknown.status, unknown.body.code]).toEqual([400, "InvalidModule"]);
});
