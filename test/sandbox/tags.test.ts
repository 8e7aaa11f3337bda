/**
 * Record tags over real HTTP: adding (new and existing tags, over_write), removing, the per-record
 * routes, the older query-parameter form, write events, and Zoho's limits.
 */
import { useSandbox } from "../helpers/sandbox";
import { acceptGap, GAPS } from "./contractGaps";
import { crmCall } from "./crmApi";

type TagAnswer = { details: { id: string; tags: Array<{ id: string; name: string; color_code: string | null }> } };

const names = (entry: TagAnswer) => entry.details.tags.map((t) => t.name);

describe("tags", () => {
  const sandbox = useSandbox();
  const tagCall = async (path: string, json?: unknown) => {
    const answer = await crmCall(sandbox(), "POST", path, { json });
    // Per-record paths and query-parameter calls carry no `ids` body, which tags.json requires.
    if (sandbox().violations.some((v) => GAPS.tagsRequest.test(v))) acceptGap(sandbox(), GAPS.tagsRequest);
    return answer;
  };
  const tagsOn = (module: string, id: string) =>
    ((sandbox().state.crm.records.get(module)!.get(id)!.Tag as Array<{ name: string }> | undefined) ?? []).map((t) => t.name);

  it("adds new tags to several records, sharing one tag per name", async () => {
    const [a, b] = sandbox().seedCrm({ module: "Leads", count: 2 });
    const answer = await tagCall("/crm/v8/Leads/actions/add_tags", {
      tags: [{ name: "Hot" }, { name: "Q4", color_code: "#F17574" }],
      ids: [a.id, b.id],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.data.map((entry: TagAnswer & { code: string; message: string }) => [entry.code, entry.message, entry.details.id, names(entry)])).toEqual(
      [
        ["SUCCESS", "tags updated successfully", a.id, ["Hot", "Q4"]],
        ["SUCCESS", "tags updated successfully", b.id, ["Hot", "Q4"]],
      ],
    );
    const [first, second] = answer.body.data as TagAnswer[];
    expect(first.details.tags).toEqual(second.details.tags);
    expect(first.details.tags[1].color_code).toBe("#F17574");

    const read = await crmCall(sandbox(), "GET", `/crm/v8/Leads/${a.id}?fields=Tag`);
    expect(read.body.data[0].Tag.map((t: { name: string }) => t.name)).toEqual(["Hot", "Q4"]);
  });

  it("adds an existing tag once, whatever its case, and replaces all with over_write", async () => {
    const [lead] = sandbox().seedCrm({ module: "Leads", count: 1 });
    await tagCall("/crm/v8/Leads/actions/add_tags", { tags: [{ name: "Warm" }], ids: [lead.id] });
    const again = await tagCall(`/crm/v8/Leads/${lead.id}/actions/add_tags`, { tags: [{ name: "warm" }, { name: "Partner" }] });
    expect(names(again.body.data[0])).toEqual(["Warm", "Partner"]);
    const replaced = await tagCall("/crm/v8/Leads/actions/add_tags", { tags: [{ name: "Cold" }], ids: [lead.id], over_write: true });
    expect(names(replaced.body.data[0])).toEqual(["Cold"]);
    expect(tagsOn("Leads", lead.id)).toEqual(["Cold"]);
  });

  it("removes tags by name or id, per record or in bulk", async () => {
    const [x, y] = sandbox().seedCrm({ module: "Contacts", count: 2 });
    const added = await tagCall("/crm/v8/Contacts/actions/add_tags", {
      tags: [{ name: "A" }, { name: "B" }, { name: "C" }],
      ids: [x.id, y.id],
    });
    const tagB = (added.body.data[0] as TagAnswer).details.tags[1];
    const removed = await tagCall("/crm/v8/Contacts/actions/remove_tags", { tags: [{ name: "a" }, { id: tagB.id }], ids: [x.id, y.id] });
    expect(removed.body.data.map(names)).toEqual([["C"], ["C"]]);
    const single = await tagCall(`/crm/v8/Contacts/${y.id}/actions/remove_tags`, { tags: [{ name: "C" }] });
    expect(names(single.body.data[0])).toEqual([]);
    expect([tagsOn("Contacts", x.id), tagsOn("Contacts", y.id)]).toEqual([["C"], []]);
  });

  it("takes the older ids and tag_names query parameters", async () => {
    const [deal] = sandbox().seedCrm({ module: "Deals", count: 1 });
    await tagCall(`/crm/v8/Deals/actions/add_tags?${new URLSearchParams({ ids: deal.id, tag_names: "Big,Urgent" })}`);
    expect(tagsOn("Deals", deal.id)).toEqual(["Big", "Urgent"]);
    await tagCall(`/crm/v8/Deals/actions/remove_tags?${new URLSearchParams({ ids: deal.id, tag_names: "Big" })}`);
    expect(tagsOn("Deals", deal.id)).toEqual(["Urgent"]);
  });

  it("records each tagged record as an update of Tag", async () => {
    const [lead] = sandbox().seedCrm({ module: "Leads", count: 1 });
    const before = sandbox().state.writeLog.length;
    await tagCall(`/crm/v8/Leads/${lead.id}/actions/add_tags`, { tags: [{ name: "Logged" }] });
    expect(
      sandbox()
        .state.writeLog.slice(before)
        .map(({ module, operation, ids, affectedFields }) => ({ module, operation, ids, affectedFields })),
    ).toEqual([{ module: "Leads", operation: "update", ids: [lead.id], affectedFields: [["Tag"]] }]);
  });
});

describe("tags errors", () => {
  // Wrong on purpose; tags.json describes none of these answers.
  const sandbox = useSandbox({ contract: false });
  const tagCall = (path: string, json?: unknown) => crmCall(sandbox(), "POST", path, { json });

  it("answers per record: an unknown id fails alone (207)", async () => {
    const [lead] = sandbox().seedCrm({ module: "Leads", count: 1 });
    const answer = await tagCall("/crm/v8/Leads/actions/add_tags", { tags: [{ name: "X" }], ids: [lead.id, "42"] });
    expect(answer.status).toBe(207);
    expect(answer.body.data[1]).toEqual({
      code: "INVALID_DATA",
      details: { id: "42" },
      message: "the id given seems to be invalid",
      status: "error",
    });
  });

  it("refuses a name over 25 characters, missing tags or ids, and an 11th tag on a record", async () => {
    const [lead] = sandbox().seedCrm({ module: "Leads", count: 1 });
    const long = await tagCall("/crm/v8/Leads/actions/add_tags", { tags: [{ name: "x".repeat(26) }], ids: [lead.id] });
    expect([long.status, long.body.code, long.body.details.maximum_length]).toEqual([400, "INVALID_DATA", 25]);
    expect((await tagCall("/crm/v8/Leads/actions/add_tags", { ids: [lead.id] })).body.code).toBe("MANDATORY_NOT_FOUND");
    expect((await tagCall("/crm/v8/Leads/actions/add_tags", { tags: [{ name: "X" }] })).body.details).toEqual({
      api_name: "ids",
      json_path: "$.ids",
    });
    const ten = Array.from({ length: 10 }, (_, i) => ({ name: `T${i}` }));
    expect((await tagCall(`/crm/v8/Leads/${lead.id}/actions/add_tags`, { tags: ten })).status).toBe(200);
    const eleventh = await tagCall(`/crm/v8/Leads/${lead.id}/actions/add_tags`, { tags: [{ name: "T10" }] });
    expect([eleventh.status, eleventh.body.data[0].code]).toEqual([400, "LIMIT_EXCEEDED"]);
  });
});
