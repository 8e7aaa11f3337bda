/** Calling the component as the platform does, through spectral's harness, with one connection and logger. */
import type { ActionLogger } from "@prismatic-io/spectral";
import { type createConnection, defaultTriggerPayload, invoke, invokeDataSource, invokeTrigger } from "@prismatic-io/spectral/dist/testing";

export type ConnectionValue = ReturnType<typeof createConnection>;

export type PollState = Record<string, unknown>;

export interface Harness {
  connection: ConnectionValue;
  logger: ActionLogger;
  /** An action's result ({ data, ... }). */
  action(definition: { perform: unknown }, params: Record<string, unknown>): Promise<any>;
  /** A data source's result ({ result }). */
  dataSource(definition: { perform: unknown }, params: Record<string, unknown>): Promise<any>;
  /** One run of a polling trigger, keeping its state as the platform does between runs. */
  poll(definition: { perform: unknown }, params: Record<string, unknown>, state: { current: PollState }): Promise<{ records: any[]; polledNoChanges: boolean }>;
}

export const harness = (connection: ConnectionValue, logger: ActionLogger): Harness => ({
  connection,
  logger,
  action: async (definition, params) => (await invoke(definition as never, { connection, ...params } as never, { logger } as never)).result,
  dataSource: (definition, params) => invokeDataSource(definition as never, { connection, ...params } as never, { logger } as never),
  poll: async (definition, params, state) => {
    const polling = {
      getState: () => state.current,
      setState: (next: PollState) => void (state.current = next),
      invokeAction: async () => ({ data: null }),
    };
    const { result } = await invokeTrigger(definition as never, { logger, polling } as never, defaultTriggerPayload(), { connection, ...params } as never);
    const r = result as any;
    return { records: r?.payload?.body?.data ?? [], polledNoChanges: Boolean(r?.polledNoChanges) };
  },
});
