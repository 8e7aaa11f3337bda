/**
 * Turns every stored record write into the callbacks Zoho would POST to the live channels watching
 * it: one callback per write and channel, carrying all the ids of that write. A record written on a
 * parent (a note's Parent_Id) is a related action: channels with notify_on_related_action hear of
 * it as an edit of the parent.
 */
import { crmSlice, type SandboxState, type WriteEvent } from "../../state";
import { deliveriesOf, flushDeliveries, onStop, postCallback, type Delivery } from "../callbacks";
import { liveChannels, resourceUri, selectionMatches, watches, type Channel, type WatchOperation } from "./watchChannels";

const WATCHED_AS: Record<WriteEvent["operation"], WatchOperation> = { insert: "create", update: "edit", delete: "delete" };

/** Fields Zoho sets itself, left out of an insert's affected values. */
const SYSTEM_FIELDS = new Set(["id", "Created_Time", "Modified_Time", "Created_By", "Modified_By"]);

interface Change {
  id: string;
  /** Fields the write set; undefined when the writer did not say. */
  fields?: string[];
}

const listening = new WeakSet<SandboxState>();

/** Subscribes the state's channels to its record writes, once; the server's stop() unsubscribes. */
export const startDelivery = (state: SandboxState): void => {
  if (listening.has(state)) return;
  listening.add(state);
  const listener = (event: WriteEvent) => {
    try {
      notifyChannels(state, event);
    } catch {
      // A callback that cannot be built must not fail the write that triggered it.
    }
  };
  state.events.on("write", listener);
  onStop(state).push(() => {
    state.events.off("write", listener);
    listening.delete(state);
  });
};

const notifyChannels = (state: SandboxState, event: WriteEvent): void => {
  const changes: Change[] = event.ids.map((id, i) => ({ id, fields: event.affectedFields?.[i] }));
  const parents = parentsOf(state, event);
  for (const channel of liveChannels(state)) {
    if (watches(channel, event.module, WATCHED_AS[event.operation])) {
      const selection = event.operation === "update" ? channel.conditions.get(event.module) : undefined;
      const notified = selection ? changes.filter((change) => !change.fields || selectionMatches(selection, new Set(change.fields))) : changes;
      if (notified.length > 0) send(state, channel, event.module, event.operation, notified);
    }
    if (!channel.notifyOnRelatedAction) continue;
    for (const [module, ids] of parents) {
      if (watches(channel, module, "edit"))
        send(
          state,
          channel,
          module,
          "update",
          ids.map((id) => ({ id, fields: [] })),
        );
    }
  }
};

/** Parent records (module → ids) of the records an insert or update wrote; a deleted child no longer says. */
const parentsOf = (state: SandboxState, event: WriteEvent): Map<string, string[]> => {
  const parents = new Map<string, string[]>();
  if (event.operation === "delete") return parents;
  for (const id of event.ids) {
    const parent = state.crm.records.get(event.module)?.get(id)?.Parent_Id as ParentLink | undefined;
    const module = parent?.module?.api_name;
    if (!module || typeof parent?.id !== "string") continue;
    const ids = parents.get(module) ?? [];
    if (!ids.includes(parent.id)) ids.push(parent.id);
    parents.set(module, ids);
  }
  return parents;
};

type ParentLink = { id?: unknown; module?: { api_name?: string } };

/**
 * How the sandbox delivers, for tests of receivers: Zoho may post a callback late (`delayMs`, real
 * milliseconds; the body keeps the server_time of the change) or more than once (`repeat` extra
 * copies of each, `repeatGapMs` apart, as after a timeout on Zoho's side). Default: once, at once.
 */
export interface DeliveryBehaviour {
  delayMs?: number;
  repeat?: number;
  /** Real milliseconds between copies (default 250): Zoho resends after the first try, not alongside it. */
  repeatGapMs?: number;
  /** Keep callbacks queued until releaseDeliveries(): a delay of exactly the length a test needs. */
  hold?: boolean;
}

interface Held {
  timers: Set<NodeJS.Timeout>;
  waiting: Set<Promise<void>>;
  queued: Array<() => void>;
}

