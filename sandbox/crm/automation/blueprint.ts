/**
 * Blueprints: a state machine over one picklist field of a module (Deals' Stage in a fresh org).
 * GET /{module}/{id}/actions/blueprint lists the transitions open from the record's current value, each
 * with the fields it asks for; PUT the same path with {blueprint: [{transition_id, data}]} moves the record
 * when the transition is open now and every field it makes mandatory is given. Shapes follow blueprint.json.
 */
import { ok, recordStatus } from "../../respond";
import { crmSlice, type CrmField, type CrmModule, type CrmRecord, type SandboxState } from "../../state";
import type { Route, SandboxRequest } from "../../types";
import { CrmFailure } from "../crmFailure";
import { crmRoute } from "../crmRoute";
import { fieldBody } from "../metadata/metadataShapes";
import { moduleNamed } from "../records/parents";
import { readEntry } from "../records/recordValues";
import { callerOf, updateRecord } from "../records/writes";

export interface BlueprintTransitionSpec {
  name: string;
  /** Values of the state field the transition starts from. */
  from: string[];
  /** The value it moves the record to. */
  to: string;
  /** Fields the transition asks for; mandatory ones must be given to perform it. */
  fields?: Array<{ api_name: string; mandatory: boolean }>;
}

export interface Blueprint {
  id: string;
  name: string;
  module: string;
  /** API name of the picklist the process runs on. */
  field: string;
  transitions: Array<BlueprintTransitionSpec & { id: string }>;
}

declare module "../../state" {
  interface CrmSlices {
    /** module -> its blueprint */
    blueprints: Map<string, Blueprint>;
  }
}

const blueprints = crmSlice("blueprints", (state) => {
  const map = new Map<string, Blueprint>();
  // A fresh org has one process, so the actions and pick lists have something to show.
  defineBlueprintOn(state, map, "Deals", "Stage", "Deal pipeline", [
    {
      name: "Qualify",
      from: ["Qualification"],
      to: "Needs Analysis",
      fields: [
        { api_name: "Amount", mandatory: true },
        { api_name: "Next_Step", mandatory: false },
      ],
    },
    {
      name: "Send proposal",
      from: ["Needs Analysis", "Value Proposition"],
      to: "Proposal/Price Quote",
      fields: [{ api_name: "Closing_Date", mandatory: true }],
    },
    { name: "Win", from: ["Proposal/Price Quote", "Negotiation/Review"], to: "Closed Won", fields: [] },
    {
      name: "Lose",
      from: ["Qualification", "Needs Analysis", "Value Proposition", "Proposal/Price Quote", "Negotiation/Review"],
      to: "Closed Lost",
      fields: [{ api_name: "Description", mandatory: true }],
    },
  ]);
  return map;
});

const defineBlueprintOn = (
  state: SandboxState,
  map: Map<string, Blueprint>,
  module: string,
  field: string,
  name: string,
  transitions: BlueprintTransitionSpec[],
): Blueprint => {
  const blueprint = { id: state.nextId(), name, module, field, transitions: transitions.map((t) => ({ ...t, id: state.nextId() })) };
  map.set(module, blueprint);
  return blueprint;
};

/** The module's blueprint, if it has one (other endpoint groups ask, e.g. mass update). */
export const blueprintOf = (state: SandboxState, module: string): Blueprint | undefined => blueprints(state).get(module);

/** Puts a module under a blueprint (replacing any it had); tests use it for processes of their own. */
export const defineBlueprint = (state: SandboxState, module: string, field: string, name: string, transitions: BlueprintTransitionSpec[]): Blueprint =>
  defineBlueprintOn(state, blueprints(state), module, field, name, transitions);

/** The blueprint the record runs in, or Zoho's RECORD_NOT_IN_PROCESS when its value is no state of one. */
const processOf = (state: SandboxState, module: CrmModule, record: CrmRecord): Blueprint => {
  const blueprint = blueprints(state).get(module.api_name);
  const value = blueprint && String(record[blueprint.field] ?? "");
  const states = new Set(blueprint?.transitions.flatMap((t) => [...t.from, t.to]));
  if (!blueprint || !states.has(value!)) throw new CrmFailure("RECORD_NOT_IN_PROCESS", "record not in process", {});
  return blueprint;
};

const openTransitions = (blueprint: Blueprint, record: CrmRecord) =>
  blueprint.transitions.filter((t) => t.from.includes(String(record[blueprint.field] ?? "")));

const recordOf = (state: SandboxState, req: SandboxRequest) => {
  const module = moduleNamed(state, req.params.module);
  const record = state.crm.records.get(module.api_name)?.get(req.params.id);
  if (!record) throw new CrmFailure("INVALID_DATA", "invalid data", { api_name: "id", message: "the record id given seems to be invalid" });
  return { module, record };
};

const fieldNamed = (module: CrmModule, apiName: string): CrmField => module.fields.find((f) => f.api_name === apiName)!;

