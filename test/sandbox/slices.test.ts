/**
 * Feature slices and composite rollback: a rolled-back composite call leaves records, notes,
 * attachments and tags as they were (over real HTTP), and the rollback copy covers every
 * registered CRM slice, including one registered after composite.ts was written, with no list
 * to keep up to date. Live slices (timers, deliveries, bulk jobs) are shared, not copied.
 */
import { createClock } from "../../sandbox/clock";
import { scratchOf } from "../../sandbox/crm/composite/composite";
import "../../sandbox/routes"; // loads every endpoint group, so every slice is registered
import { seedOrg } from "../../sandbox/seed";
import { createState, crmSlice, crmSlices, type SandboxState } from "../../sandbox/state";
import { ALL_SCOPES } from "../../sandbox/scopes";
import { useSandbox } from "../helpers/sandbox";
import { acceptGap, GAPS } from "./contractGaps";
import { crmCall } from "./crmApi";

declare module "../../sandbox/state" {
  interface CrmSlices {
    /** Registered by this test only: stands for a feature added after composite.ts. */
    laterFeature: Map<string, { count: number }>;
  }
}

const COMPOSITE_SCOPES = [...ALL_SCOPES, "ZohoCRM.composite_requests.CUSTOM"];

describe("composite rollback over every CRM slice", () => {
  const sandbox = useSandbox();
  const call = (method: string, path: string, json?: unknown) => crmCall(sandbox(), method, path, { json });

  it("undoes notes, attachments, tags and records written by a batch that fails", async () => {
    const [lead] = sandbox().seedCrm({ module: "Leads", count: 1, fields: () => ({ Last_Name: "Before" }) });
    const [taken] = sandbox().seedCrm({ module: "Accounts", count: 1 });
    // One of each before the batch, so the batch changes existing slices as well as adding to them.
    const note = await call("POST", `/crm/v8/Leads/${lead.id}/Notes`, { data: [{ Note_Title: "Kept", Note_Content: "kept" }] });
    acceptGap(sandbox(), GAPS.notesOnRecord);
    expect(note.status).toBe(201);
    const link = await call("POST", `/crm/v8/Leads/${lead.id}/Attachments?attachmentUrl=${encodeURIComponent("https://example.com/a.pdf")}`);
    expect(link.status).toBe(200);
    const attachmentId = link.body.data[0].details.id;
    expect((await call("POST", "/crm/v8/Leads/actions/add_tags", { tags: [{ name: "Before" }], ids: [lead.id] })).status).toBe(200);

    const state = sandbox().state;
    const noteIds = () => [...state.crm.records.get("Notes")!.keys()];
    const attachmentIds = () => [...state.crm.attachments!.keys()];
    const tagNames = () => [...state.crm.tags!.get("Leads")!.values()].map((tag) => tag.name);
    const before = { notes: noteIds(), attachments: attachmentIds(), tags: tagNames(), lead: { ...state.crm.records.get("Leads")!.get(lead.id) } };

    const answer = await crmCall(sandbox(), "POST", "/crm/v8/__composite_requests", {
      scopes: COMPOSITE_SCOPES,
      json: {
        rollback_on_fail: true,
        __composite_requests: [
          { method: "POST", uri: `/crm/v8/Leads/${lead.id}/Notes`, body: { data: [{ Note_Title: "Rolled", Note_Content: "rolled back" }] } },
          { method: "POST", uri: `/crm/v8/Leads/${lead.id}/Attachments`, params: { attachmentUrl: "https://example.com/b.pdf" } },
          { method: "DELETE", uri: `/crm/v8/Leads/${lead.id}/Attachments/${attachmentId}` },
          { method: "POST", uri: `/crm/v8/Leads/${lead.id}/actions/add_tags`, body: { tags: [{ name: "Rolled" }] } },
          { method: "POST", uri: "/crm/v8/Accounts", body: { data: [{ Account_Name: taken.Account_Name }] } },
        ],
      },
    });
    expect(answer.status).toBe(207);
    const codes = answer.body.__composite_requests.map((sub: { code: string }) => sub.code);
    expect(codes).toEqual(["ROLLBACK_PERFORMED", "ROLLBACK_PERFORMED", "ROLLBACK_PERFORMED", "ROLLBACK_PERFORMED", "SUCCESS"]);

    expect(noteIds()).toEqual(before.notes);
    expect(attachmentIds()).toEqual(before.attachments);
    expect(tagNames()).toEqual(before.tags);
    expect(state.crm.records.get("Leads")!.get(lead.id)).toEqual(before.lead);
    // The API agrees with the state: the kept attachment is still listed, the rolled-back one is not.
    const listed = await call("GET", `/crm/v8/Leads/${lead.id}/Attachments?fields=id,File_Name`);
    expect(listed.body.data.map((a: { id: string }) => a.id)).toEqual([attachmentId]);
  });
});