declare module "../../state" {
  interface CrmSlices {
    watchHeld: Held;
  }
  interface CrmSettings {
    watchDeliveryBehaviour: DeliveryBehaviour;
  }
}

const behaviourOf = (state: SandboxState): DeliveryBehaviour => state.crm.watchDeliveryBehaviour ?? {};

export const setDeliveryBehaviour = (state: SandboxState, behaviour: DeliveryBehaviour): void => {
  state.crm.watchDeliveryBehaviour = { ...behaviour };
};

// Held deliveries are timers and queued sends: live, a rollback does not copy them.
const heldOf = crmSlice(
  "watchHeld",
  (state): Held => {
    const held: Held = { timers: new Set(), waiting: new Set(), queued: [] };
    onStop(state).push(() => held.timers.forEach((timer) => clearTimeout(timer)));
    return held;
  },
  { live: true },
);

const later = (state: SandboxState, ms: number, post: () => void) => {
  const held = heldOf(state);
  const waiting = new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      held.timers.delete(timer);
      post();
      resolve();
    }, ms);
    held.timers.add(timer);
  });
  held.waiting.add(waiting);
  void waiting.finally(() => held.waiting.delete(waiting));
};

/** Posts every callback held since `hold` was set, in order; they keep their server_time. */
export const releaseDeliveries = (state: SandboxState): void =>
  heldOf(state)
    .queued.splice(0)
    .forEach((post) => post());

/** Resolves once every callback held back by a delay has been posted and answered (held ones stay held). */
export const flushWatchDeliveries = async (state: SandboxState): Promise<void> => {
  const held = heldOf(state);
  while (held.waiting.size > 0) await Promise.allSettled([...held.waiting]);
  await flushDeliveries(state);
};

/** Posts a callback Zoho already sent once again, unchanged (a retry Zoho makes on its own). */
export const redeliver = (state: SandboxState, delivery: Delivery): void =>
  postCallback(state, { kind: delivery.kind, source: delivery.source, url: delivery.url, body: delivery.body });

/** Every watch-channel callback sent so far, in order. */
export const notificationDeliveries = (state: SandboxState): Delivery[] => deliveriesOf(state).filter((d) => d.kind === "notification");

const send = (state: SandboxState, channel: Channel, module: string, operation: WriteEvent["operation"], notified: Change[]) => {
  const delivery = {
    kind: "notification" as const,
    source: channel.channelId,
    url: channel.notifyUrl,
    body: callbackBody(state, channel, module, operation, notified),
  };
  const { delayMs = 0, repeat = 0, repeatGapMs = 250, hold = false } = behaviourOf(state);
  if (hold) {
    heldOf(state).queued.push(() => postCallback(state, delivery));
    return;
  }
  for (let copy = 0; copy <= repeat; copy += 1) {
    const wait = delayMs + copy * repeatGapMs;
    if (wait > 0) later(state, wait, () => postCallback(state, delivery));
    else postCallback(state, delivery);
  }
};

const callbackBody = (state: SandboxState, channel: Channel, module: string, operation: WriteEvent["operation"], notified: Change[]) => {
  const withValues = channel.returnAffectedFieldValues;
  const body: Record<string, unknown> = {
    server_time: state.clock.now(),
    query_params: Object.fromEntries(new URL(channel.notifyUrl).searchParams),
    module,
    resource_uri: resourceUri(channel.dc, module),
    ids: notified.map((change) => change.id),
    affected_fields: withValues && operation === "update" ? notified.map((change) => ({ [change.id]: change.fields ?? [] })) : [],
    operation,
    channel_id: channel.channelId,
  };
  if (channel.token !== null) body.token = channel.token;
  if (withValues && operation !== "delete") {
    body.affected_values = notified.map((change) => ({ record_id: change.id, values: affectedValues(state, module, change) }));
  }
  return body;
};

/** The values the write left in the record, for the fields it set. */
const affectedValues = (state: SandboxState, module: string, change: Change): Record<string, unknown> => {
  const record = state.crm.records.get(module)?.get(change.id);
  if (!record) return {};
  const fields = change.fields ?? Object.keys(record).filter((field) => !SYSTEM_FIELDS.has(field));
  return Object.fromEntries(fields.filter((field) => field in record).map((field) => [field, record[field]]));
};
