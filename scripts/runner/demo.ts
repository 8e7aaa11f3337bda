/**
 * `npm start`: a flow played through the component the way the platform calls it. Against the
 * sandbox it writes freely; against a real org (live mode) it only reads.
 */
import crm from "../../actions/crm";
import dataSources from "../../dataSources";
import { crmRecordsPollingTrigger } from "../../triggers/crmRecordsPolling";
import { booksFlow, pickOrganization } from "./booksFlow";
import { crmFlow, deleteInstance } from "./crmFlow";
import { harness, type Harness, type PollState } from "./harness";
import { sandboxOrgFlow } from "./sandboxOrg";
import { quietLogger } from "./logger";
import { done, expect, StepFailed, Steps, type StepResult } from "./steps";
import { openTarget, type Env, type SandboxStarter, type Target } from "./target";

export interface DemoOptions {
  /** Where finished lines go (default console.log). */
  log?: (line: string) => void;
  /** Transient progress of a running step; undefined clears it. */
  progress?: (line: string | undefined) => void;
  /** Live credentials are read from here (default process.env). */
  env?: Env;
  /** How many leads the sandbox demo creates (default 500). */
  leads?: number;
  /** Starts the sandbox (tests pass one that checks the traffic against Zoho's OpenAPI files). */
  startSandbox?: SandboxStarter;
}

export interface DemoResult {
  ok: boolean;
  mode: Target["mode"];
  steps: StepResult[];
}

const connect = (steps: Steps, target: Target) =>
  steps.run(`Connect (${target.dataCenter.key.toUpperCase()} data center)`, async () => {
    const { connection, said, tokens } = await target.connect();
    expect(tokens.api_domain === target.dataCenter.apiDomain, `Zoho answered api_domain ${tokens.api_domain}, not ${target.dataCenter.apiDomain}`);
    return done(said, connection);
  });

const sandboxFlow = async (steps: Steps, target: Target, zoho: Harness, leads: number) => {
  const instance = await crmFlow(steps, target, zoho, { leads });
  try {
    await sandboxOrgFlow(steps, target, zoho);
    await booksFlow(steps, zoho);
  } finally {
    await deleteInstance(steps, target, zoho, instance);
  }
};

/** Read-only steps: nothing is created, changed or deleted in the org. */
const liveFlow = async (steps: Steps, zoho: Harness) => {
  await steps.run("Read the CRM org", async () => {
    const { data } = await zoho.action(crm.crmGetOrganization, {});
    expect(data?.id, "crmGetOrganization returned no org id");
    return done(`crmGetOrganization: ${data.company_name ?? "(no name)"} (${data.id}), time zone ${data.time_zone ?? "?"}`);
  });
  await steps.run("Pick the module", async () => {
    const { result } = await zoho.dataSource(dataSources.selectCrmModule, {});
    expect(Array.isArray(result) && result.some((option: any) => option.key === "Leads"), "selectCrmModule did not offer Leads");
    return done(`data source selectCrmModule offers ${result.length} modules, Leads among them`);
  });
  await steps.run("Run a COQL query", async () => {
    const { data } = await zoho.action(crm.crmRunQuery, {
      query: "select Last_Name, Company, Modified_Time from Leads where id is not null order by Modified_Time desc limit 5",
    });
    expect(Array.isArray(data?.data), "crmRunQuery returned no rows array");
    return done(`crmRunQuery read the ${data.data.length} most recently modified leads`);
  });
  const state = { current: {} as PollState };
  await steps.run("Poll for new and updated leads (run 1)", async () => {
    const { records } = await zoho.poll(crmRecordsPollingTrigger, { recordType: "Leads", fields: "Last_Name", emit: "all" }, state);
    expect(
      records.length === 0 && typeof state.current.cursor === "string",
      "the first poll without a start time should emit nothing and remember where it stands",
    );
    return done(`crmRecordsPollingTrigger learned the newest change (${state.current.cursor}) and emitted nothing, as a first run does`);
  });
  await steps.run("Poll for new and updated leads (run 2)", async () => {
    const { records } = await zoho.poll(crmRecordsPollingTrigger, { recordType: "Leads", fields: "Last_Name", emit: "all" }, state);
    return done(`the next run emitted ${records.length} lead${records.length === 1 ? "" : "s"} changed since`);
  });
  await pickOrganization(steps, zoho);
};

const LIVE_SKIPPED = "creating leads, attachments, updates, the notifications channel and Books records would write to your org";

export const runDemo = async (options: DemoOptions = {}): Promise<DemoResult> => {
  const log = options.log ?? ((line: string) => console.log(line));
  const target = await openTarget(options.env ?? process.env, options.startSandbox);
  log(target.banner);
  if (target.mode === "live") log("Live mode only reads: it creates, changes and deletes nothing in the org.");
  const steps = new Steps({ log, progress: options.progress }, () => target.calls());
  const started = performance.now();
  let completed = false;
  try {
    const connection = await connect(steps, target);
    const zoho = harness(connection, quietLogger());
    if (target.mode === "sandbox") await sandboxFlow(steps, target, zoho, options.leads ?? 500);
    else {
      await liveFlow(steps, zoho);
      steps.skip("Writing steps", LIVE_SKIPPED);
    }
    completed = true;
  } catch (error) {
    // A failed step has printed its ✘ line; anything else failed between steps.
    if (!(error instanceof StepFailed)) log(`✘ demo — ${(error as Error).message}`);
  } finally {
    await target.close();
  }
  const ok = completed && steps.ok;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const failed = steps.results.find((r) => !r.ok);
  log(ok ? `Demo passed: ${steps.results.length} steps in ${seconds} s` : `Demo failed${failed ? ` at "${failed.name}"` : ""} after ${seconds} s`);
  return { ok, mode: target.mode, steps: steps.results };
};
