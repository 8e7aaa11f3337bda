/**
 * Record tags: POST /crm/v8/{module}/actions/add_tags and remove_tags (body `{tags:[{name}], ids,
 * over_write}`, or the older `ids` and `tag_names` query parameters), and the same per record under
 * /crm/v8/{module}/{id}/actions/. A tag is created in the module on first use; each record keeps
 * its tags in `Tag`, and each tagged record is an update write.
 */
import { recordStatus, zohoTime } from "../../respond";
import { crmSlice, type CrmRecord, type SandboxState } from "../../state";
import type { Route, SandboxRequest } from "../../types";
import { CrmFailure } from "../crmFailure";
import { crmRoute } from "../crmRoute";
import { moduleNamed } from "./parents";
import { callerOf, perEntry, updateRecord, type MinifiedUser } from "./writes";

export interface Tag {
  name: string;
  id: string;
  color_code: string | null;
  created_time: string;
  modified_time: string;
  created_by: MinifiedUser;
  modified_by: MinifiedUser;
}

const TAG_NAME_MAX = 25;
const TAGS_PER_RECORD = 10;
const RECORDS_PER_CALL = 100;
/** Zoho's tag colours; new tags without one take the next in turn. */
const COLORS = ["#57B1FD", "#879BFC", "#658BA8", "#FD87BD", "#969696", "#F48435", "#1DB9B4", "#E7A826", "#63C57E", "#F17574", "#D297EE", "#A8C026", "#B88562"];

declare module "../../state" {
  interface CrmSlices {
    /** module -> lower-case tag name -> tag */
    tags: Map<string, Map<string, Tag>>;
  }
}

const allTags = crmSlice("tags", () => new Map<string, Map<string, Tag>>());

const tagsOf = (state: SandboxState, module: string): Map<string, Tag> => {
  const all = allTags(state);
  let tags = all.get(module);
  if (!tags) all.set(module, (tags = new Map()));
  return tags;
};

interface TagRef {
  name?: string;
  id?: string;
  color_code?: string;
}

/** The tags named by the call: body `tags` (v8) or the `tag_names` query parameter. */
const requestedTags = (req: SandboxRequest): TagRef[] => {
  const names = req.query.get("tag_names");
  const tags: unknown = req.json?.tags ?? names?.split(",").map((name) => ({ name }));
  if (!Array.isArray(tags) || tags.length === 0) {
    throw new CrmFailure("MANDATORY_NOT_FOUND", "required field not found", { api_name: "tags", json_path: "$.tags" });
  }
  return tags.map((tag: TagRef, i) => {
    const named = typeof tag?.name === "string" && tag.name.trim() !== "";
    if (!named && typeof tag?.id !== "string") {
      throw new CrmFailure("MANDATORY_NOT_FOUND", "required field not found", { api_name: "name", json_path: `$.tags[${i}].name` });
    }
    if (named && tag.name!.length > TAG_NAME_MAX) {
      throw new CrmFailure("INVALID_DATA", "invalid data", {
        api_name: "name",
        json_path: `$.tags[${i}].name`,
        maximum_length: TAG_NAME_MAX,
      });
    }
    return tag;
  });
};

/** The record ids: the URL's id, body `ids`, or the `ids` query parameter. */
const requestedIds = (req: SandboxRequest): string[] => {
  const ids: unknown = req.params.id ? [req.params.id] : (req.json?.ids ?? req.query.get("ids")?.split(","));
  if (!Array.isArray(ids) || ids.length === 0) {
    throw new CrmFailure("MANDATORY_NOT_FOUND", "required field not found", { api_name: "ids", json_path: "$.ids" });
  }
  if (ids.length > RECORDS_PER_CALL) throw new CrmFailure("LIMIT_EXCEEDED", "limit exceeded", { api_name: "ids", limit: RECORDS_PER_CALL });
  return ids.map(String);
};

/** The module's tag for a reference, created on first use when the reference has a name. */
const resolveTag = (state: SandboxState, by: MinifiedUser, module: string, ref: TagRef, create: boolean): Tag | undefined => {
  const tags = tagsOf(state, module);
  const found = ref.name ? tags.get(ref.name.toLowerCase()) : [...tags.values()].find((t) => t.id === ref.id);
  if (found || !create || !ref.name) return found;
  const now = zohoTime(state.clock.now());
  const tag: Tag = {
    name: ref.name,
    id: state.nextId(),
    color_code: ref.color_code ?? COLORS[tags.size % COLORS.length],
    created_time: now,
    modified_time: now,
    created_by: by,
    modified_by: by,
  };
  tags.set(ref.name.toLowerCase(), tag);
  return tag;
};

const answerFor = (record: CrmRecord) =>
  recordStatus(true, "SUCCESS", "tags updated successfully", {
    id: record.id,
    tags: (record.Tag as Tag[]).map(({ id, name, color_code }) => ({ id, name, color_code })),
  });

const retag = (req: SandboxRequest, state: SandboxState, adding: boolean) => {
  const module = moduleNamed(state, req.params.module);
  const refs = requestedTags(req);
  const overWrite = req.json?.over_write === true || req.query.get("over_write") === "true";
  const by = callerOf(state, req);
  return perEntry(requestedIds(req), 200, (id) => {
    const record = state.crm.records.get(module.api_name)?.get(id);
    if (!record) throw new CrmFailure("INVALID_DATA", "the id given seems to be invalid", { id });
    const current = adding && overWrite ? [] : ((record.Tag as Tag[] | undefined) ?? []);
    const named = refs.map((ref) => resolveTag(state, by, module.api_name, ref, adding)).filter((t): t is Tag => !!t);
    const ids = new Set(named.map((t) => t.id));
    const next = adding ? [...current, ...named.filter((t) => !current.some((c) => c.id === t.id))] : current.filter((t) => !ids.has(t.id));
    if (next.length > TAGS_PER_RECORD) {
      throw new CrmFailure("LIMIT_EXCEEDED", "limit exceeded", { id, limit: TAGS_PER_RECORD });
    }
    return answerFor(updateRecord(state, module.api_name, record, { Tag: next }, by));
  });
};

const route = (pattern: string, adding: boolean): Route =>
  crmRoute("POST", pattern, { scopes: ["ZohoCRM.modules.{module}.UPDATE"], write: true }, (req, ctx) => retag(req, ctx.state, adding));

export const routes: Route[] = [
  route("/crm/v8/:module/actions/add_tags", true),
  route("/crm/v8/:module/actions/remove_tags", false),
  route("/crm/v8/:module/:id/actions/add_tags", true),
  route("/crm/v8/:module/:id/actions/remove_tags", false),
];
