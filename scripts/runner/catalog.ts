/**
 * The component's actions, triggers and data sources by key, as the platform lists them, and the
 * step inputs a command line turns into: defaults filled in as the platform fills them, lists and
 * key/value lists in the platform's shapes.
 */
import { readFileSync } from "node:fs";
import crmActions from "../../actions/crm";
import booksActions from "../../actions/books";
import triggers from "../../triggers";
import dataSources from "../../dataSources";
import { UsageError, type RawInput } from "./args";

export type Kind = "action" | "trigger" | "data source";

export interface InputDefinition {
  label: string | { value: string };
  type: string;
  required?: boolean;
  default?: unknown;
  collection?: "valuelist" | "keyvaluelist";
}

export interface Entry {
  key: string;
  kind: Kind;
  label: string;
  inputs: Record<string, InputDefinition>;
  definition: any;
}

const entriesOf = (kind: Kind, definitions: Record<string, any>): Entry[] =>
  Object.entries(definitions).map(([key, definition]) => ({
    key,
    kind,
    label: definition.display.label,
    inputs: definition.inputs ?? {},
    definition,
  }));

export const catalog = (): Entry[] => [
  ...entriesOf("action", { ...crmActions, ...booksActions }),
  ...entriesOf("trigger", triggers),
  ...entriesOf("data source", dataSources),
];

const labelOf = (input: InputDefinition) => (typeof input.label === "string" ? input.label : input.label.value);

/** The platform fills connection inputs from the instance's connection; the command line never does. */
const isConnection = (input: InputDefinition) => input.type === "connection";

const hasDefault = (input: InputDefinition) =>
  input.default !== undefined && input.default !== "" && !(Array.isArray(input.default) && input.default.length === 0);

const isRequired = (input: InputDefinition) => Boolean(input.required) && !hasDefault(input) && !isConnection(input);

export const isPollingTrigger = (entry: Entry) => entry.kind === "trigger" && entry.definition.triggerType === "polling";

/** Keys that look like `key` (case, a prefix), to suggest when it is unknown. */
const lookalikes = (key: string, candidates: string[]): string[] => {
  const lower = key.toLowerCase();
  return candidates.filter((c) => c.toLowerCase() === lower || c.toLowerCase().includes(lower) || lower.includes(c.toLowerCase())).slice(0, 5);
};

export const findEntry = (key: string): Entry => {
  const entries = catalog();
  const found = entries.find((entry) => entry.key === key);
  if (found) return found;
  const similar = lookalikes(
    key,
    entries.map((entry) => entry.key),
  );
  throw new UsageError(
    `unknown action, trigger or data source "${key}"${similar.length ? ` (did you mean ${similar.join(", ")}?)` : ""}: npm start -- list shows every key`,
  );
};

export const formatList = (entries: Entry[] = catalog()): string => {
  const sections: Array<[Kind, string]> = [
    ["action", "Actions"],
    ["trigger", "Triggers"],
    ["data source", "Data sources"],
  ];
  const lines = ["Input keys marked * are required; connection is supplied by the runner.", ""];
  for (const [kind, title] of sections) {
    const ofKind = entries.filter((entry) => entry.kind === kind);
    lines.push(`${title} (${ofKind.length})`);
    const width = Math.max(...ofKind.map((entry) => entry.key.length));
    for (const entry of ofKind) {
      const inputs = Object.entries(entry.inputs)
        .filter(([, input]) => !isConnection(input))
        .map(([name, input]) => `${name}${isRequired(input) ? "*" : ""}`);
      const note = kind === "trigger" && !isPollingTrigger(entry) ? " [webhook: runs in the demo]" : "";
      lines.push(`  ${entry.key.padEnd(width)}  ${entry.label}${note}`);
      lines.push(`  ${" ".repeat(width)}    ${inputs.length ? inputs.join(" ") : "(no inputs)"}`);
    }
    lines.push("");
  }
  return lines.join("\n").trimEnd();
};

const readInputFile = (input: RawInput, definition: InputDefinition): unknown => {
  try {
    return definition.type === "data" ? readFileSync(input.value) : readFileSync(input.value, "utf8");
  } catch (error) {
    throw new UsageError(`--input ${input.name}=@${input.value}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
};

const inputValue = (input: RawInput, definition: InputDefinition): unknown => {
  if (input.form === "file") return readInputFile(input, definition);
  if (input.form === "json") {
    try {
      return JSON.parse(input.value);
    } catch (error) {
      throw new UsageError(`--input ${input.name}:=… is not valid JSON (${(error as Error).message})`);
    }
  }
  if (definition.collection === "keyvaluelist") {
    const at = input.value.indexOf("=");
    if (at <= 0) throw new UsageError(`--input ${input.name}=${input.value}: ${input.name} is a key/value list, give ${input.name}=key=value`);
    return { key: input.value.slice(0, at), value: input.value.slice(at + 1) };
  }
  return input.value;
};

/** Reads `--json file`: one JSON object of inputs. */
export const readJsonInputs = (file: string): Record<string, unknown> => {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`--json ${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--json ${file} is not valid JSON (${(error as Error).message})`);
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new UsageError(`--json ${file} must hold a JSON object of inputs, e.g. {"recordType": "Leads"}`);
  }
  return parsed as Record<string, unknown>;
};

/**
 * The step's inputs (without the connection) from `--json` values and `--input`s: unknown names and
 * missing required inputs are usage errors; inputs left out get their defaults, as on the platform.
 */
export const buildParams = (entry: Entry, raw: RawInput[], fromJson: Record<string, unknown> = {}): Record<string, unknown> => {
  const known = Object.keys(entry.inputs).filter((name) => !isConnection(entry.inputs[name]));
  const unknown = [...Object.keys(fromJson), ...raw.map((input) => input.name)].find((name) => !known.includes(name));
  if (unknown !== undefined) {
    const hint = isConnection(entry.inputs[unknown] ?? { type: "" })
      ? "the runner supplies the connection"
      : `${entry.key} takes ${known.join(", ") || "no inputs"}`;
    throw new UsageError(`unknown input "${unknown}": ${hint}`);
  }
  const params: Record<string, unknown> = { ...fromJson };
  const repeated = new Set<string>();
  for (const input of raw) {
    const definition = entry.inputs[input.name];
    const value = inputValue(input, definition);
    if (definition.collection) {
      const list = repeated.has(input.name) && Array.isArray(params[input.name]) ? (params[input.name] as unknown[]) : [];
      params[input.name] = input.form === "json" && Array.isArray(value) ? [...list, ...value] : [...list, value];
      repeated.add(input.name);
    } else if (repeated.has(input.name)) {
      throw new UsageError(`--input ${input.name} is given twice and is not a list input`);
    } else {
      params[input.name] = value;
      repeated.add(input.name);
    }
  }
  const missing = known.filter((name) => isRequired(entry.inputs[name]) && (params[name] === undefined || params[name] === ""));
  if (missing.length > 0) {
    const names = missing.map((name) => `${name} (${labelOf(entry.inputs[name])})`).join(", ");
    throw new UsageError(`${entry.key} needs ${missing.length === 1 ? "the required input" : "the required inputs"} ${names}: add --input ${missing[0]}=…`);
  }
  for (const name of known) {
    if (params[name] === undefined && entry.inputs[name].default !== undefined) params[name] = entry.inputs[name].default;
  }
  return params;
};
