/**
 * `npm run bench`: the component's real actions and triggers against the in-process Zoho sandbox
 * over HTTP, with a fixed latency per API call (`--latency 50`), printed as one markdown table and
 * written between the bench markers in README.md. `--quick` runs every scenario smaller.
 */
import { statSync } from "node:fs";
import { join } from "node:path";
import { crmBulkReadRecords } from "../actions/crm/bulkReadRecords";
import { crmCreateRecord } from "../actions/crm/createRecord";
import { crmCreateRecords } from "../actions/crm/createRecords";
import { crmGetRecords } from "../actions/crm/getRecords";
import { crmUpsertRecords } from "../actions/crm/upsertRecords";
import { startSandbox, type Sandbox } from "../sandbox";
import { CHUNK_SIZE } from "../src/crm/recordWrites";
import { connectionFor } from "../test/helpers/sandbox";
import { crmRecordsPollingTrigger } from "../triggers/crmRecordsPolling";
import { leadsPollingTrigger } from "../triggers/legacyPolling";
import { coldStartRows, measureColdStart } from "./coldStart";
import { measureZodFlavours, zodFlavourRow } from "./zodFlavours";
import { collectGarbage, measure, peakMemory, poller, readOptions, runAction } from "./measure";
import { tallyByEmail } from "./tally";
import { startRemoteSandbox, type RemoteSandbox } from "./remoteSandbox";
import { writeReadme, type Row, table } from "./report";

const options = readOptions();
const sizes = options.quick
  ? { write: 2_000, onePerRecordSample: 100, read: 20_000, bulk: 50_000, changes: 1_000 }
  : { write: 10_000, onePerRecordSample: 500, read: 100_000, bulk: 250_000, changes: 5_000 };
const CONCURRENCY = 5;
/** ~10% of calls fail: half with a 5xx (before or after the write is stored), half with a 429 and Retry-After. */
const FAULTS = { faults: { rate: 0.05, kinds: [500, 502, 503] as Array<500 | 502 | 503>, when: "random" as const, seed: 8 }, rateLimit429: 0.05 };

const n = (value: number) => value.toLocaleString("en-US");
const seconds = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1_000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const times = (ratio: number) => `${ratio.toFixed(2)}×`;
const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");

/** Records with a unique e-mail each, so the sandbox's state tells which were stored and how often. */
const leads = (tag: string, count: number) => Array.from({ length: count }, (_, i) => ({ Last_Name: `${tag} ${i}`, Email: `${tag}-${i}@bench.example` }));

/** How many of `records` the in-process sandbox's Leads hold not at all, and how many extra copies. */
const tally = (sandbox: Sandbox, records: Array<{ Email: string }>) =>
  tallyByEmail(
    sandbox.state.crm.records.get("Leads")?.values() ?? [],
    records.map((r) => r.Email),
  );

/** Empties a module between scenarios, so one scenario's records do not slow the next one's sandbox work. */
const clear = (sandbox: Sandbox, module: string) => {
  sandbox.state.crm.records.get(module)?.clear();
  collectGarbage();
};

