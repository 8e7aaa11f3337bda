/**
 * Stands in for Prismatic around the CRM Notifications trigger: one instance whose flows each have a
 * webhook URL on 127.0.0.1. Every call Zoho posts runs the trigger's perform with the instance
 * state, as the platform would, and the trigger's resolver turns each result into executions (one
 * per item at the trigger's batch size 1), following the pagination state. `schedule` runs the
 * flow's schedule: the same perform with no body.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { defaultTriggerPayload, invokeTrigger } from "@prismatic-io/spectral/dist/testing";
import { notificationsTrigger } from "../../triggers/notifications";

export interface Execution {
  flow: string;
  branch?: string;
  data: any;
}

export interface Invocation {
  flow: string;
  branch?: string;
  status?: number;
  /** Executions this call started. */
  items: number;
  error?: string;
}

const resolver = (notificationsTrigger as any).triggerResolver as {
  resolveItems: (context: unknown, result: unknown) => unknown[];
  getNextPaginationState: (context: unknown, result: unknown) => Record<string, unknown> | null;
};

export const startPlatform = async () => {
  const instanceState: Record<string, unknown> = {};
  const executions: Execution[] = [];
  const invocations: Invocation[] = [];
  const logs: Array<{ flow: string; level: string; message: string }> = [];
  const flows = new Map<string, { params: Record<string, unknown> }>();
  let url = "";

  const logger = (flow: string) => {
    const log =
      (level: string) =>
      (...args: unknown[]) =>
        void logs.push({ flow, level, message: args.map(String).join(" ") });
    return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error"), metric: log("metric") };
  };
  const contextFor = (flow: string) =>
    ({
      instanceState,
      logger: logger(flow),
      flow: { id: `flow-${flow}`, name: flow, stableId: flow },
      webhookUrls: Object.fromEntries([...flows.keys()].map((name) => [name, `${url}/${encodeURIComponent(name)}`])),
    }) as never;
  const keepState = (next: Record<string, unknown> | undefined) => {
    if (!next) return;
    const copy = { ...next };
    for (const key of Object.keys(instanceState)) delete instanceState[key];
    Object.assign(instanceState, copy);
  };

  /** One trigger run: perform, then each page's items become executions, until no pagination state. */
  const run = async (flow: string, payload: Record<string, unknown>) => {
    let current: Record<string, unknown> = payload;
    let first: { status?: number; branch?: string } | undefined;
    let items = 0;
    let pages = 0;
    for (let page = 0; page < 100; page += 1) {
      pages += 1;
      const { result } = await invokeTrigger(notificationsTrigger, contextFor(flow), current as never, flows.get(flow)!.params as never);
      const r = result as any;
      keepState(r?.instanceState);
      first ??= { status: r?.response?.statusCode, branch: r?.branch };
      for (const item of resolver.resolveItems(contextFor(flow), r)) {
        executions.push({ flow, branch: r?.branch, data: item });
        items += 1;
      }
      const next = resolver.getNextPaginationState(contextFor(flow), r);
      if (!next) break;
      current = { ...payload, paginationState: next };
    }
    invocations.push({ flow, ...first, items });
    return { ...first, items, pages };
  };

  const server: Server = createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", async () => {
      const flow = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname.slice(1));
      let data: unknown = raw;
      try {
        data = JSON.parse(raw);
      } catch {
        // Prismatic hands over text it cannot parse as it came.
      }
      try {
        const outcome = await run(flow, {
          ...defaultTriggerPayload(),
          rawBody: { data: raw, contentType: req.headers["content-type"] },
          body: { data, contentType: req.headers["content-type"] },
        });
        res.writeHead(outcome.status ?? 200).end();
      } catch (error) {
        invocations.push({ flow, items: 0, error: (error as Error).message });
        res.writeHead(500).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    executions,
    invocations,
    logs,
    instanceState,
    channelOf: (flow: string) => instanceState[`zohoChannel:flow-${flow}`] as any,
    deploy: async (flow: string, params: Record<string, unknown>) => {
      flows.set(flow, { params });
      keepState((await notificationsTrigger.webhookLifecycleHandlers!.create(contextFor(flow), params as never))?.instanceState);
    },
    remove: async (flow: string) => {
      keepState((await notificationsTrigger.webhookLifecycleHandlers!.delete(contextFor(flow), flows.get(flow)!.params as never))?.instanceState);
    },
    /** The flow's schedule fires: no body, as a scheduled run has none. */
    schedule: (flow: string) => run(flow, { ...defaultTriggerPayload(), headers: {}, rawBody: { data: undefined }, body: { data: undefined } }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

export type Platform = Awaited<ReturnType<typeof startPlatform>>;
