/**
 * The sandbox's CRM automation endpoints over real HTTP, with contract checks on: sender addresses,
 * email templates and send mail (the mailbox), blueprint transitions, functions run as REST APIs and
 * mass update jobs, with the refusals that change nothing.
 */
import { defineBlueprint } from "../../sandbox/crm/automation/blueprint";
import { mailbox } from "../../sandbox/crm/automation/email";
import { DelugeError, registerFunction } from "../../sandbox/crm/automation/functions";
import { addCustomView } from "../../sandbox/crm/automation/massUpdate";
import type { CrmRecord } from "../../sandbox/state";
import { useSandbox } from "../helpers/sandbox";
import { crmCall } from "./crmApi";

const sandbox = useSandbox();
const call = (method: string, path: string, json?: unknown, scopes?: string[]) => crmCall(sandbox(), method, path, { json, scopes });
const record = (module: string, id: string) => sandbox().state.crm.records.get(module)?.get(id) as CrmRecord;

describe("email", () => {
  it("lists the caller's from addresses and the module's templates", async () => {
    const from = await call("GET", "/crm/v8/settings/emails/actions/from_addresses");
    expect(from.status).toBe(200);
    expect(from.body.from_addresses).toEqual([
      expect.objectContaining({ email: "patriciaboyle@zylker.com", type: "primary", default: true }),
      expect.objectContaining({ email: "support@zylker.com", type: "org_email", default: false }),
    ]);
    const leads = await call("GET", "/crm/v8/settings/email_templates?module=Leads");
    expect(leads.body.email_templates.map((t: { name: string }) => t.name)).toEqual(["Lead welcome", "Lead follow-up"]);
    expect(leads.body.email_templates.every((t: { module: { api_name: string } }) => t.module.api_name === "Leads")).toBe(true);
    expect((await call("GET", "/crm/v8/settings/email_templates?module=Vendors")).status).toBe(204);
    const bad = await call("GET", "/crm/v8/settings/email_templates?module=Nope");
    expect(bad.body).toMatchObject({ code: "INVALID_MODULE", details: { param_name: "module" } });
    const one = await call("GET", `/crm/v8/settings/email_templates/${leads.body.email_templates[0].id}`);
    expect(one.body.email_templates[0].name).toBe("Lead welcome");
  });

  it("sends a template filled from the record into the mailbox", async () => {
    const [lead] = sandbox().seedCrm({ module: "Leads", count: 1, fields: () => ({ First_Name: "Sage", Last_Name: "Wieser", Company: "Truhlar" }) });
    const templates = await call("GET", "/crm/v8/settings/email_templates?module=Leads");
    const welcome = templates.body.email_templates[0];
    const answer = await call("POST", `/crm/v8/Leads/${lead.id}/actions/send_mail`, {
      data: [
        {
          from: { user_name: "Patricia Boyle", email: "patriciaboyle@zylker.com" },
          to: [{ user_name: "Sage", email: "sage@truhlar.example" }],
          template: { id: welcome.id },
        },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.data[0]).toMatchObject({ code: "SUCCESS", status: "success", details: { blocked_email_addresses: [] } });
    const sent = mailbox(sandbox().state).at(-1)!;
    expect(sent).toMatchObject({ module: "Leads", record_id: lead.id, subject: "Welcome, Sage", template_id: welcome.id, mail_format: "html" });
    expect(sent.content).toContain("Dear Sage Wieser");
    expect(sent.content).toContain("Truhlar");
    expect(sent.message_id).toBe(answer.body.data[0].details.message_id);
  });

  it("refuses a mail without content, from an unknown sender, with another module's template", async () => {
    const [lead] = sandbox().seedCrm({ module: "Leads", count: 1 });
    const deals = await call("GET", "/crm/v8/settings/email_templates?module=Deals");
    const from = { user_name: "P", email: "patriciaboyle@zylker.com" };
    const to = [{ email: "a@b.example" }];
    const before = mailbox(sandbox().state).length;
    const send = (mail: Record<string, unknown>) => call("POST", `/crm/v8/Leads/${lead.id}/actions/send_mail`, { data: [mail] });
    expect((await send({ from, to, subject: "Hi" })).body).toMatchObject({ code: "MANDATORY_NOT_FOUND", details: { api_name: "content" } });
    expect((await send({ from: { user_name: "M", email: "mallory@evil.example" }, to, subject: "s", content: "c" })).body).toMatchObject({
      code: "INVALID_DATA",
      details: { api_name: "from" },
    });
    expect((await send({ from, to, template: { id: deals.body.email_templates[0].id } })).body).toMatchObject({
      code: "INVALID_DATA",
      details: { api_name: "template" },
    });
    expect(
      (await call("POST", `/crm/v8/Leads/5725767000009999999/actions/send_mail`, { data: [{ from, to, subject: "s", content: "c" }] })).body,
    ).toMatchObject({
      code: "INVALID_DATA",
      details: { resource_path_index: 1 },
    });
    expect(mailbox(sandbox().state).length).toBe(before);
  });

  it("needs the send_mail scope", async () => {
    const [lead] = sandbox().seedCrm({ module: "Leads", count: 1 });
    const mail = { data: [{ from: { user_name: "P", email: "patriciaboyle@zylker.com" }, to: [{ email: "a@b.example" }], subject: "s", content: "c" }] };
    const answer = await call("POST", `/crm/v8/Leads/${lead.id}/actions/send_mail`, mail, ["ZohoCRM.modules.ALL"]);
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe("OAUTH_SCOPE_MISMATCH");
  });
});

describe("blueprint", () => {
  const deal = (stage: string) => sandbox().seedCrm({ module: "Deals", count: 1, fields: () => ({ Stage: stage }) })[0];

  it("lists the transitions open from the record's state, with their fields", async () => {
    const d = deal("Qualification");
    const answer = await call("GET", `/crm/v8/Deals/${d.id}/actions/blueprint`);
    expect(answer.status).toBe(200);
    const { process_info, transitions } = answer.body.blueprint;
    expect(process_info).toMatchObject({ name: "Deal pipeline", field_value: "Qualification", api_name: "Stage" });
    expect(transitions.map((t: { name: string }) => t.name)).toEqual(["Qualify", "Lose"]);
    expect(transitions[0].fields.map((f: { api_name: string; mandatory: boolean }) => [f.api_name, f.mandatory])).toEqual([
      ["Amount", true],
      ["Next_Step", false],
    ]);
    expect(transitions[0].next_field_value).toBe("Needs Analysis");
  });

  it("performs an open transition with its mandatory fields, and refuses others", async () => {
    const d = deal("Qualification");
    const { transitions } = (await call("GET", `/crm/v8/Deals/${d.id}/actions/blueprint`)).body.blueprint;
    const qualify = transitions.find((t: { name: string }) => t.name === "Qualify");
    const put = (entry: unknown) => call("PUT", `/crm/v8/Deals/${d.id}/actions/blueprint`, { blueprint: [entry] });
    expect((await put({ transition_id: qualify.id, data: {} })).body).toMatchObject({ code: "INVALID_DATA", details: { api_name: "Amount" } });
    expect(record("Deals", d.id).Stage).toBe("Qualification");
    const done = await put({ transition_id: qualify.id, data: { Amount: 5000, Description: "not a transition field" } });
    expect(done.body).toMatchObject({ code: "SUCCESS", message: "transition updated successfully" });
    expect(record("Deals", d.id)).toMatchObject({ Stage: "Needs Analysis", Amount: 5000 });
    expect(record("Deals", d.id).Description).not.toBe("not a transition field");
    // The same transition is not open any more.
    expect((await put({ transition_id: qualify.id, data: { Amount: 1 } })).body).toMatchObject({ code: "INVALID_DATA", message: "invalid transition" });
  });

  it("answers RECORD_NOT_IN_PROCESS outside any blueprint", async () => {
    const [lead] = sandbox().seedCrm({ module: "Leads", count: 1 });
    const answer = await call("GET", `/crm/v8/Leads/${lead.id}/actions/blueprint`);
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe("RECORD_NOT_IN_PROCESS");
    defineBlueprint(sandbox().state, "Leads", "Lead_Status", "Lead handling", [{ name: "Contact", from: ["Not Contacted"], to: "Contacted" }]);
    const [fresh] = sandbox().seedCrm({ module: "Leads", count: 1, fields: () => ({ Lead_Status: "Not Contacted" }) });
    expect((await call("GET", `/crm/v8/Leads/${fresh.id}/actions/blueprint`)).body.blueprint.transitions[0].name).toBe("Contact");
  });
});

describe("functions", () => {
  it("runs a published function with arguments and reports a failure inside it", async () => {
    const s = sandbox();
    const token = s.issueToken({});
    const run = (name: string, body: string) =>
      fetch(`${s.url}/us/crm/v7/functions/${name}/actions/execute?auth_type=oauth`, {
        method: "POST",
        headers: { Authorization: `Zoho-oauthtoken ${token.accessToken}`, "Content-Type": "application/x-www-form-urlencoded" },
        body,
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
    const ok = await run("score_lead", `arguments=${encodeURIComponent(JSON.stringify({ email: "a@b.com", employees: 400 }))}`);
    expect(ok).toMatchObject({ status: 200, body: { code: "success", details: { output_type: "map" } } });
    expect(JSON.parse(ok.body.details.output)).toEqual({ email: "a@b.com", score: 60, grade: "A" });
    const failed = await run("score_lead", `arguments=${encodeURIComponent("{}")}`);
    expect(failed).toMatchObject({ status: 400, body: { code: "failure_in_execution", details: { userMessage: ["Argument 'email' is required"] } } });
    registerFunction(s.state, "shout", (args) => {
      if (args.text === "boom") throw new DelugeError("exploded");
      return String(args.text).toUpperCase();
    });
    expect((await run("shout", `arguments=${encodeURIComponent('{"text":"hi"}')}`)).body.details).toMatchObject({ output: "HI", output_type: "string" });
    expect((await run("missing", "")).status).toBe(404);
  });
});

describe("mass update", () => {
  it("updates records by id at once and reports the counts", async () => {
    const leads = sandbox().seedCrm({ module: "Leads", count: 3 });
    const ids = [...leads.map((l) => l.id), "5725767000009999999"];
    const answer = await call("POST", "/crm/v8/Leads/actions/mass_update", { data: [{ Rating: "Warm" }], ids });
    expect(answer.status).toBe(200);
    const jobId = answer.body.data[0].details.job_id;
    const status = await call("GET", `/crm/v8/Leads/actions/mass_update?job_id=${jobId}`);
    expect(status.body.data[0]).toEqual({ Status: "COMPLETED", Updated_Count: 3, Not_Updated_Count: 1, Failed_Count: 0, Total_Count: 4 });
    leads.forEach((l) => expect(record("Leads", l.id).Rating).toBe("Warm"));
  });

  it("runs a custom view's update as a job: SCHEDULED, RUNNING, COMPLETED", async () => {
    const s = sandbox();
    const marked = s.seedCrm({ module: "Leads", count: 4, fields: () => ({ Industry: "Mass-Update-View" }) });
    const cvid = addCustomView(s.state, "Leads", (r) => r.Industry === "Mass-Update-View");
    const answer = await call("POST", "/crm/v8/Leads/actions/mass_update", { data: [{ Rating: "Hot" }], cvid });
    const jobId = answer.body.data[0].details.job_id;
    const states: string[] = [];
    for (let i = 0; i < 3; i++) states.push((await call("GET", `/crm/v8/Leads/actions/mass_update?job_id=${jobId}`)).body.data[0].Status);
    expect(states).toEqual(["SCHEDULED", "RUNNING", "COMPLETED"]);
    const final = (await call("GET", `/crm/v8/Leads/actions/mass_update?job_id=${jobId}`)).body.data[0];
    expect(final).toMatchObject({ Updated_Count: 4, Total_Count: 4 });
    marked.forEach((l) => expect(record("Leads", l.id).Rating).toBe("Hot"));
  });

  it("refuses more than 500 ids, an unknown field value, an unknown job; blueprint fields fail per record", async () => {
    const ids = Array.from({ length: 501 }, (_, i) => String(5725767000000000000n + BigInt(i + 1)));
    expect((await call("POST", "/crm/v8/Leads/actions/mass_update", { data: [{ Rating: "Hot" }], ids })).body).toMatchObject({ code: "LIMIT_EXCEEDED" });
    const [lead] = sandbox().seedCrm({ module: "Leads", count: 1 });
    expect((await call("POST", "/crm/v8/Leads/actions/mass_update", { data: [{ Annual_Revenue: "lots" }], ids: [lead.id] })).body).toMatchObject({
      code: "INVALID_DATA",
    });
    expect((await call("GET", "/crm/v8/Leads/actions/mass_update?job_id=1")).body).toMatchObject({ code: "INVALID_DATA", details: { param_name: "job_id" } });
    const [d] = sandbox().seedCrm({ module: "Deals", count: 1, fields: () => ({ Stage: "Qualification" }) });
    await call("GET", `/crm/v8/Deals/${d.id}/actions/blueprint`);
    const job = (await call("POST", "/crm/v8/Deals/actions/mass_update", { data: [{ Stage: "Closed Won" }], ids: [d.id] })).body.data[0].details.job_id;
    expect((await call("GET", `/crm/v8/Deals/actions/mass_update?job_id=${job}`)).body.data[0]).toMatchObject({ Failed_Count: 1, Updated_Count: 0 });
    expect(record("Deals", d.id).Stage).toBe("Qualification");
  });
});
