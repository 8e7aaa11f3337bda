/**
 * The platform's side of a webhook trigger, for one flow of one instance: a URL on 127.0.0.1 that
 * runs the trigger's perform on every call with the flow's instance state, answers with the
 * trigger's response, and runs the deploy and delete lifecycle handlers.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { defaultTriggerPayload, invokeTrigger } from "@prismatic-io/spectral/dist/testing";
import type { ActionLogger } from "@prismatic-io/spectral";

export interface Call {
  branch?: string;
  status: number;
  data: any;
}

type WebhookTrigger = {
  perform: (...args: any[]) => Promise<unknown>;
  webhookLifecycleHandlers?: { create: (...args: any[]) => Promise<unknown>; delete: (...args: any[]) => Promise<unknown> };
};

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });

export const startReceiver = async (trigger: WebhookTrigger, { flowName, logger }: { flowName: string; logger: ActionLogger }) => {
  const instanceState: Record<string, unknown> = {};
  const calls: Call[] = [];
  const waiters: Array<() => void> = [];
  let params: Record<string, unknown> = {};
  let url = "";

  const context = () =>
    ({
      logger,
      instanceState,
      flow: { id: `flow-${flowName}`, name: flowName, stableId: flowName },
      webhookUrls: { [flowName]: url },
    }) as never;

  const keepState = (result: any) => {
    if (!result?.instanceState) return;
    // Copied first: perform may hand back the very object it was given.
    const next = { ...result.instanceState };
    for (const key of Object.keys(instanceState)) delete instanceState[key];
    Object.assign(instanceState, next);
  };

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    try {
      const payload = {
        ...defaultTriggerPayload(),
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        queryParameters: Object.fromEntries(new URL(req.url ?? "/", url).searchParams),
        rawBody: { data: raw, contentType: req.headers["content-type"] },
        body: { data: raw, contentType: req.headers["content-type"] },
        webhookUrls: { [flowName]: url },
      };
      const { result } = await invokeTrigger(trigger as never, context(), payload as never, params as never);
      const r = result as any;
      keepState(r);
      const status = r?.response?.statusCode ?? 200;
      calls.push({ branch: r?.branch, status, data: r?.payload?.body?.data });
      res.writeHead(status, { "content-type": r?.response?.contentType ?? "application/json" }).end(r?.response?.body ?? "");
    } catch (error) {
      calls.push({ status: 500, data: { error: (error as Error).message } });
      res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: "the flow failed" }));
    }
    waiters.splice(0).forEach((wake) => wake());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/${encodeURIComponent(flowName)}`;

  return {
    url,
    calls,
    instanceState,
    /** Deploying the instance: the trigger's create handler with the flow's inputs. */
    deploy: async (inputs: Record<string, unknown>) => {
      params = inputs;
      keepState(await trigger.webhookLifecycleHandlers!.create(context(), params));
    },
    /** Deleting the instance: the trigger's delete handler. */
    remove: async () => keepState(await trigger.webhookLifecycleHandlers!.delete(context(), params)),
    /** Resolves once `count` calls have been handled, or after `timeoutMs` with what arrived. */
    waitFor: async (count: number, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while (calls.length < count && Date.now() < deadline) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return calls.length >= count;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
