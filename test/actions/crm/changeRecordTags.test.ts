import { crmChangeRecordTags } from "../../../actions/crm/changeRecordTags";
import { configureTestTransport } from "../../../src/http/transport";
import { useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { expectNoRequest, run } from "../books/harness";
import { acceptGap, GAPS } from "../../sandbox/contractGaps";

const sandbox = useSandbox();
beforeAll(() => configureTestTransport({ retry: { baseDelayMs: 5, maxDelayMs: 2000 } }));

const tagsOf = (s: ReturnType<typeof sandbox>, id: string) =>
  ((s.state.crm.records.get("Leads")!.get(id)!.Tag as Array<{ name: string }>) ?? []).map((t) => t.name);

it("adds tags to many records in one call, then removes one", async () => {
  const s = sandbox();
  const leads = s.seedCrm({ module: "Leads", count: 3 });
  const ids = leads.map((l) => l.id);
  const before = s.log.length;
  const added = await run(crmChangeRecordTags, s, { recordType: "Leads", operation: "add", tagNames: ["VIP", "Q4"], recordIds: ids.join(",") });
  expect(added.data).toMatchObject({ total: 3, succeeded: 3, failed: 0 });
  expect(added.data.results.map((r: any) => r.id)).toEqual(ids);
  expectSameShape(added, crmChangeRecordTags.examplePayload);
  expect(s.log.slice(before)).toEqual([
    expect.objectContaining({
      method: "POST",
      path: "/crm/v8/Leads/actions/add_tags",
      body: { tags: [{ name: "VIP" }, { name: "Q4" }], ids, over_write: false },
    }),
  ]);
  ids.forEach((id) => expect(tagsOf(s, id)).toEqual(["VIP", "Q4"]));

  await run(crmChangeRecordTags, s, { recordType: "Leads", operation: "remove", tagNames: "VIP", recordIds: [ids[0]] });
  expect(tagsOf(s, ids[0])).toEqual(["Q4"]);
  expect(tagsOf(s, ids[1])).toEqual(["VIP", "Q4"]);
});

it("a record Zoho refuses fails the step, naming it, unless asked to continue", async () => {
  const s = sandbox();
  const [lead] = s.seedCrm({ module: "Leads", count: 1 });
  const missing = "5725767000009999999";
  const params = { recordType: "Leads", operation: "add", tagNames: "Hot", recordIds: [lead.id, missing] };
  await expect(run(crmChangeRecordTags, s, params)).rejects.toThrow(new RegExp(`1 of 2 records failed.*id ${missing}.*INVALID_DATA`));
  const result = await run(crmChangeRecordTags, s, { ...params, continueOnFailure: "true" });
  expect(result.data).toMatchObject({ total: 2, succeeded: 1, failed: 1 });
  expect(result.data.results[1]).toMatchObject({ id: missing, status: "error", code: "INVALID_DATA" });
  acceptGap(s, GAPS.tagsRecordErrors);
});

it("reads Zoho's 400 when every record fails, without hiding the records", async () => {
  const s = sandbox();
  const result = await run(crmChangeRecordTags, s, {
    recordType: "Leads",
    operation: "add",
    tagNames: "Hot",
    recordIds: ["5725767000009999998", "5725767000009999999"],
    continueOnFailure: true,
  });
  expect(result.data).toMatchObject({ total: 2, succeeded: 0, failed: 2 });
  expect(result.data.results.map((r: any) => r.code)).toEqual(["INVALID_DATA", "INVALID_DATA"]);
});

it("rejects bad input before any request", async () => {
  const s = sandbox();
  const base = { recordType: "Leads", operation: "add", tagNames: "VIP", recordIds: "5725767000000000001" };
  await expectNoRequest(s, async () => {
    await expect(run(crmChangeRecordTags, s, { ...base, operation: "replace" })).rejects.toThrow(/"Operation"/);
    await expect(run(crmChangeRecordTags, s, { ...base, tagNames: "a-tag-name-longer-than-25-chars" })).rejects.toThrow(/"Tag Names".*25 characters/);
    await expect(run(crmChangeRecordTags, s, { ...base, tagNames: [] })).rejects.toThrow(/"Tag Names".*at least one/);
    await expect(
      run(crmChangeRecordTags, s, { ...base, recordIds: Array.from({ length: 101 }, (_, i) => String(5725767000000000001n + BigInt(i))) }),
    ).rejects.toThrow(/"Record IDs".*at most 100/);
    await expect(run(crmChangeRecordTags, s, { ...base, recordIds: "12,abc" })).rejects.toThrow(/"Record IDs"/);
  });
});