/** The three ways to write, against the sandbox on its own thread (see remoteSandbox.ts). */
const writes = async (remote: RemoteSandbox, rows: Row[]) => {
  const { connection } = remote;
  const counted = async <T>(body: () => Promise<T>) => {
    const before = await remote.calls();
    const started = process.hrtime.bigint();
    const value = await body();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    return { value, ms, calls: (await remote.calls()) - before };
  };
  const emails = (records: Array<{ Email: string }>) => records.map((r) => r.Email);
  const total = sizes.write;
  const latency = options.latencyMs;
  const ideal = (concurrency: number) => (Math.ceil(total / CHUNK_SIZE) / concurrency) * latency;

  // (a) One call per record, as a loop of Create Record steps; sampled, then scaled to the full count.
  const sample = leads("one", sizes.onePerRecordSample);
  const single = await counted(async () => {
    for (const record of sample) await runAction(crmCreateRecord, { connection, recordType: "Leads", dynamicValues: JSON.stringify(record) });
  });
  const scale = total / sample.length;
  const oneCalls = single.calls * scale;
  const oneMs = single.ms * scale;
  const oneLoss = await remote.tally("Leads", emails(sample));
  await remote.clear("Leads");

  const batched = async (tag: string, concurrency?: number) => {
    const records = leads(tag, total);
    const run = await counted(() =>
      runAction(crmCreateRecords, {
        connection,
        recordType: "Leads",
        records: JSON.stringify(records),
        ...(concurrency ? { concurrency: String(concurrency) } : {}),
      }),
    );
    const stored = await remote.tally("Leads", emails(records));
    await remote.clear("Leads");
    return { ...run, stored, succeeded: run.value.data.succeeded as number };
  };
  const sequential = await batched("seq", 1);
  const concurrent = await batched("con");

  const fewer = oneCalls / concurrent.calls;
  const withinIdeal = concurrent.ms / ideal(CONCURRENCY);
  const exact = (s: { lost: number; duplicated: number }) => `${s.lost} lost, ${s.duplicated} duplicated`;
  rows.push(
    {
      scenario: `Write ${n(total)} CRM records, one call per record (Create Record in a loop; ${n(sample.length)} measured, ×${scale} extrapolated)`,
      calls: `${n(oneCalls)}`,
      time: seconds(oneMs),
      ratio: `${times(oneMs / ideal(1))} of batched sequential ideal`,
      result: `${exact(oneLoss)} (of the sample)`,
      target: "",
    },
    {
      scenario: `Write ${n(total)}: batched, sequential (Create Records, concurrency 1)`,
      calls: n(sequential.calls),
      time: seconds(sequential.ms),
      ratio: `${times(sequential.ms / ideal(1))} (ideal ${seconds(ideal(1))})`,
      result: `${n(sequential.succeeded)} succeeded; ${exact(sequential.stored)}`,
      target: "",
    },
    {
      scenario: `Write ${n(total)}: batched, concurrent (Create Records, default concurrency ${CONCURRENCY})`,
      calls: n(concurrent.calls),
      time: seconds(concurrent.ms),
      ratio: `${times(withinIdeal)} (ideal ${seconds(ideal(CONCURRENCY))})`,
      result: `${n(concurrent.succeeded)} succeeded; ${exact(concurrent.stored)}; ${Math.round(fewer)}× fewer calls than one per record`,
      target: `≤ 1.3× ideal: ${verdict(withinIdeal <= 1.3)}; ≥ 50× fewer calls: ${verdict(fewer >= 50)}`,
    },
  );
};

const FIELDS = "Last_Name,Email";

const reads = async (sandbox: Sandbox, connection: unknown, rows: Row[]) => {
  sandbox.seedCrm({ module: "Contacts", count: sizes.read });
  const paged = await measure(sandbox, () => runAction(crmGetRecords, { connection, recordType: "Contacts", fields: FIELDS, fetchAll: true }));
  const pagedCount = paged.value.data.data.length as number;
  const bulk = await measure(sandbox, () => runAction(crmBulkReadRecords, { connection, recordType: "Contacts", fields: FIELDS }));
  rows.push(
    {
      scenario: `Read ${n(sizes.read)} records page by page (Get Records, Fetch All: 200 a call, page numbers to 2,000 then page_token)`,
      calls: n(paged.calls),
      time: seconds(paged.ms),
      ratio: "",
      result: `${n(pagedCount)} records`,
      target: `all read: ${verdict(pagedCount === sizes.read)}`,
    },
    {
      scenario: `Read ${n(sizes.read)} records with a bulk read job (Bulk Read Records)`,
      calls: n(bulk.calls),
      time: seconds(bulk.ms),
      ratio: `${times(paged.ms / bulk.ms)} faster`,
      result: `${n(bulk.value.data.count)} records, ${bulk.value.data.jobs.length} job(s)`,
      target: `all read: ${verdict(bulk.value.data.count === sizes.read)}`,
    },
  );

  sandbox.seedCrm({ module: "Contacts", count: sizes.bulk - sizes.read });
  collectGarbage();
  const big = await peakMemory(() => measure(sandbox, () => runAction(crmBulkReadRecords, { connection, recordType: "Contacts", fields: FIELDS })));
  const { value: run, peak } = big;
  rows.push({
    scenario: `Read ${n(sizes.bulk)} records with bulk read: peak memory growth while it ran (RSS sampled every 5 ms from a worker thread, heap between event-loop turns; the in-process sandbox's export counts too)`,
    calls: n(run.calls),
    time: seconds(run.ms),
    ratio: "",
    result: `${n(run.value.data.count)} records, ${run.value.data.jobs.length} jobs; RSS +${Math.round(peak.rssMb)} MB, heap +${Math.round(peak.heapMb)} MB`,
    target: `< 300 MB: ${verdict(peak.rssMb < 300 && run.value.data.count === sizes.bulk)}`,
  });
  clear(sandbox, "Contacts");
};

