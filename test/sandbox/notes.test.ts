/**
 * Notes over real HTTP: create on a record and through /Notes, list (per record and all, paged and
 * sorted), read, update, delete, write events, and the error answers.
 */
import { useSandbox, type TestSandbox } from "../helpers/sandbox";
import { acceptGap, GAPS } from "./contractGaps";
import { crmCall } from "./crmApi";

const addNotes = async (sandbox: TestSandbox, module: string, id: string, notes: unknown[]) => {
  const answer = await crmCall(sandbox, "POST", `/crm/v8/${module}/${id}/Notes`, { json: { data: notes } });
  acceptGap(sandbox, GAPS.notesOnRecord);
  return answer;
};

describe("notes", () => {
  const sandbox = useSandbox();
  const call = (method: string, path: string, json?: unknown) => crmCall(sandbox(), method, path, { json });

  it("creates notes on a record and lists them with their parent", async () => {
    const [lead, other] = sandbox().seedCrm({ module: "Leads", count: 2 });
    const created = await addNotes(sandbox(), "Leads", lead.id, [
      { Note_Title: "Call", Note_Content: "Called about pricing" },
      { Note_Content: "No title here" },
    ]);
    expect(created.status).toBe(201);
    expect(created.body.data).toHaveLength(2);
    for (const entry of created.body.data) {
      expect(entry).toMatchObject({
        code: "SUCCESS",
        message: "record added",
        status: "success",
        details: { id: expect.stringMatching(/^\d+$/) },
      });
    }
    const listed = await call("GET", `/crm/v8/Leads/${lead.id}/Notes?fields=Note_Title,Note_Content`);
    expect(listed.status).toBe(200);
    expect(listed.body.info).toEqual({ per_page: 200, count: 2, page: 1, more_records: false });
    const leads = sandbox().state.crm.modules.get("Leads")!;
    expect(listed.body.data.map((n: Record<string, unknown>) => [n.id, n.Note_Title, n.Note_Content, n.Parent_Id])).toEqual(
      created.body.data.map((entry: { details: { id: string } }, i: number) => [
        entry.details.id,
        ["Call", ""][i],
        ["Called about pricing", "No title here"][i],
        { module: { api_name: "Leads", id: leads.id }, id: lead.id, name: lead.Full_Name },
      ]),
    );
    const empty = await call("GET", `/crm/v8/Leads/${other.id}/Notes?fields=Note_Title`);
    expect(empty.status).toBe(204);
  });

  it("reads, updates and deletes a note by id, each write a write event", async () => {
    const [contact] = sandbox().seedCrm({ module: "Contacts", count: 1 });
    const created = await addNotes(sandbox(), "Contacts", contact.id, [{ Note_Title: "First", Note_Content: "v1" }]);
    const id = created.body.data[0].details.id;
    const before = sandbox().state.writeLog.length;

    const read = await call("GET", `/crm/v8/Notes/${id}?fields=Note_Content`);
    expect(read.body.data[0]).toMatchObject({ id, Note_Title: "First", Note_Content: "v1" });

    sandbox().clock.advance(60_000);
    const updated = await call("PUT", `/crm/v8/Notes/${id}`, { data: [{ Note_Content: "v2" }] });
    expect(updated.status).toBe(200);
    expect(updated.body.data[0]).toMatchObject({ code: "SUCCESS", message: "record updated", details: { id } });
    const reread = await call("GET", `/crm/v8/Notes/${id}?fields=Note_Content`);
    expect(reread.body.data[0]).toMatchObject({ Note_Title: "First", Note_Content: "v2" });
    expect(Date.parse(reread.body.data[0].Modified_Time)).toBeGreaterThan(Date.parse(reread.body.data[0].Created_Time));

    const deleted = await call("DELETE", `/crm/v8/Notes/${id}`);
    expect(deleted.body.data[0]).toMatchObject({ code: "SUCCESS", message: "record deleted", details: { id } });
    expect((await call("GET", `/crm/v8/Notes/${id}?fields=Note_Content`)).status).toBe(204);

    expect(
      sandbox()
        .state.writeLog.slice(before)
        .map((e) => [e.module, e.operation, e.ids]),
    ).toEqual([
      ["Notes", "update", [id]],
      ["Notes", "delete", [id]],
    ]);
  });

  it("creates through /Notes with Parent_Id, and COQL finds notes by parent", async () => {
    const [deal] = sandbox().seedCrm({ module: "Deals", count: 1 });
    const created = await call("POST", "/crm/v8/Notes", {
      data: [{ Note_Content: "Deal note", Parent_Id: { module: { api_name: "Deals" }, id: deal.id } }],
    });
    expect(created.status).toBe(201);
    const query = await call("POST", "/crm/v8/coql", { select_query: `select Note_Content from Notes where Parent_Id = ${deal.id}` });
    expect(query.body.data).toEqual([{ Note_Content: "Deal note", id: created.body.data[0].details.id }]);
  });

  it("lists every note, paged and sorted", async () => {
    const [lead] = sandbox().seedCrm({ module: "Leads", count: 1 });
    await addNotes(
      sandbox(),
      "Leads",
      lead.id,
      [1, 2, 3].map((n) => ({ Note_Content: `paged ${n}` })),
    );
    const all = await call("GET", "/crm/v8/Notes?fields=Note_Content&per_page=200");
    const total = all.body.info.count;
    const ids = all.body.data.map((n: { id: string }) => n.id);
    expect([...ids].sort()).toEqual(ids);

    const newestFirst = await call("GET", "/crm/v8/Notes?fields=Note_Content&sort_by=id&sort_order=desc&per_page=2&page=1");
    expect(newestFirst.body.data.map((n: { Note_Content: string }) => n.Note_Content)).toEqual(["paged 3", "paged 2"]);
    expect(newestFirst.body.info).toEqual({ per_page: 2, count: 2, page: 1, more_records: true });
    const lastPage = await call("GET", `/crm/v8/Notes?fields=Note_Content&per_page=2&page=${Math.ceil(total / 2)}`);
    expect(lastPage.body.info.more_records).toBe(false);
    acceptGap(sandbox(), GAPS.notesListIds);
  });

  it("deletes several notes with ids, answering per note", async () => {
    const [lead] = sandbox().seedCrm({ module: "Leads", count: 1 });
    const created = await addNotes(sandbox(), "Leads", lead.id, [{ Note_Content: "a" }, { Note_Content: "b" }]);
    const ids = created.body.data.map((entry: { details: { id: string } }) => entry.details.id);
    const answer = await call("DELETE", `/crm/v8/Notes?ids=${ids.join(",")}`);
    expect(answer.status).toBe(200);
    expect(answer.body.data.map((entry: { details: { id: string } }) => entry.details.id)).toEqual(ids);
    expect((await call("GET", `/crm/v8/Leads/${lead.id}/Notes?fields=Note_Content`)).status).toBe(204);
  });
});

