/**
 * One builder per kind of step. A step names its fields; the builder makes the spectral inputs
 * (Connection first, Debug Request last), the zod schema (on first use), the error labels and the
 * client, then calls perform with typed, validated input. Nothing is sent before input parses.
 */
import {
  action,
  dataSource,
  pollingTrigger,
  type ActionContext,
  type ActionPerformReturn,
  type Connection,
  type DataSourceResult,
  type DataSourceType,
  type Inputs,
  type TriggerPayload,
} from "@prismatic-io/spectral";
import type { ActionDisplayDefinition } from "@prismatic-io/spectral/dist/types/DisplayDefinition";
import type { DataSourceContext } from "@prismatic-io/spectral/dist/types/DataSourcePerformFunction";
import type { PollingContext } from "@prismatic-io/spectral/dist/types/PollingTriggerDefinition";
import { z } from "zod/v3";
import { booksClientFor, type BooksClient } from "./books/client";
import type { ZohoClient } from "./http/client";
import { clientFor } from "./http/clientFor";
import { labelOf, once, type Field } from "./fields/field";
import { connectionInput, debugRequest } from "./fields/common";
import { parseInputs } from "./fields/parse";

export type Fields = Record<string, Field<any>>;
export type Values<F extends Fields> = { [K in keyof F]: F[K] extends Field<infer T> ? T : never };
type Refine<F extends Fields, Out> = (schema: z.ZodType<Values<F>, z.ZodTypeDef, unknown>) => z.ZodType<Out, z.ZodTypeDef, unknown>;

/** Which client perform gets: CRM (the default), Books in the step's organization, or none. */
export type ClientKind = "crm" | "books" | "none";
type ClientOf<C extends ClientKind> = C extends "books" ? BooksClient : C extends "none" ? undefined : ZohoClient;

type Params = Record<string, unknown> & { connection: Connection; debugRequest?: unknown };
type Logged = Pick<ActionContext, "logger">;

/** The spectral inputs of some fields, in their order. */
export const inputsOf = <F extends Fields>(fields: F): Inputs => Object.fromEntries(Object.entries(fields).map(([key, f]) => [key, f.input])) as Inputs;

/** The zod schema of some fields (and the step's refinement), built once on first call. */
export const schemaOf = <F extends Fields, Out = Values<F>>(fields: F, refine?: Refine<F, Out>): (() => z.ZodType<Out, z.ZodTypeDef, unknown>) =>
  once(() => {
    const shape = Object.fromEntries(Object.entries(fields).map(([key, f]) => [key, f.schema()]));
    const object = z.object(shape) as unknown as z.ZodType<Values<F>, z.ZodTypeDef, unknown>;
    return (refine ? refine(object) : object) as z.ZodType<Out, z.ZodTypeDef, unknown>;
  });

/** Error labels by input key, as builders see them. */
export const labelsOf = (fields: Fields): Record<string, string> => Object.fromEntries(Object.entries(fields).map(([key, f]) => [key, labelOf(f.input)]));

/** A parser for some fields that builds their schema once, on first use. */
const parserOf = <F extends Fields, Out>(fields: F, refine?: Refine<F, Out>) => {
  const schema = schemaOf(fields, refine);
  const labels = once(() => labelsOf(fields));
  return (params: unknown): Out => parseInputs(schema(), params, labels());
};

const parsers = new WeakMap<Fields, Map<unknown, (params: unknown) => unknown>>();

/**
 * Parse params against fields, for steps the builders do not fit (webhook triggers); one InputError
 * names every bad input by its label. The schema is built once per fields and refine (keep refine a
 * constant, not an arrow written in the call).
 */
export const parseFields = <F extends Fields, Out = Values<F>>(fields: F, params: unknown, refine?: Refine<F, Out>): Out => {
  const byRefine = parsers.get(fields) ?? new Map();
  parsers.set(fields, byRefine);
  const parse = byRefine.get(refine) ?? parserOf(fields, refine);
  byRefine.set(refine, parse);
  return parse(params) as Out;
};