const polls = async (sandbox: Sandbox, connection: unknown, rows: Row[]) => {
  const quietPoll = poller(crmRecordsPollingTrigger, { connection, recordType: "Leads", fields: "Last_Name" });
  await quietPoll(); // the first poll only learns where "now" is
  sandbox.clock.advance(2_000);
  const quiet = await measure(sandbox, quietPoll);

  const busyPoll = poller(leadsPollingTrigger, { connection, emit: "all" });
  await busyPoll();
  sandbox.clock.advance(2_000);
  sandbox.seedCrm({ module: "Leads", count: sizes.changes, modifiedAt: sandbox.clock.now() });
  sandbox.clock.advance(1_000);
  const busy = await measure(sandbox, busyPoll);
  const distinct = new Set(busy.value.map((r) => r.id)).size;
  rows.push(
    {
      scenario: "Quiet poll (New and Updated Records, nothing changed)",
      calls: n(quiet.calls),
      time: seconds(quiet.ms),
      ratio: "",
      result: `${quiet.value.length} records emitted`,
      target: `1 call, 0 records: ${verdict(quiet.calls === 1 && quiet.value.length === 0)}`,
    },
    {
      scenario: `Poll with ${n(sizes.changes)} changes (New and Updated Leads)`,
      calls: n(busy.calls),
      time: seconds(busy.ms),
      ratio: "",
      result: `${n(busy.value.length)} records emitted, ${n(distinct)} distinct`,
      target: `each once: ${verdict(busy.value.length === sizes.changes && distinct === sizes.changes)}`,
    },
  );
  clear(sandbox, "Leads");
};

const faults = async (sandbox: Sandbox, connection: unknown, rows: Row[]) => {
  const total = sizes.write;
  const upsert = (records: unknown[]) =>
    runAction(crmUpsertRecords, {
      connection,
      recordType: "Leads",
      records: JSON.stringify(records),
      duplicate_check_fields: "Email",
      continueOnFailure: true,
    });

  const create = (records: unknown[]) =>
    runAction(crmCreateRecords, { connection, recordType: "Leads", records: JSON.stringify(records), continueOnFailure: true });

  // Fault-free runs on the same in-process sandbox are the baselines of the faulty ones.
  const calmCreate = await measure(sandbox, () => create(leads("cre", total)));
  clear(sandbox, "Leads");
  const calm = await measure(sandbox, () => upsert(leads("ups", total)));
  clear(sandbox, "Leads");

  sandbox.setOptions(FAULTS);
  const createRecords = leads("fcr", total);
  const created = await measure(sandbox, () => create(createRecords));
  const createLog = sandbox.log.slice(-created.calls);
  const createStored = tally(sandbox, createRecords);
  const results = created.value.data.results as Array<{ status: string; code: string }>;
  const unknown = results.filter((r) => r.code === "OUTCOME_UNKNOWN").length;
  const otherFailures = results.filter((r) => r.status !== "success" && r.code !== "OUTCOME_UNKNOWN").length;
  clear(sandbox, "Leads");

  const upsertRecords = leads("fup", total);
  const upserted = await measure(sandbox, () => upsert(upsertRecords));
  const upsertLog = sandbox.log.slice(-upserted.calls);
  const upsertStored = tally(sandbox, upsertRecords);
  sandbox.setOptions({ faults: undefined, rateLimit429: 0 });
  clear(sandbox, "Leads");

  const injected = (log: typeof createLog) => `${log.filter((e) => e.status >= 500).length}×5xx, ${log.filter((e) => e.status === 429).length}×429`;
  rows.push(
    {
      scenario: `Write ${n(total)} with ~10% faults (${injected(createLog)} injected): Create Records`,
      calls: n(created.calls),
      time: seconds(created.ms),
      ratio: `${times(created.ms / calmCreate.ms)} of fault-free (${seconds(calmCreate.ms)})`,
      result: `${n(unknown)} reported OUTCOME_UNKNOWN, not resent: ${n(createStored.lost)} of them were not stored (the 5xx came first), ${n(unknown - createStored.lost)} were; ${createStored.duplicated} duplicated; ${otherFailures} other failures`,
      target: `none silently lost, 0 duplicated: ${verdict(createStored.duplicated === 0 && createStored.lost <= unknown && otherFailures === 0)}`,
    },
    {
      scenario: `Same write with ~10% faults (${injected(upsertLog)} injected): Upsert Records on Email, resent after a 5xx`,
      calls: n(upserted.calls),
      time: seconds(upserted.ms),
      ratio: `${times(upserted.ms / calm.ms)} of fault-free upsert (${seconds(calm.ms)})`,
      result: `${n(upserted.value.data.succeeded)} succeeded; ${upsertStored.lost} lost, ${upsertStored.duplicated} duplicated (both times are mostly the sandbox's own upsert matching, which scans every stored record per entry)`,
      target: `0 lost, 0 duplicated: ${verdict(upsertStored.lost === 0 && upsertStored.duplicated === 0 && upserted.value.data.failed === 0)}`,
    },
  );
};

