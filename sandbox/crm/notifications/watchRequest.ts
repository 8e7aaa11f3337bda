/**
 * Reads one `watch[i]` entry of an enable/replace/update call into channel settings, or the first
 * thing wrong with it as a CrmFailure naming the field and its JSON path.
 */
import type { SandboxState } from "../../state";
import type { DataCenterKey } from "../../types";
import {
  DEFAULT_EXPIRY_MS,
  MAX_EXPIRY_MS,
  findChannel,
  moduleOfEvent,
  watchableModule,
  watchedModules,
  type Channel,
  type FieldSelection,
} from "./watchChannels";
import { findField } from "../records/compare";
import { CrmFailure } from "../crmFailure";

/** enable (POST) and replace (PUT) take a whole channel; update (PATCH) only what changes. */
export type WatchMode = "enable" | "replace" | "update";

export interface WatchSettings {
  channelId: string;
  /** The live channel a replace or update applies to. */
  existing?: Channel;
  events?: string[];
  notifyUrl?: string;
  token?: string | null;
  expiresAt?: number;
  returnAffectedFieldValues?: boolean;
  notifyOnRelatedAction?: boolean;
  conditions?: Map<string, FieldSelection>;
  deleteEvents: boolean;
}

export const WATCH_LIMITS = { tokenLength: 50, conditionFields: 10, conditionDepth: 2 };

const OPERATIONS = ["create", "edit", "delete", "all"];
const LONG = /^[0-9]{1,19}$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

const mandatory = (apiName: string, jsonPath: string) =>
  new CrmFailure("MANDATORY_NOT_FOUND", "required field not found", { api_name: apiName, json_path: jsonPath });

const invalid = (apiName: string, jsonPath: string, extra: Record<string, unknown> = {}) =>
  new CrmFailure("INVALID_DATA", "invalid data", { api_name: apiName, json_path: jsonPath, ...extra });

export const notSubscribed = (channelId: string) => new CrmFailure("NOT_SUBSCRIBED", "the given channel is not subscribed", { channel_id: channelId });

export const readWatch = (state: SandboxState, dc: DataCenterKey, entry: unknown, index: number, mode: WatchMode): WatchSettings | CrmFailure => {
  try {
    return new WatchReader(state, dc, entry, `$.watch[${index}]`, mode).read();
  } catch (error) {
    if (error instanceof CrmFailure) return error;
    throw error;
  }
};

class WatchReader {
  private readonly item: Record<string, unknown>;

  constructor(
    private readonly state: SandboxState,
    private readonly dc: DataCenterKey,
    entry: unknown,
    private readonly path: string,
    private readonly mode: WatchMode,
  ) {
    if (!entry || typeof entry !== "object" || Array.isArray(entry)) throw invalid("watch", path);
    this.item = entry as Record<string, unknown>;
  }

  read(): WatchSettings {
    const whole = this.mode !== "update";
    const channelId = this.channelId();
    const existing = findChannel(this.state, this.dc, channelId);
    if (this.mode !== "enable" && !existing) throw notSubscribed(channelId);
    const deleteEvents = this.boolean("_delete_events") ?? false;
    const settings: WatchSettings = { channelId, existing, deleteEvents };
    settings.events = this.events(whole || deleteEvents);
    settings.notifyUrl = this.notifyUrl(whole);
    const token = this.token();
    if (token !== undefined || whole) settings.token = token ?? null;
    settings.expiresAt = this.expiry(whole);
    settings.returnAffectedFieldValues = this.boolean("return_affected_field_values") ?? (whole ? false : undefined);
    settings.notifyOnRelatedAction = this.boolean("notify_on_related_action") ?? (whole ? false : undefined);
    const modules = new Set((settings.events ?? []).map(moduleOfEvent));
    if (this.mode === "update" && existing) watchedModules(existing).forEach((m) => modules.add(m));
    settings.conditions = this.conditions(modules) ?? (whole ? new Map() : undefined);
    return settings;
  }

  private at = (key: string) => `${this.path}.${key}`;

  private present(key: string): boolean {
    return this.item[key] !== undefined && this.item[key] !== null;
  }

  private channelId(): string {
    const value = this.item.channel_id;
    if (value === undefined || value === null) throw mandatory("channel_id", this.at("channel_id"));
    const text = typeof value === "number" && Number.isSafeInteger(value) ? String(value) : value;
    if (typeof text !== "string" || !LONG.test(text)) {
      throw invalid("channel_id", this.at("channel_id"), { expected_data_type: "long" });
    }
    return text;
  }

