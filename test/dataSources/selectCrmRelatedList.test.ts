/**
 * Select CRM Related List through spectral's invokeDataSource against the sandbox over HTTP (its
 * related-list metadata is checked against Zoho's related_lists.json), and the picked value used as
 * Get Related Records' Related List.
 */
import { crmGetRelatedRecords } from "../../actions/crm/getRelatedRecords";
import { selectCrmRelatedList } from "../../dataSources/selectCrmRelatedList";
import dataSources from "../../dataSources";
import { configureTestTransport } from "../../src/http/transport";
import { run } from "../actions/books/harness";
import { useSandbox } from "../helpers/sandbox";
import { expectSameShape } from "../helpers/shape";
import { apiCalls, runDataSource } from "./harness";

const sandbox = useSandbox();
beforeAll(() => configureTestTransport({ retry: { baseDelayMs: 5, maxDelayMs: 2000 } }));

it("lists the Module's related lists by label, valued by API name, in Zoho's order, in one call", async () => {
  const s = sandbox();
  const from = s.log.length;
  const out = await runDataSource(selectCrmRelatedList, s, { recordType: "Accounts" });
  expectSameShape(out, selectCrmRelatedList.examplePayload);
  expect(out.result.slice(0, 3)).toEqual([
    { key: "Contacts", label: "Contacts (Contacts)" },
    { key: "Accounts", label: "Accounts (Accounts)" },
    { key: "Deals", label: "Deals (Deals)" },
  ]);
  expect(out.result).toContainEqual({ key: "Sales_Orders", label: "Sales Orders (Sales_Orders)" });
  // Notes and Attachments are read by List Notes and List Attachments.
  expect(out.result.map((o: { key: string }) => o.key)).not.toEqual(expect.arrayContaining(["Notes"]));
  expect(out.result.map((o: { key: string }) => o.key)).not.toEqual(expect.arrayContaining(["Attachments"]));
  expect(apiCalls(s, from)).toEqual([expect.objectContaining({ path: "/crm/v8/settings/related_lists", query: { module: "Accounts" }, status: 200 })]);
});

it("a module whose only lists are Notes and Attachments offers none", async () => {
  const out = await runDataSource(selectCrmRelatedList, sandbox(), { recordType: "Leads" });
  expect(out.result).toEqual([]);
});

it("refuses a module label with spaces before any call, and reports an unknown module as Zoho does", async () => {
  const s = sandbox();
  const from = s.log.length;
  await expect(runDataSource(selectCrmRelatedList, s, { recordType: "Price Books" })).rejects.toThrow(/Input "Module" \(recordType\).*API name/);
  expect(apiCalls(s, from)).toEqual([]);
  await expect(runDataSource(selectCrmRelatedList, s, { recordType: "Potentials" })).rejects.toThrow(/INVALID_MODULE/);
});

it("is registered, feeds Get Related Records' Related List, and its value reads that list", async () => {
  expect(dataSources.selectCrmRelatedList).toBe(selectCrmRelatedList);
  const input = (crmGetRelatedRecords as unknown as { inputs: Record<string, { dataSource?: string }> }).inputs.relatedList;
  expect(input.dataSource).toBe("selectCrmRelatedList");
  const s = sandbox();
  const [account] = s.seedCrm({ module: "Accounts", count: 1 });
  const [deal] = s.seedCrm({
    module: "Deals",
    count: 1,
    fields: () => ({ Deal_Name: "Renewal", Account_Name: { id: account.id, name: String(account.Account_Name) } }),
  });
  const picked = (await runDataSource(selectCrmRelatedList, s, { recordType: "Accounts" })).result.find((o: { label: string }) => o.label.startsWith("Deals"));
  const result = await run(crmGetRelatedRecords, s, { recordType: "Accounts", recordId: account.id, relatedList: picked.key, fields: "Deal_Name" });
  expect(result.data.data).toEqual([{ id: deal.id, Deal_Name: "Renewal" }]);
});