/**
 * Measured first, right after `npm run bench` built it, while nothing else runs: our bundle and the
 * existing component's, side by side in fresh processes (coldStart.ts).
 */
const coldStart = async (): Promise<Row[]> => {
  const file = join(__dirname, "..", "dist", "index.js");
  if (statSync(file).size === 0) throw new Error("dist/index.js is empty: run npm run build (or npm run bench) again");
  const at = Date.now();
  const rounds = options.quick ? 15 : 21;
  const rows = coldStartRows(await measureColdStart({ bundle: file, rounds }));
  rows.push(zodFlavourRow(await measureZodFlavours({ rounds }), rounds));
  process.stderr.write(`bench: cold start done in ${((Date.now() - at) / 1000).toFixed(1)} s\n`);
  return rows;
};

const main = async () => {
  const started = Date.now();
  const coldRows = await coldStart();
  const sandbox = await startSandbox({ latencyMs: options.latencyMs });
  // The component sends Zoho's real hosts to the sandbox when this is set (src/client.ts).
  process.env.ZOHO_SANDBOX_URL = sandbox.url;
  const connection = connectionFor(sandbox);
  const rows: Row[] = [];
  try {
    const phases: Array<[string, () => Promise<unknown>]> = [];
    phases.push([
      "writes",
      async () => {
        const remote = await startRemoteSandbox(options.latencyMs);
        process.env.ZOHO_SANDBOX_URL = remote.url;
        try {
          await writes(remote, rows);
        } finally {
          process.env.ZOHO_SANDBOX_URL = sandbox.url;
          await remote.stop();
        }
      },
    ]);
    phases.push(["reads", () => reads(sandbox, connection, rows)]);
    phases.push(["polls", () => polls(sandbox, connection, rows)]);
    phases.push(["faults", () => faults(sandbox, connection, rows)]);
    for (const [name, phase] of phases) {
      const at = Date.now();
      await phase();
      process.stderr.write(`bench: ${name} done in ${((Date.now() - at) / 1000).toFixed(1)} s\n`);
    }
  } finally {
    await sandbox.stop();
  }
  rows.push(...coldRows);
  const heading = `Measured by \`npm run bench${options.quick ? " -- --quick" : ""}\` on ${new Date().toISOString().slice(0, 10)}: the sandbox on 127.0.0.1 with ${options.latencyMs} ms added to every API call (on its own thread for the first three rows, as Zoho's servers do not share the connector's CPU; in-process for the rest, which read its state directly), Node ${process.version}; whole run ${((Date.now() - started) / 1000).toFixed(0)} s.`;
  const markdown = `${heading}\n\n${table(rows)}`;
  process.stdout.write(`${markdown}\n`);
  if (!options.quick) writeReadme(markdown);
};

main().catch((error) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
