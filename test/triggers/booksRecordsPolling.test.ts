import { defaultTriggerPayload, invokeTrigger } from "@prismatic-io/spectral/dist/testing";
import { bookContactsPollingTrigger, booksRecordsPollingTrigger } from "../../triggers/booksRecordsPolling";
import { connectionFor, useSandbox } from "../helpers/sandbox";

const sandbox = useSandbox({
  booksOrganizations: [
    { organization_id: "10234695", name: "Zylker Inc", is_default_org: true },
    { organization_id: "20234695", name: "Zylker EU", is_default_org: false },
  ],
});

const pollerFor = (trigger: any, params: Record<string, unknown>) => {
  let state: Record<string, unknown> = {};
  return async () => {
    const before = sandbox().log.length;
    const { result } = await invokeTrigger(
      trigger,
      { polling: { getState: () => state, setState: (s: Record<string, unknown>) => (state = s), invokeAction: async () => ({ data: null }) } } as never,
      defaultTriggerPayload(),
      { connection: connectionFor(sandbox()), ...params } as never,
    );
    return { records: (result as any).payload.body.data as any[], calls: sandbox().log.length - before };
  };
};

const books = async (method: string, path: string, organizationId: string, body?: unknown) => {
  const s = sandbox();
  const response = await fetch(`${s.url}/books/v3${path}${path.includes("?") ? "&" : "?"}organization_id=${organizationId}`, {
    method,
    headers: { Authorization: `Zoho-oauthtoken ${s.issueToken({}).accessToken}`, "Content-Type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  return response.json();
};

it("emits Books contacts created or edited since the last poll once, in the chosen organization only", async () => {
  const s = sandbox();
  const poll = pollerFor(bookContactsPollingTrigger, { organizationId: "20234695" });
  expect((await poll()).records).toHaveLength(0);
  s.clock.advance(1_000);
  const made = [];
  for (let i = 0; i < 3; i++) made.push(((await books("POST", "/contacts", "20234695", { contact_name: `EU ${i}` })) as any).contact.contact_id);
  await books("POST", "/contacts", "10234695", { contact_name: "Other org" });
  const second = await poll();
  expect(second.records.map((r) => r.contact_id).sort()).toEqual([...made].sort());
  expect(second.records.every((r) => r._change === "created")).toBe(true);

  s.clock.advance(1_000); // Books stamps whole seconds: an edit in the same second as the last emit is the same version
  await books("PUT", `/contacts/${made[1]}`, "20234695", { contact_name: "EU renamed" });
  const third = await poll();
  expect(third.records.map((r) => [r.contact_id, r._change])).toEqual([[made[1], "updated"]]);
  const quiet = await poll();
  expect(quiet).toEqual({ records: [], calls: 1 });
});

it("450 changes in one second page through without loss or repeats", async () => {
  const s = sandbox();
  const poll = pollerFor(booksRecordsPollingTrigger, { organizationId: "10234695", recordType: "items" });
  await poll();
  s.clock.advance(1_000);
  const ids = new Set<string>();
  for (let i = 0; i < 450; i++) ids.add(((await books("POST", "/items", "10234695", { name: `Item ${i}`, rate: 10 })) as any).item.item_id);
  const busy = await poll();
  expect(busy.records).toHaveLength(450);
  expect(new Set(busy.records.map((r) => r.item_id))).toEqual(ids);
  expect((await poll()).records).toHaveLength(0);
});

it("rejects a nested type before any call", async () => {
  const before = sandbox().log.length;
  await expect(pollerFor(booksRecordsPollingTrigger, { recordType: "contactpersons" })()).rejects.toThrow(/Record Type/);
  expect(sandbox().log.length).toBe(before);
});