  private events(required: boolean): string[] | undefined {
    if (!this.present("events")) {
      if (required) throw mandatory("events", this.at("events"));
      return undefined;
    }
    const value = this.item.events;
    if (!Array.isArray(value) || value.length === 0) throw invalid("events", this.at("events"));
    value.forEach((event, i) => {
      const [module, operation] = typeof event === "string" ? [moduleOfEvent(event), event.split(".").pop()] : [];
      if (!module || !operation || !OPERATIONS.includes(operation) || !watchableModule(this.state, module)) {
        throw invalid("events", `${this.at("events")}[${i}]`);
      }
    });
    return [...new Set(value as string[])];
  }

  private notifyUrl(required: boolean): string | undefined {
    if (!this.present("notify_url")) {
      if (required) throw mandatory("notify_url", this.at("notify_url"));
      return undefined;
    }
    const value = this.item.notify_url;
    if (typeof value !== "string" || !isHttpUrl(value)) throw invalid("notify_url", this.at("notify_url"));
    return value;
  }

  private token(): string | undefined {
    if (!this.present("token")) return undefined;
    const value = this.item.token;
    if (typeof value !== "string" || value.length > WATCH_LIMITS.tokenLength) {
      throw invalid("token", this.at("token"), { maximum_length: WATCH_LIMITS.tokenLength });
    }
    return value;
  }

  /** Zoho's documented rule: an expiry beyond one week falls back to the one-hour default. */
  private expiry(required: boolean): number | undefined {
    const now = this.state.clock.now();
    if (!this.present("channel_expiry")) return required ? now + DEFAULT_EXPIRY_MS : undefined;
    const value = this.item.channel_expiry;
    const at = typeof value === "string" && ISO_DATETIME.test(value) ? Date.parse(value) : NaN;
    if (Number.isNaN(at)) {
      throw invalid("channel_expiry", this.at("channel_expiry"), { expected_data_type: "datetime" });
    }
    if (at <= now) throw invalid("channel_expiry", this.at("channel_expiry"));
    return at - now > MAX_EXPIRY_MS ? now + DEFAULT_EXPIRY_MS : at;
  }

  private boolean(key: string): boolean | undefined {
    if (!this.present(key)) return undefined;
    const value = this.item[key];
    if (typeof value !== "boolean") throw invalid(key, this.at(key), { expected_data_type: "boolean" });
    return value;
  }

  /** `[{type: "field_selection", module: {api_name}, field_selection: {...}}]`, one per watched module. */
  private conditions(watched: Set<string>): Map<string, FieldSelection> | undefined {
    if (!this.present("notification_condition")) return undefined;
    const value = this.item.notification_condition;
    const path = this.at("notification_condition");
    if (!Array.isArray(value)) throw invalid("notification_condition", path);
    const conditions = new Map<string, FieldSelection>();
    value.forEach((condition: Record<string, any>, i) => {
      const at = `${path}[${i}]`;
      const moduleName = condition?.module?.api_name;
      const module = typeof moduleName === "string" ? watchableModule(this.state, moduleName) : undefined;
      if (!module || !watched.has(module.api_name)) throw invalid("module", `${at}.module`);
      if (condition.type !== undefined && condition.type !== "field_selection") throw invalid("type", `${at}.type`);
      if (!condition.field_selection) throw mandatory("field_selection", `${at}.field_selection`);
      const fields: string[] = [];
      const selection = this.selection(condition.field_selection, `${at}.field_selection`, 1, (name, fieldPath) => {
        if (!findField(module, name)) throw invalid("api_name", fieldPath);
        fields.push(name);
      });
      if (fields.length > WATCH_LIMITS.conditionFields) {
        throw invalid("field_selection", `${at}.field_selection`, { maximum_length: WATCH_LIMITS.conditionFields });
      }
      conditions.set(module.api_name, selection);
    });
    return conditions;
  }

  private selection(value: Record<string, any>, path: string, depth: number, checkField: (name: string, path: string) => void): FieldSelection {
    if (typeof value?.field?.api_name === "string") {
      checkField(value.field.api_name, `${path}.field.api_name`);
      return { field: value.field.api_name };
    }
    const operator = value?.group_operator;
    if ((operator !== "and" && operator !== "or") || !Array.isArray(value.group) || value.group.length === 0) {
      throw invalid("field_selection", path);
    }
    if (depth > WATCH_LIMITS.conditionDepth) throw invalid("group", `${path}.group`);
    const group = value.group.map((child: Record<string, any>, i: number) => this.selection(child, `${path}.group[${i}]`, depth + 1, checkField));
    return { operator, group };
  }
}

const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
  } catch {
    return false;
  }
};
