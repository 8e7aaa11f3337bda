/**
 * All sandbox data lives in one SandboxState per server. Endpoint groups own their slice;
 * record writes go through `recordWrite` so notifications and tests see every change.
 */
import { EventEmitter } from "node:events";
import type { Clock, CrmEnvironmentKey, TokenInfo } from "./types";

export type CrmRecord = { id: string; Created_Time: string; Modified_Time: string; [field: string]: unknown };

export interface CrmField {
  /** Field id in the metadata APIs; the seed gives every field one. */
  id?: string;
  api_name: string;
  field_label: string;
  data_type: string; // text, email, phone, picklist, multiselectpicklist, integer, double, currency, date, datetime, boolean, lookup, ownerlookup, textarea, website
  system_mandatory?: boolean;
  read_only?: boolean;
  pick_list_values?: Array<{ display_value: string; actual_value: string }>;
  lookup?: { module: { api_name: string } };
  unique?: boolean;
}

export interface CrmModule {
  api_name: string;
  module_name: string;
  singular_label: string;
  plural_label: string;
  id: string;
  api_supported: boolean;
  creatable: boolean;
  editable: boolean;
  deletable: boolean;
  viewable: boolean;
  /** Whether watch channels may name this module. */
  notification_supported: boolean;
  generated_type: "default" | "custom";
  fields: CrmField[];
  /** Fields upsert matches on when the call names no duplicate_check_fields. */
  duplicate_check_fields?: string[];
  /** The module's layouts (the seed gives each a "Standard" one); sections list the module's fields. */
  layouts?: Array<{ id: string; name: string }>;
}

/** Every record change, in order: tests use it to prove nothing was lost or written twice. */
export interface WriteEvent {
  at: number;
  module: string;
  operation: "insert" | "update" | "delete";
  ids: string[];
  affectedFields?: string[][];
}

export interface AuthCode {
  clientId: string;
  scopes: string[];
  dc: string;
  redirectUri?: string;
  expiresAt: number;
  /** Asked with access_type=offline: the exchange also gives a refresh token. */
  offline?: boolean;
}

/**
 * Feature slices: the data an endpoint group keeps besides modules and records. The owner module
 * declares its slice's type by adding a key to CrmSlices (or BooksSlices) with `declare module`,
 * and registers the slice with crmSlice/booksSlice, which returns the slice's typed accessor.
 * Knobs tests turn (numbers, behaviours) go into CrmSettings the same way and are read as they are.
 */
// biome-ignore lint/suspicious/noEmptyInterface: feature modules add their slices by declaration merging
export interface CrmSlices {}
// biome-ignore lint/suspicious/noEmptyInterface: feature modules add their slices by declaration merging
export interface BooksSlices {}
// biome-ignore lint/suspicious/noEmptyInterface: feature modules add their settings by declaration merging
export interface CrmSettings {}

export interface CrmCore {
  modules: Map<string, CrmModule>; // by api_name
  records: Map<string, Map<string, CrmRecord>>; // module -> id -> record (insertion-ordered)
}

export interface BooksCore {
  organizations: Array<Record<string, unknown> & { organization_id: string; name: string; is_default_org: boolean }>;
  /** Whether the configured organizations were made (ensureOrganizations runs once). */
  organizationsSeeded?: boolean;
  /** orgId -> record type path (e.g. "invoices", "contacts/123/contactpersons") -> id -> record */
  records: Map<string, Map<string, Map<string, Record<string, unknown>>>>;
}

export interface SandboxState {
  clock: Clock;
  events: EventEmitter; // emits "write" with a WriteEvent after each stored write
  writeLog: WriteEvent[];
  nextId(): string; // 19-digit Zoho-style id as string, monotonically increasing
  org: Record<string, unknown> & { id: string };
  users: Array<Record<string, unknown> & { id: string }>;
  tokens: Map<string, TokenInfo>; // by access token
  refreshTokens: Map<string, TokenInfo>; // by refresh token
  authCodes: Map<string, AuthCode>;
  /** Cleanups endpoint groups register (delivery sockets, job timers); stop() runs them. Shared by every CRM org. */
  onStop: Array<() => void>;
  /** Registered slices appear on first use (per CRM org: the sandbox and developer orgs have their own). */
  crm: CrmCore & Partial<CrmSlices> & Partial<CrmSettings>;
  books: BooksCore & Partial<BooksSlices>;
}

export interface SliceOptions {
  /**
   * Live slices hold running machinery (timers, sockets, jobs whose closures finish them): composite
   * rollback shares them instead of copying. Every other CRM slice is data, restored by a rollback.
   */
  live?: boolean;
}

export interface RegisteredSlice {
  name: keyof CrmSlices;
  live: boolean;
  /** The slice in this state, made if it is not there yet. */
  of(state: SandboxState): unknown;
}