/** A transition's field as blueprint.json describes it: the module's field metadata plus the transition's own rules. */
const transitionField = (state: SandboxState, module: CrmModule, spec: { api_name: string; mandatory: boolean }, index: number) => {
  const field = fieldNamed(module, spec.api_name);
  const layout = module.layouts?.[0];
  return {
    ...fieldBody(state, module, field, module.fields.indexOf(field)),
    crypt: { mode: null, column: null, table: null, status: null },
    layouts: { id: layout?.id ?? null, name: layout?.name ?? null },
    content: null,
    validation_rule: null,
    personality_name: null,
    _type: null,
    formula: { return_type: null, expression: null },
    auto_number: { prefix: null, suffix: null, start_number: null },
    multiselectlookup: { display_label: null, linking_module: null, lookup_apiname: null, api_name: null, connectedlookup_apiname: null, id: null },
    lookup: { display_label: null, api_name: null, module: null, id: null },
    currency: { rounding_option: null, precision: null },
    association_details: { lookup_field: { id: null, name: null }, related_field: { id: null, name: null } },
    unique: {},
    history_tracking: null,
    multi_module_lookup: { display_label: null, api_name: null, modules: [] },
    decimal_place: null,
    quick_sequence_number: index + 1,
    mandatory: spec.mandatory,
    transition_sequence: index + 1,
  };
};

const COLORS = ["#4CAF50", "#2196F3", "#FF9800", "#F44336"];

const blueprintView = (state: SandboxState, module: CrmModule, record: CrmRecord) => {
  const blueprint = processOf(state, module, record);
  const field = fieldNamed(module, blueprint.field);
  const value = String(record[blueprint.field]);
  const open = openTransitions(blueprint, record);
  return {
    blueprint: {
      process_info: {
        id: blueprint.id,
        name: blueprint.name,
        field_id: field.id ?? "0",
        api_name: field.api_name,
        field_label: field.field_label,
        field_name: field.api_name,
        column_name: field.api_name.toUpperCase(),
        field_value: value,
        is_continuous: false,
        continuous: false,
      },
      transitions: open.map((t, i) => ({
        id: t.id,
        name: t.name,
        next_field_value: t.to,
        criteria_matched: true,
        criteria_message: null,
        percent_partial_save: null,
        color_code: COLORS[i % COLORS.length],
        text_color_code: "#FFFFFF",
        type: "transition",
        data: { id: record.id },
        // What may follow once this one is done.
        next_transitions: blueprint.transitions
          .filter((n) => n.from.includes(t.to))
          .map((n) => ({ id: n.id, name: n.name, criteria_matched: true, type: "transition" })),
        fields: (t.fields ?? []).map((f, index) => transitionField(state, module, f, index)),
      })),
    },
  };
};

const perform = (state: SandboxState, req: SandboxRequest) => {
  const { module, record } = recordOf(state, req);
  const entries = (req.json as { blueprint?: unknown } | undefined)?.blueprint;
  if (!Array.isArray(entries) || entries.length !== 1) {
    throw new CrmFailure("INVALID_DATA", "invalid data", { api_name: "blueprint", message: "give exactly one transition" });
  }
  const entry = (entries[0] ?? {}) as { transition_id?: unknown; data?: unknown };
  const blueprint = processOf(state, module, record);
  const transition = openTransitions(blueprint, record).find((t) => t.id === String(entry.transition_id));
  if (!transition) throw new CrmFailure("INVALID_DATA", "invalid transition", { api_name: "transition_id" });
  const given = (entry.data && typeof entry.data === "object" ? entry.data : {}) as Record<string, unknown>;
  const missing = (transition.fields ?? []).find(
    (f) => f.mandatory && (given[f.api_name] === undefined || given[f.api_name] === null || given[f.api_name] === ""),
  );
  if (missing) throw new CrmFailure("INVALID_DATA", "invalid data", { api_name: missing.api_name, message: "this transition requires the field" });
  // Only the transition's own fields are written, typed like any record update; the state field moves last.
  const allowed = new Set((transition.fields ?? []).map((f) => f.api_name));
  const values = readEntry({ state, module, index: 0 }, Object.fromEntries(Object.entries(given).filter(([k]) => allowed.has(k))), "update");
  updateRecord(state, module.api_name, record, { ...values, [blueprint.field]: transition.to }, callerOf(state, req));
  return ok(recordStatus(true, "SUCCESS", "transition updated successfully", {}));
};

const SCOPES = ["ZohoCRM.modules.{module}.ALL", "ZohoCRM.modules.{module}.UPDATE"];

export const routes: Route[] = [
  crmRoute("GET", "/crm/v8/:module/:id/actions/blueprint", { scopes: ["ZohoCRM.modules.{module}.READ"] }, (req, ctx) => {
    const { module, record } = recordOf(ctx.state, req);
    return ok(blueprintView(ctx.state, module, record));
  }),
  crmRoute("PUT", "/crm/v8/:module/:id/actions/blueprint", { scopes: SCOPES, write: true }, (req, ctx) => perform(ctx.state, req)),
];
