/**
 * Deleted records: `GET /crm/v8/{module}/deleted` lists what was deleted from a module, newest first,
 * with `type` (all, the default; recycle: still in the Recycle Bin; permanent: purged), `page` and
 * `per_page` (at most 200) and the If-Modified-Since header (deleted at or after that instant).
 * Shapes follow record.json (Deleted_Records_Wrapper); an empty list answers 204 as other lists do.
 *
 * Zoho keeps the name a deleted record had, so the bin is filled as records are deleted: a tracker on
 * the org's write events remembers each record's name and creator while it exists.
 */
import { noContent, ok, zohoTime } from "../../respond";
import { crmSlice, type CrmModule, type SandboxState, type WriteEvent } from "../../state";
import type { Handler, Route } from "../../types";
import { answering } from "../crmFailure";
import { displayFieldOf } from "../metadata/metadataShapes";
import { moduleNamed } from "./parents";
import { invalidParam, positiveInt, readModifiedSince } from "./recordList";
import { currentUser, type MinifiedUser } from "./writes";

export type DeletedType = "recycle" | "permanent";

export interface DeletedEntry {
  id: string;
  display_name: string;
  type: DeletedType;
  deleted_by: MinifiedUser;
  created_by: MinifiedUser;
  /** Sandbox-clock epoch ms. */
  deletedAt: number;
}

interface Bin {
  /** module -> entries in the order they were deleted. */
  entries: Map<string, DeletedEntry[]>;
  /** "module:id" -> what the record was called and who created it, kept while it exists. */
  known: Map<string, { name: string; createdBy: MinifiedUser }>;
}

const LIMITS = { defaultPerPage: 200, maxPerPage: 200 };
const TYPES = ["all", "recycle", "permanent"] as const;
const tracked = new WeakSet<SandboxState>();

declare module "../../state" {
  interface CrmSlices {
    recycleBin: Bin;
  }
}

const binOf = crmSlice("recycleBin", (): Bin => ({ entries: new Map(), known: new Map() }));

const remember = (state: SandboxState, module: CrmModule | undefined, event: WriteEvent) => {
  const bin = binOf(state);
  const display = module && displayFieldOf(module);
  for (const id of event.ids) {
    const record = state.crm.records.get(event.module)?.get(id);
    if (!record) continue;
    const createdBy = (record.Created_By as MinifiedUser | undefined) ?? currentUser(state);
    bin.known.set(`${event.module}:${id}`, { name: String((display && record[display.api_name]) ?? ""), createdBy });
  }
};

/**
 * Starts filling the org's bin from its write events (once per org). The sandbox calls it when the
 * org is created; the handler calls it too, for orgs made later (a CRM sandbox or developer org).
 */
export const trackDeletions = (state: SandboxState): void => {
  if (tracked.has(state)) return;
  tracked.add(state);
  state.events.on("write", (event: WriteEvent) => {
    const module = state.crm.modules.get(event.module);
    if (event.operation !== "delete") return remember(state, module, event);
    const bin = binOf(state);
    const list = bin.entries.get(event.module) ?? [];
    for (const id of event.ids) {
      const known = bin.known.get(`${event.module}:${id}`);
      bin.known.delete(`${event.module}:${id}`);
      const by = currentUser(state);
      list.push({ id, display_name: known?.name ?? "", type: "recycle", deleted_by: by, created_by: known?.createdBy ?? by, deletedAt: event.at });
    }
    bin.entries.set(event.module, list);
  });
};

/** What an admin emptying the Recycle Bin does: the module's deleted records become permanent. */
export const emptyRecycleBin = (state: SandboxState, module: string): void => {
  for (const entry of binOf(state).entries.get(module) ?? []) entry.type = "permanent";
};

const list: Handler = (req, { state }) => {
  trackDeletions(state);
  const module = moduleNamed(state, req.params.module);
  const type = req.query.get("type") ?? "all";
  if (!(TYPES as readonly string[]).includes(type)) throw invalidParam("type");
  const page = positiveInt(req.query, "page", 1);
  const perPage = Math.min(positiveInt(req.query, "per_page", LIMITS.defaultPerPage), LIMITS.maxPerPage);
  const since = readModifiedSince(req);
  // Zoho's deleted_time has whole seconds, so If-Modified-Since compares at that resolution too.
  const selected = (binOf(state).entries.get(module.api_name) ?? [])
    .filter((entry) => (type === "all" || entry.type === type) && (since === undefined || Math.floor(entry.deletedAt / 1000) * 1000 >= since))
    .reverse();
  const shown = selected.slice((page - 1) * perPage, page * perPage);
  if (shown.length === 0) return noContent();
  return ok({
    data: shown.map(({ deletedAt, ...entry }) => ({ ...entry, deleted_time: zohoTime(deletedAt) })),
    info: { per_page: perPage, count: shown.length, page, more_records: selected.length > page * perPage },
  });
};

export const routes: Route[] = [
  { method: "GET", pattern: "/crm/v8/:module/deleted", api: "crm", scopes: ["ZohoCRM.modules.{module}.READ"], handler: answering(list) },
];