const crmRegistry = new Map<keyof CrmSlices, RegisteredSlice>();

/**
 * Registers a CRM slice and returns its accessor: `const store = crmSlice("tags", () => new Map<...>())`,
 * then `store(state)` is the typed slice, made with `create` on first use. Registering a name again
 * (a module loaded twice by a test runner) replaces the earlier registration.
 */
export const crmSlice = <K extends keyof CrmSlices>(
  name: K,
  create: (state: SandboxState) => CrmSlices[K],
  options: SliceOptions = {},
): ((state: SandboxState) => CrmSlices[K]) => {
  const of = (state: SandboxState): CrmSlices[K] => {
    const slices: Partial<CrmSlices> = state.crm;
    const existing = slices[name];
    if (existing !== undefined) return existing as CrmSlices[K];
    const made = create(state);
    slices[name] = made;
    return made;
  };
  crmRegistry.set(name, { name, live: options.live ?? false, of });
  return of;
};

/** Every registered CRM slice, in registration order: what composite rollback restores. */
export const crmSlices = (): readonly RegisteredSlice[] => [...crmRegistry.values()];

/** Registers a Books slice and returns its typed accessor (made with `create` on first use). */
export const booksSlice = <K extends keyof BooksSlices>(
  name: K,
  create: (state: SandboxState) => BooksSlices[K],
): ((state: SandboxState) => BooksSlices[K]) => {
  return (state) => {
    const slices: Partial<BooksSlices> = state.books;
    const existing = slices[name];
    if (existing !== undefined) return existing as BooksSlices[K];
    const made = create(state);
    slices[name] = made;
    return made;
  };
};

/** Zoho record ids are 19-digit longs that only grow; the base makes them look like a real org's. */
const ID_BASE = 5725767000000000000n;

export const createState = (clock: Clock): SandboxState => {
  let lastId = 0n;
  return {
    clock,
    events: new EventEmitter(),
    writeLog: [],
    nextId: () => String(ID_BASE + (lastId += 1n)),
    org: { id: "" },
    users: [],
    tokens: new Map(),
    refreshTokens: new Map(),
    authCodes: new Map(),
    onStop: [],
    crm: { modules: new Map(), records: new Map() },
    books: { organizations: [], records: new Map() },
  };
};

const ORG_TYPES: Record<CrmEnvironmentKey, string> = { production: "Production", sandbox: "Sandbox", developer: "Developer" };
const environmentStates = new WeakMap<SandboxState, Map<CrmEnvironmentKey, SandboxState>>();

/**
 * The CRM org a host reaches: production is `state` itself; the sandbox and developer orgs are
 * orgs of their own (made on first use), so a record written in one is not seen in the others.
 * They share the accounts side (tokens, users, clock, ids) and Books, which has no environments,
 * and start with production's modules and no records, as a fresh Zoho sandbox does.
 */
export const environmentState = (state: SandboxState, environment: CrmEnvironmentKey = "production"): SandboxState => {
  if (environment === "production") return state;
  const byEnvironment = environmentStates.get(state) ?? new Map<CrmEnvironmentKey, SandboxState>();
  environmentStates.set(state, byEnvironment);
  const existing = byEnvironment.get(environment);
  if (existing) return existing;
  const modules = new Map([...state.crm.modules].map(([name, module]) => [name, { ...module, fields: module.fields.map((f) => ({ ...f })) }]));
  // An org of its own: its own id and zgid (bulk write uploads and result URLs name the org by zgid).
  const zgid = `${String(state.org.zgid ?? "0")}${environment === "sandbox" ? "1" : "2"}`;
  const org: SandboxState["org"] = {
    ...state.org,
    id: state.nextId(),
    zgid,
    ezgid: `e${zgid}`,
    zia_zgid: Number(zgid),
    type: ORG_TYPES[environment],
    domain_name: `${String(state.org.domain_name ?? "org")}${environment}`,
  };
  const derived: SandboxState = {
    ...state,
    events: new EventEmitter(),
    writeLog: [],
    org,
    // Cleanups this org's groups register (state.onStop, shared through the spread) run when the sandbox stops.
    crm: { modules, records: new Map([...modules.keys()].map((name) => [name, new Map()])) },
  };
  byEnvironment.set(environment, derived);
  return derived;
};

/**
 * The environment whose org has this zgid: hosts every org shares (bulk write uploads, bulk write
 * results) name the org in the X-CRM-ORG header or the path. Undefined for production or an unknown zgid.
 */
export const environmentOfOrg = (state: SandboxState, zgid: unknown): CrmEnvironmentKey | undefined => {
  if (typeof zgid !== "string" || zgid === "") return undefined;
  for (const [environment, derived] of environmentStates.get(state) ?? []) if (String(derived.org.zgid) === zgid) return environment;
  return undefined;
};
