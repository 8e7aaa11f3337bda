/**
 * The CRM part of the sandbox demo, step by step as a flow would run them: a batch of leads, a
 * COQL query, an attachment up and down, an update, the notifications trigger deployed, called
 * (and forged), the polling trigger run twice, and the instance deleted.
 */
import crm from "../../actions/crm";
import dataSources from "../../dataSources";
import { flushDeliveries } from "../../sandbox/crm/notifications/notifications";
import { crmRecordsPollingTrigger } from "../../triggers/crmRecordsPolling";
import { notificationsTrigger } from "../../triggers/notifications";
import type { Harness, PollState } from "./harness";
import { startReceiver, type Receiver } from "./receiver";
import { done, expect, formatCount, type Steps } from "./steps";
import type { Target } from "./target";

const FLOW_NAME = "Lead changes";

export interface CrmFlowOptions {
  leads: number;
}

/** Waits until Zoho's callbacks so far have been answered (the sandbox knows; a real org would not). */
const settle = async (target: Target, receiver: Receiver, expected: number, timeoutMs = 5_000) => {
  if (target.sandbox) await flushDeliveries(target.sandbox.state);
  return receiver.waitFor(expected, timeoutMs);
};

const channelOf = (receiver: Receiver): { channelId: string; token: string } | undefined =>
  Object.entries(receiver.instanceState).find(([key]) => key.startsWith("zohoChannel:"))?.[1] as never;

