import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { defaultTriggerPayload, invokeTrigger } from "@prismatic-io/spectral/dist/testing";
import { flushDeliveries } from "../../sandbox/crm/notifications";
import { notificationsTrigger } from "../../triggers/notifications";
import { connectionFor, useSandbox } from "../helpers/sandbox";

const sandbox = useSandbox();
const DAY = 24 * 60 * 60 * 1000;

/**
 * Stands in for the platform: one instance whose flows each have a webhook URL; every callback
 * Zoho posts runs the trigger's perform with that flow's instance state, as Prismatic would.
 */
const platform = async () => {
  const instanceState: Record<string, unknown> = {};
  const received: Array<{ flow: string; branch?: string; status?: number; data: any }> = [];
  let server: Server;
  const flows = new Map<string, { params: Record<string, unknown> }>();
  server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", async () => {
      const flowName = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname.slice(1));
      const flow = flows.get(flowName)!;
      const { result } = await invokeTrigger(
        notificationsTrigger,
        contextFor(flowName),
        { ...defaultTriggerPayload(), body: { data: JSON.parse(raw) } },
        flow.params as never,
      );
      const r = result as any;
      if (r?.instanceState) Object.assign(instanceState, r.instanceState);
      received.push({ flow: flowName, branch: r?.branch, status: r?.response?.statusCode, data: r?.payload?.body?.data });
      res.writeHead(r?.response?.statusCode ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const contextFor = (flowName: string) =>
    ({
      instanceState,
      flow: { id: `flow-${flowName}`, name: flowName, stableId: flowName },
      webhookUrls: Object.fromEntries([...flows.keys()].map((name) => [name, `${url}/${encodeURIComponent(name)}`])),
    }) as never;
  return {
    url,
    received,
    instanceState,
    deploy: async (flowName: string, params: Record<string, unknown>) => {
      flows.set(flowName, { params });
      const out = await notificationsTrigger.webhookLifecycleHandlers!.create(contextFor(flowName), params as never);
      if (out?.instanceState) {
        for (const k of Object.keys(instanceState)) delete instanceState[k];
        Object.assign(instanceState, out.instanceState);
      }
    },
    remove: async (flowName: string) => {
      const out = await notificationsTrigger.webhookLifecycleHandlers!.delete(contextFor(flowName), flows.get(flowName)!.params as never);
      for (const k of Object.keys(instanceState)) delete instanceState[k];
      Object.assign(instanceState, out?.instanceState ?? {});
    },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
};

const writeLead = async (lastName: string, id?: string) => {
  const s = sandbox();
  const token = s.issueToken({}).accessToken;
  const response = await fetch(`${s.url}/crm/v8/Leads${id ? `/${id}` : ""}`, {
    method: id ? "PUT" : "POST",
    headers: { Authorization: `Zoho-oauthtoken ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ data: [{ Last_Name: lastName }] }),
  });
  const body: any = await response.json();
  return String(body.data[0].details.id);
};

const settle = async () => {
  await flushDeliveries(sandbox().state);
  await new Promise((r) => setTimeout(r, 50));
};

describe("notificationsTrigger", () => {
  let p: Awaited<ReturnType<typeof platform>>;
  beforeEach(async () => (p = await platform()));
  afterEach(() => p.close());

  it("deploy registers a channel, Zoho's callbacks are verified and emitted, delete removes the channel", async () => {
    const connection = connectionFor(sandbox());
    await p.deploy("Flow 1", { connection, recordType: "Leads", operations: ["all"], fetchRecords: "true", fields: "Last_Name" });
    const state = p.instanceState["zohoChannel:flow-Flow 1"] as any;
    expect(state.channelId).toMatch(/^\d+$/);
    expect(state.token.length).toBeLessThanOrEqual(50);

    const id = await writeLead("Ada");
    await writeLead("Lovelace", id);
    await settle();
    expect(p.received.map((r) => [r.branch, r.data.operation])).toEqual([["Notification", "insert"], ["Notification", "update"]]);
    expect(p.received[0].data.ids).toEqual([id]);
    expect(p.received[1].data.records[0]).toMatchObject({ id, Last_Name: "Lovelace" });

    await p.remove("Flow 1");
    expect(p.instanceState["zohoChannel:flow-Flow 1"]).toBeUndefined();
    await writeLead("Nobody");
    await settle();
    expect(p.received).toHaveLength(2);
    // Removing again (channel already gone) is not an error.
    await p.remove("Flow 1");
  });

  it("rejects a forged call with 401 and emits nothing", async () => {
    const connection = connectionFor(sandbox());
    await p.deploy("Flow 1", { connection, recordType: "Leads", operations: ["create"] });
    const state = p.instanceState["zohoChannel:flow-Flow 1"] as any;
    const forged = await fetch(`${p.url}/Flow%201`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ module: "Leads", operation: "insert", ids: ["1"], channel_id: Number(state.channelId), token: "guessed" }),
    });
    expect(forged.status).toBe(401);
    expect(p.received[0]).toMatchObject({ branch: "Rejected", status: 401, data: null });
    expect((p.instanceState["zohoChannel:flow-Flow 1"] as any).channelId).toBe(state.channelId);
    await p.remove("Flow 1");
  });

  it("two flows get separate channels; redeploying with the same settings reuses the channel, changed settings replace it", async () => {
    const connection = connectionFor(sandbox());
    await p.deploy("Flow A", { connection, recordType: "Leads", operations: ["create"] });
    await p.deploy("Flow B", { connection, recordType: "Leads", operations: ["create"] });
    const a = (p.instanceState["zohoChannel:flow-Flow A"] as any).channelId;
    const b = (p.instanceState["zohoChannel:flow-Flow B"] as any).channelId;
    expect(a).not.toBe(b);
    await writeLead("Both");
    await settle();
    expect(p.received.map((r) => r.flow).sort()).toEqual(["Flow A", "Flow B"]);

    await p.deploy("Flow A", { connection, recordType: "Leads", operations: ["create"] });
    expect((p.instanceState["zohoChannel:flow-Flow A"] as any).channelId).toBe(a);
    await p.deploy("Flow A", { connection, recordType: "Leads", operations: ["edit"] });
    const replaced = (p.instanceState["zohoChannel:flow-Flow A"] as any).channelId;
    expect(replaced).not.toBe(a);
    await p.remove("Flow A");
    await p.remove("Flow B");
  });

  it("keeps the channel alive for eight days of the sandbox's clock", async () => {
    const s = sandbox();
    const connection = connectionFor(s);
    await p.deploy("Flow 1", { connection, recordType: "Leads", operations: ["all"] });
    for (let day = 1; day <= 8; day++) {
      s.clock.advance(DAY);
      // Keep the token valid: the platform refreshes it; here we re-issue one.
      (connection as any).token.access_token = s.issueToken({}).accessToken;
      await writeLead(`Day ${day}`);
      await settle();
    }
    const delivered = p.received.filter((r) => r.branch === "Notification");
    expect(delivered).toHaveLength(8);
    expect(delivered[7].data.operation).toBe("insert");
    await p.remove("Flow 1");
  });

  it("validates inputs before registering anything", async () => {
    const s = sandbox();
    const before = s.log.length;
    await expect(p.deploy("Flow 1", { connection: connectionFor(s), recordType: "Price Books", operations: ["all"] })).rejects.toThrow(/Module.*without spaces/);
    await expect(p.deploy("Flow 1", { connection: connectionFor(s), recordType: "Leads", operations: ["sometimes"] })).rejects.toThrow(/Operations/);
    expect(s.log.length).toBe(before);
  });
});
