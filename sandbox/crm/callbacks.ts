/**
 * Outbound calls Zoho makes on its own: watch-channel notifications, bulk-job callbacks and Books
 * webhooks. Each is a JSON POST (a Books webhook may use PUT or DELETE) with a short timeout (`state.crm.deliveryTimeoutMs`, default 2 s), sent without keep-alive
 * so a stopped sandbox leaves no socket open, and recorded in `state.crm.deliveries` whatever its
 * outcome, so tests can assert on what was sent.
 */
import http from "node:http";
import https from "node:https";
import { crmSlice, type SandboxState } from "../state";

export interface Delivery {
  /** Sandbox-clock epoch ms when the call was made. */
  at: number;
  kind: "notification" | "bulk_callback" | "books_webhook";
  /** Watch channel id, the bulk job id, or the Books webhook id. */
  source: string;
  url: string;
  body: Record<string, unknown>;
  /** Books webhooks choose their method (default POST) and add headers (their signature among them). */
  method?: "POST" | "PUT" | "DELETE";
  headers?: Record<string, string>;
  /** HTTP status the receiver answered; undefined when the call failed. */
  status?: number;
  /** Why the call failed (refused, timed out, ...). */
  error?: string;
}

interface Outbox {
  pending: Set<Promise<void>>;
  inFlight: Set<http.ClientRequest>;
}

declare module "../state" {
  interface CrmSlices {
    /** Every delivery so far, oldest first (tests read it as state.crm.deliveries). */
    deliveries: Delivery[];
    outbox: Outbox;
  }
  interface CrmSettings {
    /** How long a delivery waits for the receiver's answer (default 2 s). */
    deliveryTimeoutMs: number;
  }
}

const DEFAULT_TIMEOUT_MS = 2000;

/** Cleanups the server runs on stop(); every group that opens sockets or timers registers here. */
export const onStop = (state: SandboxState): Array<() => void> => state.onStop;

// Delivery records and the calls in flight are live: a composite rollback does not undo a call made.
const outbox = crmSlice(
  "outbox",
  (state) => {
    const box: Outbox = { pending: new Set(), inFlight: new Set() };
    onStop(state).push(() => box.inFlight.forEach((request) => request.destroy(new Error("sandbox stopped"))));
    return box;
  },
  { live: true },
);

/** Every delivery so far, in the order they were made. */
export const deliveriesOf = crmSlice("deliveries", (): Delivery[] => [], { live: true });

/** Starts the POST and returns at once; a receiver that fails or hangs never affects the sandbox. */
export const postCallback = (state: SandboxState, delivery: Pick<Delivery, "kind" | "source" | "url" | "body" | "method" | "headers">): void => {
  const box = outbox(state);
  const record: Delivery = { ...delivery, at: state.clock.now() };
  deliveriesOf(state).push(record);
  const timeoutMs = state.crm.deliveryTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const done = send(record, JSON.stringify(record.body), timeoutMs, box.inFlight).then(
    (status) => void (record.status = status),
    (error: Error) => void (record.error = error.message),
  );
  box.pending.add(done);
  void done.finally(() => box.pending.delete(done));
};

/** Resolves once every call started so far (and any started meanwhile) has settled. */
export const flushDeliveries = async (state: SandboxState): Promise<void> => {
  const { pending } = outbox(state);
  while (pending.size > 0) await Promise.allSettled([...pending]);
};

const send = ({ url, method = "POST", headers = {} }: Delivery, body: string, timeoutMs: number, inFlight: Set<http.ClientRequest>): Promise<number> =>
  new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      reject(new Error(`invalid URL ${url}`));
      return;
    }
    const client = target.protocol === "https:" ? https : http;
    const request = client.request(target, {
      method,
      agent: false,
      timeout: timeoutMs,
      headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body), connection: "close" },
    });
    inFlight.add(request);
    request.on("response", (response) => {
      resolve(response.statusCode ?? 0);
      response.resume();
    });
    request.on("timeout", () => request.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    request.on("error", reject);
    request.on("close", () => {
      inFlight.delete(request);
      reject(new Error("connection closed before an answer"));
    });
    request.end(body);
  });