const clientOf = async <C extends ClientKind>(kind: C, context: Logged, params: Params, input: unknown): Promise<ClientOf<C>> => {
  if (kind === "none") return undefined as ClientOf<C>;
  if (kind === "books") return (await booksClientFor(context, params, (input as { organizationId?: string }).organizationId)) as ClientOf<C>;
  return clientFor(context, params) as ClientOf<C>;
};

interface StepDefinition<F extends Fields, Out, C extends ClientKind> {
  /** The step's own inputs in the order builders see them (Connection is added first). */
  fields: F;
  /** Checks across inputs, or a transform of the parsed input. */
  refine?: Refine<F, Out>;
  /** Default "crm". */
  client?: C;
}

export interface ActionStep<F extends Fields, Out, C extends ClientKind, R extends ActionPerformReturn<boolean, unknown>> extends StepDefinition<F, Out, C> {
  display: ActionDisplayDefinition;
  /** Debug Request is offered last unless a step sends nothing worth logging. Default true. */
  debug?: boolean;
  perform: (context: ActionContext, input: Out, client: ClientOf<C>) => Promise<R>;
  examplePayload?: R;
  allowsBranching?: boolean;
  staticBranchNames?: string[];
}

export const zohoAction = <F extends Fields, R extends ActionPerformReturn<boolean, unknown>, Out = Values<F>, C extends ClientKind = "crm">(
  step: ActionStep<F, Out, C, R>,
) => {
  const { fields, refine, client = "crm" as C, debug = true, perform, display, ...rest } = step;
  const parse = parserOf(fields, refine);
  return action({
    display,
    ...rest,
    inputs: { connection: connectionInput, ...inputsOf(fields), ...(debug ? { debugRequest: debugRequest.input } : {}) },
    perform: async (context, params) => {
      const input = parse(params);
      return perform(context, input, await clientOf(client, context, params as Params, input));
    },
  } as Parameters<typeof action>[0]);
};

export interface PollingStep<F extends Fields, Out, C extends ClientKind> extends StepDefinition<F, Out, C> {
  display: ActionDisplayDefinition;
  perform: (
    context: PollingContext,
    input: Out,
    client: ClientOf<C>,
    payload: TriggerPayload,
  ) => Promise<{ payload: TriggerPayload; polledNoChanges?: boolean }>;
  examplePayload?: { payload: TriggerPayload };
}

export const zohoPollingTrigger = <F extends Fields, Out = Values<F>, C extends ClientKind = "crm">(step: PollingStep<F, Out, C>) => {
  const { fields, refine, client = "crm" as C, perform, display, examplePayload } = step;
  const parse = parserOf(fields, refine);
  return pollingTrigger({
    display,
    allowsBranching: false,
    inputs: { connection: connectionInput, ...inputsOf(fields) },
    perform: async (context, payload, params) => {
      const input = parse(params);
      return perform(context as unknown as PollingContext, input, await clientOf(client, context, params as unknown as Params, input), payload);
    },
    examplePayload,
  } as Parameters<typeof pollingTrigger>[0]);
};

export interface DataSourceStep<F extends Fields, Out, C extends ClientKind, T extends DataSourceType> extends StepDefinition<F, Out, C> {
  display: ActionDisplayDefinition;
  dataSourceType: T;
  perform: (context: DataSourceContext, input: Out, client: ClientOf<C>) => Promise<DataSourceResult<T>>;
  examplePayload?: DataSourceResult<T>;
}

export const zohoDataSource = <F extends Fields, T extends DataSourceType, Out = Values<F>, C extends ClientKind = "crm">(
  step: DataSourceStep<F, Out, C, T>,
) => {
  const { fields, refine, client = "crm" as C, perform, ...rest } = step;
  const parse = parserOf(fields, refine);
  return dataSource({
    ...rest,
    inputs: { connection: connectionInput, ...inputsOf(fields) },
    perform: async (context, params) => {
      const input = parse(params);
      return perform(context, input, await clientOf(client, context, params as Params, input));
    },
  });
};