describe("notes errors", () => {
  // These calls are wrong on purpose, and the files describe few of Zoho's answers to them.
  const sandbox = useSandbox({ contract: false });
  const call = (method: string, path: string, json?: unknown) => crmCall(sandbox(), method, path, { json });

  it("answers per note: a missing Note_Content fails that note only (207)", async () => {
    const [lead] = sandbox().seedCrm({ module: "Leads", count: 1 });
    const answer = await call("POST", `/crm/v8/Leads/${lead.id}/Notes`, { data: [{ Note_Content: "ok" }, { Note_Title: "no content" }] });
    expect(answer.status).toBe(207);
    expect(answer.body.data[1]).toEqual({
      code: "MANDATORY_NOT_FOUND",
      details: { api_name: "Note_Content", json_path: "$.data[1].Note_Content" },
      message: "required field not found",
      status: "error",
    });
    const none = await call("POST", `/crm/v8/Leads/${lead.id}/Notes`, { data: [{ Note_Content: 5 }] });
    expect(none.status).toBe(400);
    expect(none.body.data[0]).toMatchObject({ code: "INVALID_DATA", details: { api_name: "Note_Content" } });
  });

  it("refuses an unknown parent record or module", async () => {
    const unknownRecord = await call("GET", "/crm/v8/Leads/1234567890123456789/Notes?fields=Note_Title");
    expect([unknownRecord.status, unknownRecord.body.code]).toEqual([400, "INVALID_DATA"]);
    const unknownModule = await call("POST", "/crm/v8/Nope/1/Notes", { data: [{ Note_Content: "x" }] });
    expect([unknownModule.status, unknownModule.body.code]).toEqual([400, "INVALID_MODULE"]);
    const badParent = await call("POST", "/crm/v8/Notes", {
      data: [{ Note_Content: "x", Parent_Id: { module: { api_name: "Leads" }, id: "1" } }],
    });
    expect(badParent.body.data[0]).toMatchObject({ code: "INVALID_DATA", details: { api_name: "Parent_Id" } });
  });

  it("requires fields on lists, and ids on bulk delete", async () => {
    const [lead] = sandbox().seedCrm({ module: "Leads", count: 1 });
    const noFields = await call("GET", `/crm/v8/Leads/${lead.id}/Notes`);
    expect([noFields.status, noFields.body.code]).toEqual([400, "REQUIRED_PARAM_MISSING"]);
    const noIds = await call("DELETE", "/crm/v8/Notes");
    expect([noIds.status, noIds.body.code]).toEqual([400, "REQUIRED_PARAM_MISSING"]);
  });

  it("answers an error entry for a note that does not exist", async () => {
    const update = await call("PUT", "/crm/v8/Notes/42", { data: [{ Note_Content: "x" }] });
    expect(update.status).toBe(400);
    expect(update.body.data[0]).toMatchObject({ code: "INVALID_DATA", details: { id: "42" } });
    const remove = await call("DELETE", "/crm/v8/Notes/42");
    expect(remove.body.data[0]).toEqual({ code: "INVALID_DATA", details: { id: "42" }, message: "record not deleted", status: "error" });
  });
});
