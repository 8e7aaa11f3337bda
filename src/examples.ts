import type { TriggerPayload } from "@prismatic-io/spectral";
/**
 * Example records shared by example payloads. Shapes follow what the sandbox (and Zoho) answer;
 * each step's test compares its example payload with a real sandbox answer (expectSameShape).
 */
export const exampleUser = { name: "Patricia Boyle", id: "5725767000000411001", email: "patricia.boyle@example.com" };

export const exampleLead = {
  id: "5725767000000524157",
  Last_Name: "Smith",
  First_Name: "Jane",
  Email: "jane.smith@example.com",
  Company: "Acme",
  Lead_Status: "Not Contacted",
  Owner: exampleUser,
  Created_Time: "2026-11-22T10:15:30+00:00",
  Modified_Time: "2026-11-22T10:15:30+00:00",
  Created_By: exampleUser,
  Modified_By: exampleUser,
};

/** What a trigger hands the flow: the platform's payload with our records as the body. */
export const triggerExample = <T>(body: T): TriggerPayload => ({
  headers: { "Content-Type": "application/json" },
  queryParameters: {},
  rawBody: { data: null },
  body: { data: body },
  pathFragment: "",
  webhookUrls: { "Flow 1": "https://hooks.example.com/trigger/abc" },
  webhookApiKeys: {},
  invokeUrl: "https://hooks.example.com/trigger/abc",
  executionId: "exampleExecutionId",
  customer: { id: "customerId", name: "Customer 1", externalId: "1234" },
  instance: { id: "instanceId", name: "Instance 1" },
  user: { id: "userId", email: "user@example.com", name: "User 1", externalId: "1234" },
  integration: { id: "integrationId", name: "Integration 1", versionSequenceId: "1", externalVersion: "1.0.0" },
  flow: { id: "flowId", name: "Flow 1", stableId: "flowStableId" },
  startedAt: "2026-11-22T10:15:30.000Z",
  globalDebug: false,
});

export const pollingExample = <T>(records: T[]) => ({ payload: triggerExample(records), polledNoChanges: false as boolean });

export const exampleChannelEvent = {
  channel_expiry: "2026-11-29T10:14:30+00:00",
  resource_uri: "https://www.zohoapis.com/crm/v8/Leads",
  resource_id: "5725767000000002175",
  resource_name: "Leads",
  channel_id: "1000000068001",
};

/** What the enable, update and renew actions return. */
export const exampleChannelResult = { channelId: "1000000068001", channelExpiry: "2026-11-29T10:14:30+00:00", events: [exampleChannelEvent] };