export const crmFlow = async (steps: Steps, target: Target, zoho: Harness, { leads }: CrmFlowOptions) => {
  const company = `Northwind Demo ${Date.now().toString(36)}`;
  const startTime = new Date(Date.now() - 2_000).toISOString();
  const created: string[] = [];

  await steps.run("Pick the module", async () => {
    const { result } = await zoho.dataSource(dataSources.selectCrmModule, {});
    expect(Array.isArray(result) && result.some((option: any) => option.key === "Leads"), "selectCrmModule did not offer Leads");
    return done(`data source selectCrmModule offers ${result.length} modules; the flow uses Leads`);
  });

  await steps.run(`Create ${formatCount(leads)} leads`, async (progress) => {
    progress(`sending ${formatCount(leads)} records, 100 per call`);
    const records = Array.from({ length: leads }, (_, i) => ({
      First_Name: ["Ada", "Grace", "Alan", "Edsger", "Barbara"][i % 5],
      Last_Name: `Prospect ${i + 1}`,
      Company: company,
      Email: `prospect${i + 1}@northwind.example.com`,
    }));
    const before = target.calls();
    const { data } = await zoho.action(crm.crmCreateRecords, { recordType: "Leads", records: JSON.stringify(records), concurrency: "5" });
    expect(data?.succeeded === leads && data.failed === 0, `crmCreateRecords wrote ${data?.succeeded} of ${leads} (${data?.failed} failed)`);
    created.push(...data.results.map((r: any) => String(r.id)));
    expect(new Set(created).size === leads, "crmCreateRecords did not return one id per lead");
    const calls = before === undefined ? "" : ` in ${target.calls()! - before} calls`;
    return done(`crmCreateRecords wrote ${formatCount(data.succeeded)} of ${formatCount(leads)} leads${calls}, ids ${created[0]} …`);
  });

  await steps.run("Run a COQL query", async () => {
    const query = `select Last_Name, Email, Company from Leads where Company = '${company}'`;
    const { data } = await zoho.action(crm.crmRunQuery, { query, fetchAll: "true" });
    const ids = new Set(data.data.map((row: any) => String(row.id)));
    expect(data.data.length === leads && created.every((id) => ids.has(id)), `the query found ${data.data.length} rows, expected the ${leads} new leads`);
    return done(`crmRunQuery (fetch all) found exactly the ${formatCount(leads)} new leads among the org's records`);
  });

  const leadId = created[0];
  const quote = Buffer.from(Array.from({ length: 40 }, (_, i) => `line ${i + 1},Implementation workshop,1,1200.00\n`).join(""));
  const attachmentId = await steps.run("Add an attachment", async () => {
    const { data } = await zoho.action(crm.crmAddAttachment, {
      recordType: "Leads",
      recordId: leadId,
      file: { data: quote, contentType: "text/csv" },
      fileName: "quote.csv",
    });
    expect(/^\d+$/.test(String(data?.id)), "crmAddAttachment returned no attachment id");
    return done(`crmAddAttachment put quote.csv (${formatCount(quote.length)} bytes) on lead ${leadId} as attachment ${data.id}`, String(data.id));
  });

  await steps.run("Download the attachment", async () => {
    const result = await zoho.action(crm.crmDownloadAttachment, { recordType: "Leads", recordId: leadId, attachmentId });
    expect(Buffer.isBuffer(result.data), "crmDownloadAttachment did not return bytes");
    expect(Buffer.compare(result.data, quote) === 0, `downloaded ${result.data.length} bytes that differ from the ${quote.length} uploaded`);
    return done(`crmDownloadAttachment returned ${formatCount(result.data.length)} bytes (${result.contentType}), identical to the upload`);
  });

  await steps.run("Update a record", async () => {
    await zoho.action(crm.crmUpdateRecord, { recordType: "Leads", recordId: leadId, fieldValues: [{ key: "Lead_Status", value: "Contacted" }] });
    const { data } = await zoho.action(crm.crmGetRecord, { recordType: "Leads", recordId: leadId, fields: "Lead_Status,Last_Name" });
    expect(data?.Lead_Status === "Contacted", `crmGetRecord reads Lead_Status ${JSON.stringify(data?.Lead_Status)}, not "Contacted"`);
    return done(`crmUpdateRecord set lead ${leadId} Lead_Status to Contacted; crmGetRecord reads it back`);
  });

  const receiver = await startReceiver(notificationsTrigger, { flowName: FLOW_NAME, logger: zoho.logger });
  try {
    const channel = await steps.run("Deploy the notifications trigger", async () => {
      await receiver.deploy({
        connection: zoho.connection,
        recordType: "Leads",
        operations: ["all"],
        returnAffectedFieldValues: "true",
        fetchRecords: "true",
        fields: "Last_Name,Lead_Status",
      });
      const state = channelOf(receiver);
      expect(state?.channelId, "the create handler stored no channel in the instance state");
      const { data } = await zoho.action(crm.crmGetNotificationDetails, { channelId: state.channelId });
      expect(data.length > 0 && data.every((c: any) => c.notify_url === receiver.url), `Zoho does not list channel ${state.channelId} with the flow's URL`);
      return done(
        `channel ${state.channelId} watches ${data.flatMap((c: any) => c.events).join(", ")}, posting to ${receiver.url}; on Prismatic, a daily schedule on the flow keeps it alive and restores it if Zoho drops it`,
        state,
      );
    });

    await steps.run("Change records, receive notifications", async (progress) => {
      const changed = created.slice(1, 4);
      await zoho.action(crm.crmUpdateRecords, { recordType: "Leads", records: JSON.stringify(changed.map((id) => ({ id, Lead_Status: "Pre-Qualified" }))) });
      const { data } = await zoho.action(crm.crmCreateRecord, {
        recordType: "Leads",
        fieldValues: [
          { key: "Last_Name", value: "Walk-in" },
          { key: "Company", value: company },
        ],
      });
      created.push(String(data.id));
      progress("waiting for Zoho's callbacks");
      await settle(target, receiver, 2);
      const got = receiver.calls.slice(0, 2);
      expect(got.length === 2, `${receiver.calls.length} notifications arrived, expected 2`);
      expect(
        got.every((c) => c.status === 200 && c.branch === "Notification"),
        `not every notification was accepted: ${got.map((c) => `${c.branch} ${c.status}`).join(", ")}`,
      );
      const update = got.find((c) => c.data.operation === "update");
      const insert = got.find((c) => c.data.operation === "insert");
      expect(update && [...update.data.ids].sort().join() === [...changed].sort().join(), "the update notification does not name the three changed leads");
      expect(
        update.data.records?.length === changed.length && update.data.records.every((r: any) => r.Lead_Status === "Pre-Qualified"),
        `the fetched records are not the ${changed.length} changed leads with their new Lead_Status`,
      );
      expect(insert && insert.data.ids[0] === String(data.id), "the insert notification does not name the new lead");
      return done(
        `2 notifications verified (token and channel) and emitted: update of ${changed.length} leads with their records fetched, insert of lead ${data.id}`,
      );
    });

    await steps.run("Reject a forged notification", async () => {
      const before = receiver.calls.length;
      const body = { module: "Leads", operation: "delete", ids: [leadId], channel_id: Number(channel.channelId), token: "guessed-token" };
      const response = await fetch(receiver.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      const call = receiver.calls[before];
      expect(response.status === 401, `the forged call was answered ${response.status}, not 401`);
      expect(call?.branch === "Rejected" && call.data === null, "the forged call was not routed to the Rejected branch with no data");
      return done("a call with the right channel id but a wrong token was answered 401 on the Rejected branch, nothing emitted");
    });

    const pollState = { current: {} as PollState };
    const pollParams = { recordType: "Leads", fields: "Last_Name,Lead_Status", emit: "all", startTime };
    await steps.run("Poll for new and updated leads (run 1)", async () => {
      const { records } = await zoho.poll(crmRecordsPollingTrigger, pollParams, pollState);
      const ids = new Set(records.map((r) => String(r.id)));
      expect(
        records.length === created.length && created.every((id) => ids.has(id)),
        `the first poll emitted ${records.length} records, expected the ${created.length} the demo created`,
      );
      return done(`crmRecordsPollingTrigger emitted the ${formatCount(records.length)} leads created since ${startTime}, the org's older leads left out`);
    });

    await steps.run("Poll for new and updated leads (run 2)", async () => {
      const edited = created.slice(10, 12);
      await zoho.action(crm.crmUpdateRecords, {
        recordType: "Leads",
        records: JSON.stringify(edited.map((id) => ({ id, Lead_Status: "Attempted to Contact" }))),
      });
      const { records } = await zoho.poll(crmRecordsPollingTrigger, pollParams, pollState);
      const emitted = records.map((r) => `${r.id}:${r._change}`).sort();
      expect(
        emitted.join() ===
          edited
            .map((id) => `${id}:updated`)
            .sort()
            .join(),
        `the second poll emitted ${emitted.join(", ") || "nothing"}, expected the 2 edited leads as updated`,
      );
      return done(`after 2 edits the next poll emitted exactly those 2 leads, marked updated`);
    });

    return { receiver, channelId: channel.channelId, leadId };
  } catch (error) {
    await receiver.close();
    throw error;
  }
};

/** Deleting the instance: the channel goes, and later changes reach nobody. */
export const deleteInstance = async (
  steps: Steps,
  target: Target,
  zoho: Harness,
  { receiver, channelId, leadId }: { receiver: Receiver; channelId: string; leadId: string },
) => {
  try {
    await steps.run("Delete the instance", async () => {
      await settle(target, receiver, receiver.calls.length);
      await receiver.remove();
      expect(channelOf(receiver) === undefined, "the delete handler left the channel in the instance state");
      const { data } = await zoho.action(crm.crmGetNotificationDetails, { channelId });
      expect(data.length === 0, `Zoho still lists channel ${channelId}`);
      const before = receiver.calls.length;
      await zoho.action(crm.crmUpdateRecord, { recordType: "Leads", recordId: leadId, fieldValues: [{ key: "Lead_Status", value: "Junk Lead" }] });
      await settle(target, receiver, before + 1, 100);
      expect(receiver.calls.length === before, "a change after the delete still reached the flow");
      return done(`the delete handler disabled channel ${channelId}; Zoho lists it no more and a later edit notified nobody`);
    });
  } finally {
    await receiver.close();
  }
};