/** Adds a marker to a slice's containers (a Map, Set or array, or those inside a plain object); returns how to find it. */
const probe = (slice: unknown, marker: string): ((value: unknown) => boolean) => {
  if (slice instanceof Map) {
    slice.set(marker, { marker });
    return (value) => value instanceof Map && value.has(marker);
  }
  if (slice instanceof Set) {
    slice.add(marker);
    return (value) => value instanceof Set && value.has(marker);
  }
  if (Array.isArray(slice)) {
    slice.push({ marker });
    return (value) => Array.isArray(value) && value.some((item) => (item as { marker?: string })?.marker === marker);
  }
  const entries = Object.entries(slice as Record<string, unknown>).filter(([, v]) => v instanceof Map || v instanceof Set || Array.isArray(v));
  if (entries.length === 0) throw new Error("a slice with no container to write to: extend probe()");
  const checks = entries.map(([key, v]) => [key, probe(v, marker)] as const);
  return (value) => checks.every(([key, check]) => check((value as Record<string, unknown>)[key]));
};

const newState = (): SandboxState => {
  const state = createState(createClock(Date.UTC(2026, 0, 1)));
  seedOrg(state);
  return state;
};

describe("rollback copy (scratchOf)", () => {
  it("covers every registered data slice: a write in the batch stays out until kept", () => {
    const data = crmSlices().filter((slice) => !slice.live);
    // The features this covers today; a new one joins by registering, with no list to edit.
    expect(data.map((slice) => slice.name)).toEqual(
      expect.arrayContaining([
        "attachments",
        "tags",
        "convertedLeads",
        "recycleBin",
        "pageTokens",
        "channels",
        "files",
        "photos",
        "email",
        "blueprints",
        "functions",
        "massUpdate",
        "assignmentRules",
      ]),
    );
    for (const keepIt of [false, true]) {
      const state = newState();
      for (const slice of data) slice.of(state);
      const { scratch, keep } = scratchOf(state);
      const checks = data.map((slice) => [slice, probe(slice.of(scratch), `probe-${String(slice.name)}`)] as const);
      for (const [slice, found] of checks) expect([slice.name, found(slice.of(state))]).toEqual([slice.name, false]);
      if (keepIt) keep();
      for (const [slice, found] of checks) expect([slice.name, found(slice.of(state))]).toEqual([slice.name, keepIt]);
    }
  });

  it("covers a slice registered later, made before or during the batch", () => {
    const later = crmSlice("laterFeature", () => new Map<string, { count: number }>());
    const existing = newState();
    later(existing).set("a", { count: 1 });
    const first = scratchOf(existing);
    later(first.scratch).get("a")!.count = 2;
    later(first.scratch).set("b", { count: 1 });
    expect([...later(existing)]).toEqual([["a", { count: 1 }]]); // rolled back: never kept
    const second = scratchOf(existing);
    later(second.scratch).get("a")!.count = 3;
    second.keep();
    expect([...later(existing)]).toEqual([["a", { count: 3 }]]);

    const fresh = newState();
    const batch = scratchOf(fresh);
    later(batch.scratch).set("made", { count: 1 });
    expect(fresh.crm.laterFeature).toBeUndefined();
    batch.keep();
    expect([...later(fresh)]).toEqual([["made", { count: 1 }]]);
  });

  it("shares live slices with the real state instead of copying them", () => {
    const live = crmSlices().filter((slice) => slice.live);
    expect(live.map((slice) => slice.name)).toEqual(expect.arrayContaining(["bulkReadJobs", "bulkWriteJobs", "outbox", "deliveries", "watchHeld"]));
    const state = newState();
    const { scratch } = scratchOf(state);
    for (const slice of live) expect([slice.name, slice.of(scratch) === slice.of(state)]).toEqual([slice.name, true]);
  });
});
