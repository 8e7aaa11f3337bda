/**
 * A walk over the component as the platform receives it (src/index.ts's default export, spectral's
 * converted form): every action, trigger and data source documents itself, every input says what to
 * enter, keys and labels do not clash, and every `dataSource:` names a data source that exists,
 * returns the kind of value the input holds and can be fed from the step's own inputs.
 */
import booksActions from "../actions/books";
import crmActions from "../actions/crm";
import component from "../src/index";

interface Input {
  key: string;
  label?: string;
  comments?: string;
  type: string;
  collection?: string;
  required?: boolean;
  example?: string;
  default?: unknown;
  model?: unknown[];
  dataSource?: string;
}
interface Step {
  key: string;
  display: { label?: string; description?: string };
  inputs: Input[];
  examplePayload?: unknown;
  dataSourceType?: string;
}

const converted = component as unknown as { actions: Record<string, Step>; triggers: Record<string, Step>; dataSources: Record<string, Step> };
const groups = { action: converted.actions, trigger: converted.triggers, dataSource: converted.dataSources };
const steps = Object.entries(groups).flatMap(([kind, byKey]) => Object.values(byKey).map((step) => ({ kind, step })));
const name = (kind: string, step: Step) => `${kind} ${step.key}`;

/** Fails listing every problem at once, so one run shows the whole list to fix. */
const expectNone = (problems: string[]) => expect(problems).toEqual([]);

const blank = (value: unknown) =>
  value === undefined || value === null || (typeof value === "string" && value.trim() === "") || (Array.isArray(value) && value.length === 0);

/** Inputs that a builder does not type a sample value into: connections, switches, files, pick lists. */
const needsExample = (input: Input) => !["connection", "boolean", "data"].includes(input.type) && !input.model?.length;

it("has actions, triggers and data sources to walk", () => {
  expect(Object.keys(converted.actions).length).toBeGreaterThan(40);
  expect(Object.keys(converted.triggers).length).toBeGreaterThan(3);
  expect(Object.keys(converted.dataSources)).toEqual(
    expect.arrayContaining([
      "selectCrmModule",
      "selectCrmFields",
      "selectCrmLayout",
      "selectCrmRecord",
      "selectCrmUser",
      "selectNotificationChannel",
      "selectBooksOrganization",
      "selectBooksRecordType",
      "selectBooksRecord",
      "crmRecordFieldsForm",
    ]),
  );
});

it("every action, trigger and data source has a label, a description and an example payload", () => {
  expectNone(
    steps.flatMap(({ kind, step }) => [
      ...(blank(step.display?.label) ? [`${name(kind, step)}: no display.label`] : []),
      ...(blank(step.display?.description) ? [`${name(kind, step)}: no display.description`] : []),
      ...(step.examplePayload === undefined ? [`${name(kind, step)}: no examplePayload`] : []),
      ...(kind === "dataSource" && blank(step.dataSourceType) ? [`${name(kind, step)}: no dataSourceType`] : []),
    ]),
  );
});

it("every input has a label and comments", () => {
  expectNone(
    steps.flatMap(({ kind, step }) =>
      step.inputs.flatMap((input) => [
        ...(blank(input.label) ? [`${name(kind, step)}.${input.key}: no label`] : []),
        ...(blank(input.comments) ? [`${name(kind, step)}.${input.key}: no comments`] : []),
      ]),
    ),
  );
});

it("every typed-in input has an example or a default", () => {
  expectNone(
    steps.flatMap(({ kind, step }) =>
      step.inputs
        .filter(needsExample)
        .flatMap((input) => (blank(input.example) && blank(input.default) ? [`${name(kind, step)}.${input.key}: no example or default`] : [])),
    ),
  );
});

it("a pick list's example and default are among its choices", () => {
  expectNone(
    steps.flatMap(({ kind, step }) =>
      step.inputs
        .filter((input) => input.model?.length)
        .flatMap((input) => {
          const values = new Set((input.model as Array<{ value: string }>).map((choice) => choice.value));
          const given = [input.example, ...(Array.isArray(input.default) ? input.default : [input.default])].filter(
            (v): v is string => typeof v === "string" && v !== "",
          );
          return given.filter((v) => !values.has(v)).map((v) => `${name(kind, step)}.${input.key}: "${v}" is not one of its choices`);
        }),
    ),
  );
});

it("action keys do not clash between CRM and Books, and labels are unique within each kind", () => {
  const clashes = Object.keys(crmActions).filter((key) => key in booksActions);
  expect(clashes).toEqual([]);
  expect(Object.keys(converted.actions)).toHaveLength(Object.keys(crmActions).length + Object.keys(booksActions).length);
  expectNone(
    Object.entries(groups).flatMap(([kind, byKey]) => {
      const seen = new Map<string, string>();
      return Object.values(byKey).flatMap((step) => {
        const label = String(step.display.label).trim().toLowerCase();
        const first = seen.get(label);
        seen.set(label, first ?? step.key);
        return first ? [`${kind} ${step.key}: label "${step.display.label}" is also ${first}'s`] : [];
      });
    }),
  );
  // Within a step, two inputs the builder cannot tell apart.
  expectNone(
    steps.flatMap(({ kind, step }) => {
      const labels = step.inputs.map((input) => String(input.label).toLowerCase());
      return labels.filter((label, i) => labels.indexOf(label) !== i).map((label) => `${name(kind, step)}: two inputs labelled "${label}"`);
    }),
  );
});

/** The input types a data source's result can fill. */
const FILLS: Record<string, string[]> = { picklist: ["string"], jsonForm: ["jsonForm"] };

it("every dataSource names a registered data source whose result fits the input and whose inputs the step has", () => {
  expectNone(
    steps.flatMap(({ kind, step }) =>
      step.inputs
        .filter((input) => input.dataSource)
        .flatMap((input) => {
          const where = `${name(kind, step)}.${input.key}`;
          const source = converted.dataSources[input.dataSource!];
          if (!source) return [`${where}: dataSource "${input.dataSource}" is not a registered data source`];
          const problems: string[] = [];
          const fits = FILLS[source.dataSourceType ?? ""] ?? [];
          if (!fits.includes(input.type)) problems.push(`${where}: a ${input.type} input cannot take ${input.dataSource}'s ${source.dataSourceType} result`);
          const own = new Set(step.inputs.map((i) => i.key));
          for (const needed of source.inputs.filter((i) => i.required)) {
            if (!own.has(needed.key)) problems.push(`${where}: ${input.dataSource} needs input "${needed.key}", which ${step.key} does not have`);
          }
          return problems;
        }),
    ),
  );
});

it("data source inputs name no data source of their own that would loop back", () => {
  expectNone(
    Object.values(converted.dataSources).flatMap((source) =>
      source.inputs.filter((input) => input.dataSource === source.key).map((input) => `dataSource ${source.key}.${input.key}: names itself`),
    ),
  );
});
