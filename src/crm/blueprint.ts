/**
 * Blueprints: what can happen to a record now (GET /{module}/{id}/actions/blueprint) and moving it along
 * one transition (PUT the same path). Performing checks the transition against the record's current ones
 * first, so a stale or mistyped transition, or a missing required field, is named before anything changes.
 */
import type { ZohoClient } from "../http/client";
import { InputError, ZohoError } from "../http/errors";

export interface TransitionField {
  api_name: string;
  label: string;
  data_type: string;
  mandatory: boolean;
}

export interface Transition {
  id: string;
  name: string;
  /** The value of the process's field once the transition is done. */
  nextValue: string | null;
  criteriaMatched: boolean;
  fields: TransitionField[];
  requiredFields: string[];
}

export interface BlueprintState {
  /** False when the record runs in no blueprint (its value is no state of a process). */
  inProcess: boolean;
  process: { id: string; name: string; field: string; currentValue: string | null } | null;
  transitions: Transition[];
}

export const getBlueprint = async (client: ZohoClient, module: string, recordId: string): Promise<BlueprintState> => {
  // Not being in a process is an answer to "what can happen now", not a failure.
  const notInProcess = (error: unknown) => error instanceof ZohoError && error.details.code === "RECORD_NOT_IN_PROCESS";
  const response = await client.request({ api: "crm", path: `/${module}/${recordId}/actions/blueprint` }).catch((error) => {
    if (notInProcess(error)) return undefined;
    throw error;
  });
  if (!response) return { inProcess: false, process: null, transitions: [] };
  const blueprint = response.data?.blueprint ?? {};
  const info = blueprint.process_info ?? {};
  const transitions: Transition[] = (blueprint.transitions ?? []).map((t: Record<string, any>) => {
    const fields: TransitionField[] = (t.fields ?? []).map((f: Record<string, any>) => ({
      api_name: String(f.api_name),
      label: String(f.field_label ?? f.display_label ?? f.api_name),
      data_type: String(f.data_type ?? ""),
      mandatory: f.mandatory === true,
    }));
    return {
      id: String(t.id),
      name: String(t.name ?? ""),
      nextValue: t.next_field_value ?? null,
      criteriaMatched: t.criteria_matched !== false,
      fields,
      requiredFields: fields.filter((f) => f.mandatory).map((f) => f.api_name),
    };
  });
  return {
    inProcess: true,
    process: { id: String(info.id ?? ""), name: String(info.name ?? ""), field: String(info.api_name ?? ""), currentValue: info.field_value ?? null },
    transitions,
  };
};

export interface PerformLabels {
  transition: string;
  values: string;
}

const blank = (v: unknown) => v === undefined || v === null || v === "";

/** Performs a transition open now, with its fields; returns the record's blueprint state afterwards. */
export const performTransition = async (
  client: ZohoClient,
  module: string,
  recordId: string,
  transitionId: string,
  values: Record<string, unknown>,
  labels: PerformLabels,
): Promise<{ transition: Transition; after: BlueprintState }> => {
  const before = await getBlueprint(client, module, recordId);
  if (!before.inProcess) throw new InputError(`"${labels.transition}": ${module} record ${recordId} runs in no blueprint, so it has no transitions.`);
  const transition = before.transitions.find((t) => t.id === transitionId || t.name === transitionId);
  if (!transition) {
    const open = before.transitions.map((t) => `${t.name} (${t.id})`).join(", ") || "none";
    throw new InputError(`"${labels.transition}": ${transitionId} is not a transition this record can take now; open transitions: ${open}.`);
  }
  const missing = transition.requiredFields.filter((name) => blank(values[name]));
  if (missing.length > 0) {
    throw new InputError(
      `"${labels.values}": the transition ${transition.name} requires ${missing.join(", ")}; give ${missing.length > 1 ? "them" : "it"} a value.`,
    );
  }
  const response = await client.request({
    api: "crm",
    method: "PUT",
    path: `/${module}/${recordId}/actions/blueprint`,
    data: { blueprint: [{ transition_id: transition.id, data: values }] },
  });
  if (response.data?.status !== "success") {
    throw new ZohoError(
      `Zoho did not perform the transition ${transition.name}: ${response.data?.code ?? "no answer"} ${response.data?.message ?? ""}.`.trim(),
      {
        code: response.data?.code,
        zohoDetails: response.data?.details,
      },
    );
  }
  return { transition, after: await getBlueprint(client, module, recordId) };
};
