/**
 * The module and record a CRM URL names (`/crm/v8/{module}/{id}/...`), or the error Zoho answers
 * when either does not exist (`resource_path_index` counts path parts after the version); and a
 * record as lookups and Parent_Id show it.
 */
import type { CrmModule, CrmRecord, SandboxState } from "../../state";
import { CrmFailure } from "../crmFailure";
import { displayFieldOf } from "../metadata/metadataShapes";

export const moduleNamed = (state: SandboxState, apiName: string): CrmModule => {
  const module = state.crm.modules.get(apiName);
  if (!module?.api_supported) {
    throw new CrmFailure("INVALID_MODULE", "the module name given seems to be invalid", { resource_path_index: 0 });
  }
  return module;
};

export const parentRecord = (state: SandboxState, module: CrmModule, id: string): CrmRecord => {
  const record = state.crm.records.get(module.api_name)?.get(id);
  if (!record) throw new CrmFailure("INVALID_DATA", "the related id given seems to be invalid", { resource_path_index: 1 });
  return record;
};

/** The name Zoho shows for a record in lookups and Parent_Id: the value of the module's display field. */
const displayName = (module: CrmModule, record: CrmRecord): string => {
  const display = displayFieldOf(module);
  return String((display && record[display.api_name]) ?? "");
};

/** A record as a lookup value: {name, id}. */
export const lookupTo = (module: CrmModule, record: CrmRecord) => ({ name: displayName(module, record), id: record.id });
