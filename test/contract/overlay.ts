/**
 * Our patches to Zoho's OpenAPI files, applied in memory when a file is loaded (the files stay untouched).
 * Each fixes a defect listed in ../shared/zoho-oas/README.md or, where marked "not in the README", one the
 * test suite ran into and Zoho's docs (or the file itself) settle; none accepts what Zoho does not send.
 */
import type { Exchange } from "../../sandbox/types";

/** OpenAPI JSON as parsed: the files are the schema, so it stays untyped. */
export type OasNode = any;

type Method = "get" | "put" | "post" | "patch" | "delete";

const operation = (doc: OasNode, method: Method, path: string): OasNode => {
  const op = doc.paths?.[path]?.[method];
  // A patch that no longer finds its target means the files changed: fail loudly rather than check less.
  if (!op) throw new Error(`overlay: no ${method.toUpperCase()} ${path} to patch`);
  return op;
};

const walk = (node: OasNode, visit: (node: Record<string, OasNode>) => void): void => {
  if (Array.isArray(node)) node.forEach((child) => walk(child, visit));
  else if (node && typeof node === "object") {
    visit(node);
    Object.values(node).forEach((child) => walk(child, visit));
  }
};

const noBody = (why: string) => ({ description: why });

/** Adds `statuses` answering with the same bodies as the operation's 200. */
const sameAs200 = (op: OasNode, statuses: string[]) => {
  for (const status of statuses) op.responses[status] ??= op.responses["200"];
};

/** Zoho's record ids and channel ids are longs: JSON numbers in some answers, digit strings in others. */
const LONG = { anyOf: [{ type: "integer" }, { type: "string", pattern: "^[0-9]+$" }] };

/** A module or field in a request: Zoho takes its api_name or its id (the files require both). */
const BY_NAME_OR_ID = {
  type: "object",
  properties: { api_name: { type: "string" }, id: { type: "string" } },
  anyOf: [{ required: ["api_name"] }, { required: ["id"] }],
};

/** A criteria node is a leaf (`leaf` keys) or a group {group_operator, group}; values are any JSON. */
const relaxCriteria = (criteria: OasNode, leaf: string[]) => {
  delete criteria.required;
  criteria.anyOf = [{ required: leaf }, { required: ["group_operator", "group"] }];
  criteria.properties.field = BY_NAME_OR_ID;
  criteria.properties.value = {};
};

const CRM_URL = "https://raw.githubusercontent.com/Zohocorp-Pvt-Ltd/crm-oas/refs/heads/main/v8.0/";
const RECORD_ERROR = { $ref: `${CRM_URL}record.json#/components/schemas/API_Exception` };

const recordPatches = (doc: OasNode) => {
  const error = doc.components.schemas.API_Exception;
  // Defect: API_Exception requires nothing, so any object matched it and a wrong body could pass.
  error.required = ["code", "details", "message", "status"];
  // Defect: API_Exception.message enumerates sample texts only; Zoho's messages are free text.
  delete error.properties.message.enum;
  // Defect: Success_Response requires nothing either, so any object passed as a per-record result.
  doc.components.schemas.Success_Response.required = ["code", "details", "message", "status"];
  // Defect: the code list lacks the paging error Zoho answers past 2,000 records (see ZOHO.md).
  error.properties.code.enum.push("DISCRETE_PAGINATION_LIMIT_EXCEEDED");

  // Defect: writes declare only 200; Zoho answers 201 for inserts, 207 when some records fail and 400 when all fail.
  for (const [method, path] of [
    ["post", "/crm/v8/{module_api_name}"],
    ["put", "/crm/v8/{module_api_name}"],
    ["delete", "/crm/v8/{module_api_name}"],
    ["put", "/crm/v8/{module_api_name}/{id}"],
    ["delete", "/crm/v8/{module_api_name}/{id}"],
    ["post", "/crm/v8/{module_api_name}/upsert"],
  ] as const) {
    sameAs200(operation(doc, method, path), method === "put" || method === "delete" ? ["207", "400"] : ["201", "207", "400"]);
  }

  // Defect: reads declare only 200; Zoho answers 204 with no body when nothing matches, 304 for
  // If-Modified-Since, and 400 with its error body.
  for (const path of ["/crm/v8/{module_api_name}", "/crm/v8/{module_api_name}/{id}", "/crm/v8/{module_api_name}/deleted"]) {
    const op = operation(doc, "get", path);
    op.responses["204"] ??= noBody("no records");
    op.responses["304"] ??= noBody("not modified since If-Modified-Since");
    op.responses["400"] ??= { description: "error", content: { "application/json": { schema: RECORD_ERROR } } };
  }
};

const attachmentPatches = (doc: OasNode) => {
  const upload = operation(doc, "post", "/crm/v8/{module}/{record_id}/Attachments");
  // Defect: only the by-URL upload is described; Zoho also takes the file itself as multipart field `file`.
  upload.parameters = upload.parameters.map((p: OasNode) =>
    p.$ref === "#/components/parameters/attachmentUrl" ? { name: "attachmentUrl", in: "query", required: false, schema: { type: "string" } } : p,
  );
  upload.requestBody = {
    required: false,
    content: {
      "multipart/form-data": {
        schema: { type: "object", properties: { file: { type: "string", format: "binary" } }, required: ["file"] },
      },
    },
  };
  const list = operation(doc, "get", "/crm/v8/{module}/{record_id}/Attachments");
  // Defect: the list reuses DELETE's required `ids`; listing a record's attachments takes no ids.
  list.parameters = list.parameters.map((p: OasNode) =>
    p.$ref === "#/components/parameters/ids" ? { name: "ids", in: "query", required: false, schema: { type: "string" } } : p,
  );
};

const notificationPatches = (doc: OasNode) => {
  const schemas = doc.components.schemas;
  // Defect: channel_id is typed object (requests) or string (answers); Zoho sends a long.
  schemas.Notification.properties.channel_id = LONG;
  schemas.event.properties.channel_id = LONG;
  schemas.Success_Response.properties.details.properties.channel_id = LONG;
  // Defect: notify_url's pattern only accepts Zoho's own hosts; any https callback URL is valid.
  schemas.Notification.properties.notify_url = { type: "string", format: "uri" };
  // Defect (not in the README): Criteria requires leaf and group keys at once, and a field's id as well as its
  // name; a field_selection leaf names only the field to watch, and answers echo it with group null like
  // group_operator (which the file already allows to be null).
  relaxCriteria(schemas.Criteria, ["field"]);
  schemas.Criteria.properties.group.nullable = true;
};

const compositePatches = (doc: OasNode) => {
  const { wrapper, composite_requests: subRequest } = doc.components.schemas;
  // Defect: rollback_on_fail and concurrent_execution are optional booleans, not required `false`.
  wrapper.required = ["__composite_requests"];
  wrapper.properties.rollback_on_fail = { type: "boolean" };
  wrapper.properties.concurrent_execution = { type: "boolean" };
  // Defect: only method and uri are needed in a sub-request; headers, params, body and sub_request_id are optional.
  subRequest.required = ["method", "uri"];
};

const notesPatches = (doc: OasNode) => {
  // Defect: the GET refers to an If-Modified-Since parameter the file never defines.
  doc.components.parameters["If-Modified-Since"] = {
    name: "If-Modified-Since",
    in: "header",
    required: false,
    schema: { type: "string", format: "date-time" },
  };
  const schemas = doc.components.schemas;
  // Defect (not in the README): writes reuse the answer's Note, which requires server-set fields
  // (Created_Time, Owner, $editable, ...); Zoho's docs make only Note_Content mandatory, and Parent_Id's
  // module may be named by api_name or id.
  const note = {
    ...schemas.Note,
    properties: {
      ...schemas.Note.properties,
      Parent_Id: { type: "object", properties: { module: BY_NAME_OR_ID, id: { type: "string" } }, required: ["module", "id"] },
    },
  };
  const wrapper = (required: string[]) => ({
    type: "object",
    properties: { data: { type: "array", items: { ...note, required } } },
    required: ["data"],
  });
  const create = operation(doc, "post", "/crm/v8/Notes");
  create.requestBody = { required: true, content: { "application/json": { schema: wrapper(["Note_Content", "Parent_Id"]) } } };
  for (const [method, path] of [
    ["put", "/crm/v8/Notes"],
    ["put", "/crm/v8/Notes/{id}"],
  ] as const) {
    operation(doc, method, path).requestBody = { required: true, content: { "application/json": { schema: wrapper([]) } } };
  }
  // Defect (not in the README): creating notes answers 201, per Zoho's docs, and writes answer 400 when every
  // note fails; notes are records, so the errors are record.json's, per note or for the whole call.
  sameAs200(create, ["201"]);
  const failed = {
    anyOf: [{ type: "object", properties: { data: { type: "array", items: RECORD_ERROR } }, required: ["data"] }, RECORD_ERROR],
  };
  for (const [method, path] of [
    ["post", "/crm/v8/Notes"],
    ["put", "/crm/v8/Notes"],
    ["put", "/crm/v8/Notes/{id}"],
  ] as const) {
    operation(doc, method, path).responses["400"] ??= { description: "error", content: { "application/json": { schema: failed } } };
  }
};

const searchPatches = (doc: OasNode) => {
  const search = operation(doc, "get", "/crm/v8/{module}/search");
  // Defect (not in the README): per_page is declared required; Zoho's docs give it a default of 200.
  search.parameters = search.parameters.map((p: OasNode) =>
    p.$ref === "#/components/parameters/per_page" ? { name: "per_page", in: "query", required: false, schema: { type: "integer" } } : p,
  );
};

const bulkReadPatches = (doc: OasNode) => {
  const { Query, Criteria, Job_Detail } = doc.components.schemas;
  // Defect (not in the README): the query requires everything its example had; Zoho's docs make only the module
  // mandatory (named by api_name or id), and criteria need no `type`.
  Query.required = ["module"];
  Query.properties.module = BY_NAME_OR_ID;
  relaxCriteria(Criteria, ["field", "comparator"]);
  // Defect (not in the README): a job's `result` exists only once it is COMPLETED (with next_page_token only
  // when more records remain), and ics jobs exist too.
  const { Result } = doc.components.schemas;
  Job_Detail.required = Job_Detail.required.filter((name: string) => name !== "result");
  Result.required = Result.required.filter((name: string) => name !== "next_page_token");
  Job_Detail.properties.file_type = { type: "string", enum: ["csv", "ics"] };
};

const bulkWritePatches = (doc: OasNode) => {
  const { Resource, Success_Response } = doc.components.schemas;
  // Defect (not in the README): a resource's module is named by api_name or id, not both.
  Resource.properties.module = BY_NAME_OR_ID;
  // Defect (not in the README): the upload shares the job's Success_Response, but its details are
  // {file_id, created_time} (Zoho's docs), with file_id a long rather than the job's id and created_by.
  const uploaded = {
    ...Success_Response,
    properties: {
      ...Success_Response.properties,
      details: { type: "object", properties: { file_id: LONG, created_time: { type: "string", format: "date-time" } }, required: ["file_id", "created_time"] },
    },
  };
  operation(doc, "post", "/crm/v8/upload").responses["200"].content["application/json"].schema.anyOf[0] = uploaded;
};

const tagsPatches = (doc: OasNode) => {
  const { Tag, New_Tag_Request_Wrapper, Existing_Tag } = doc.components.schemas;
  // Defect (not in the README): adding tags reuses the answer's Tag, which requires server-set fields; Zoho's
  // docs take a tag by name or id (color_code optional), and over_write is optional.
  const byNameOrId = [{ required: ["name"] }, { required: ["id"] }];
  New_Tag_Request_Wrapper.properties.tags.items = { type: "object", properties: Tag.properties, anyOf: byNameOrId };
  New_Tag_Request_Wrapper.required = ["tags", "ids"];
  delete Existing_Tag.required;
  Existing_Tag.anyOf = byNameOrId;
};

const convertPatches = (doc: OasNode) => {
  const { Successful_Convert } = doc.components.schemas;
  // Defect (not in the README): a conversion that creates no deal (or links no account) answers
  // `Deals: null` (`Accounts: null`), as Zoho's convert-lead samples show; the file types both as objects.
  for (const key of ["Deals", "Accounts"]) Successful_Convert.properties[key] = { anyOf: [Successful_Convert.properties[key], { type: "null" }] };
};

const usersPatches = (doc: OasNode) => {
  // Defect (not in the README): email and website carry patterns made from one example
  // ("[a-z0-9]{9}[@][a-z0-9]{5}[.]com"), which reject almost every real address.
  walk(doc, (node) => {
    if (node.pattern === "[a-z0-9]{9}[@][a-z0-9]{5}[.]com") {
      delete node.pattern;
      node.format = "email";
    }
    if (node.pattern === "[a-z0-9]{5}[.]com") delete node.pattern;
  });
};

/** Defect: these reads declare no 204, which Zoho answers with no body when nothing matches. */
const emptyAnswerPatches = (method: Method, path: string) => (doc: OasNode) => {
  operation(doc, method, path).responses["204"] ??= noBody("no records");
};

const relatedPatches = (doc: OasNode) => {
  const list = operation(doc, "get", "/crm/v8/{module_api_name}/{record_id}/{related_list_api_name}");
  // Defect: no 204 for an empty related list (as for other lists), and (not in the README) no 400, which
  // Zoho answers with INVALID_DATA when the parent record does not exist.
  list.responses["204"] ??= noBody("no records");
  list.responses["400"] ??= { description: "error", content: { "application/json": { schema: RECORD_ERROR } } };
};

/** Patterns made from one example address ("[a-z]{7}[@]zoho[.]com") that reject nearly every real one. */
const dropExampleEmailPatterns = (doc: OasNode) =>
  walk(doc, (node) => {
    if (node.pattern === "[a-z]{7}[@]zoho[.]com") {
      delete node.pattern;
      node.format = "email";
    }
  });

const sendMailPatches = (doc: OasNode) => {
  const { data, to, cc } = doc.components.schemas;
  // Defect (not in the README): a mail requires every key the file lists (scheduled_time, in_reply_to,
  // inventory_details, ...); Zoho's send-mail docs make only from and to mandatory, with subject and content
  // or a template, and a recipient's user_name optional.
  data.required = ["from", "to"];
  to.required = ["email"];
  cc.required = ["email"];
  // Defect (not in the README): the template is the full Email_Template answer (every property required);
  // a mail names the template by id.
  data.properties.template = { type: "object", properties: { id: { type: "string" } }, required: ["id"] };
  dropExampleEmailPatterns(doc);
};

const blueprintPatches = (doc: OasNode) => {
  const { Blue_Print, Body_Wrapper, Transition, Process_Info, API_Exception } = doc.components.schemas;
  // Defect (not in the README): one schema serves the GET answer (process_info and transitions) and the PUT
  // body (transition_id and data); each side carries only its own keys, as Zoho's blueprint docs show.
  Blue_Print.required = ["process_info", "transitions"];
  Body_Wrapper.properties.blueprint.items = {
    type: "object",
    properties: { transition_id: { type: "string" }, data: Blue_Print.properties.data },
    required: ["transition_id"],
  };
  // Defect (not in the README): transition and field ids are longs, sent as digit strings (the file says int64,
  // which JSON numbers cannot hold exactly).
  Transition.properties.id = LONG;
  Process_Info.properties.field_id = LONG;
  // Defect (not in the README): the error's details require five keys no error carries together, and its
  // message lists sample texts; errors come with 400, which neither operation declares.
  delete API_Exception.properties.details.required;
  delete API_Exception.properties.message.enum;
  for (const method of ["get", "put"] as const) {
    const op = operation(doc, method, "/crm/v8/{module_api_name}/{record_id}/actions/blueprint");
    op.responses["400"] ??= { description: "error", content: { "application/json": { schema: { $ref: "#/components/schemas/API_Exception" } } } };
  }
};

const massUpdatePatches = (doc: OasNode) => {
  const path = "/crm/v8/{module}/actions/mass_update";
  const record = (name: string) => ({ $ref: `${CRM_URL}record.json#/components/schemas/${name}` });
  const listOf = (items: OasNode) => ({ type: "object", properties: { data: { type: "array", items } }, required: ["data"] });
  const json = (description: string, schema: OasNode) => ({ description, content: { "application/json": { schema } } });
  // Defect (not in the README): this file's bodies are placeholders (a required `dummy` field, the status
  // answer without a schema, the module limited to Leads); record.json describes the same endpoint in full.
  const post = operation(doc, "post", path);
  post.requestBody = { required: true, content: { "application/json": { schema: record("Mass_Update_Body_Wrapper") } } };
  post.responses["200"] = json("scheduled", listOf(record("Mass_Update_Success_Response")));
  const get = operation(doc, "get", path);
  get.parameters = get.parameters.map((p: OasNode) => (p.name === "module" ? { ...p, schema: { type: "string" } } : p));
  get.responses["200"] = json("status", listOf({ allOf: [record("Mass_Update"), { required: ["Status", "Total_Count"] }] }));
  // Defect (not in the README): the error list lacks record.json's general errors (LIMIT_EXCEEDED, ...).
  const errors = doc.components.responses.ErrorResponse.content["application/json"].schema;
  for (const op of [post, get]) op.responses["400"] = json("error", { anyOf: [errors, RECORD_ERROR] });
};

const CRM_PATCHES: Record<string, Array<(doc: OasNode) => void>> = {
  "send_mail.json": [sendMailPatches],
  "from_addresses.json": [dropExampleEmailPatterns],
  "blueprint.json": [blueprintPatches],
  "mass_update.json": [massUpdatePatches],
  "record.json": [recordPatches],
  "attachments.json": [attachmentPatches],
  "notifications.json": [notificationPatches],
  "composite_requests.json": [compositePatches],
  "notes.json": [notesPatches],
  "users.json": [usersPatches],
  "module_search.json": [searchPatches, emptyAnswerPatches("get", "/crm/v8/{module}/search")],
  "coql.json": [emptyAnswerPatches("post", "/crm/v8/coql")],
  "bulk_read.json": [bulkReadPatches],
  "bulk_write.json": [bulkWritePatches],
  "tags.json": [tagsPatches],
  "convert_lead.json": [convertPatches],
  "related_records.json": [relatedPatches],
};

export const patchCrmFile = (file: string, doc: OasNode): void => {
  // Defect: the generator writes oneOf for alternatives that overlap (e.g. common.json InvalidParamError.details
  // is `{type: object}` or ParamDetails), so a correct body fails "must match exactly one". Where branches
  // are disjoint, anyOf accepts exactly the same bodies.
  walk(doc, (node) => {
    if (Array.isArray(node.oneOf)) {
      node.anyOf = node.oneOf;
      delete node.oneOf;
    }
  });
  for (const patch of CRM_PATCHES[file] ?? []) patch(doc);
};

/** Book amounts the files type as string although Books sends numbers (e.g. invoices.yml `total`, example 10000). */
const BOOKS_AMOUNTS = new Set([
  "total",
  "sub_total",
  "balance",
  "amount",
  "amount_bcy",
  "amount_fcy",
  "bcy_amount",
  "tax_amount",
  "item_total",
  "shipping_charge",
  "salvage_value",
  "exchange_rate",
  "quantity",
  "rate",
]);

const PAGE_CONTEXT = {
  type: "object",
  properties: { page: { type: "integer" }, per_page: { type: "integer" }, has_more_page: { type: "boolean" } },
  required: ["page", "per_page", "has_more_page"],
};

const BOOKS_PATCHES: Record<string, Array<(doc: OasNode) => void>> = {
  "organizations.yml": [
    (doc) => {
      // Defect (not in the README): /organizations declares organization_id for the whole path, so even
      // listing organizations, which is how a caller learns the id, would require it.
      doc.paths["/organizations"].parameters = [];
    },
  ],
};

export const patchBooksFile = (file: string, doc: OasNode): void => {
  const relaxAmount = (name: string, schema: OasNode) => {
    if (BOOKS_AMOUNTS.has(name) && schema?.type === "string") schema.type = ["number", "string"];
  };
  // Defect: some amounts are typed string; Books answers (and accepts) numbers.
  Object.entries(doc.components?.schemas ?? {}).forEach(([name, schema]) => relaxAmount(name, schema));
  walk(doc, (node) => {
    const properties = node.properties;
    if (!properties || typeof properties !== "object") return;
    Object.entries(properties).forEach(([name, schema]) => relaxAmount(name, schema));
    // Defect: list answers type page_context as an array; Books sends an object {page, per_page, has_more_page, ...}.
    if (properties.page_context?.type === "array") properties.page_context = PAGE_CONTEXT;
  });
  for (const patch of BOOKS_PATCHES[file] ?? []) patch(doc);
};

const CRM_ERROR = (codes?: string[]) => ({
  type: "object",
  properties: {
    code: codes ? { type: "string", enum: codes } : { type: "string" },
    message: { type: "string" },
    status: { type: "string", enum: ["error"] },
    details: { type: "object" },
  },
  required: ["code", "message", "status"],
});

const BOOKS_ERROR = {
  type: "object",
  properties: { code: { type: "integer", not: { const: 0 } }, message: { type: "string" } },
  required: ["code", "message"],
};

const jsonResponse = (description: string, schema: OasNode) => ({ description, content: { "application/json": { schema } } });

/**
 * Answers any call can get, whatever the operation, which the files do not declare. Used only when the
 * operation declares no response for that status itself.
 */
const CROSS_CUTTING: Record<"crm" | "books", Record<string, OasNode>> = {
  crm: {
    // An expired, revoked or wrong-data-center token; Zoho also uses 401 for a missing scope.
    "401": jsonResponse("invalid token", CRM_ERROR(["INVALID_TOKEN", "AUTHENTICATION_FAILURE", "OAUTH_SCOPE_MISMATCH"])),
    // A token without the scope, or a user without the CRM permission.
    "403": jsonResponse("forbidden", CRM_ERROR(["OAUTH_SCOPE_MISMATCH", "NO_PERMISSION"])),
    // Zoho answers 429 on any call past the concurrency/credit limit.
    "429": jsonResponse("too many requests", CRM_ERROR(["TOO_MANY_REQUESTS"])),
    // Zoho answers 5xx on any call when it fails on its side.
    "500": jsonResponse("internal error", CRM_ERROR()),
    "502": jsonResponse("bad gateway", CRM_ERROR()),
    "503": jsonResponse("unavailable", CRM_ERROR()),
    "504": jsonResponse("gateway timeout", CRM_ERROR()),
  },
  // Books' files declare no errors at all; Zoho's Books error page lists these statuses with {code, message}.
  books: Object.fromEntries(["400", "401", "404", "405", "429", "500", "502", "503", "504"].map((status) => [status, jsonResponse("error", BOOKS_ERROR)])),
};

export const crossCuttingResponse = (api: "crm" | "books", status: string): OasNode | undefined => CROSS_CUTTING[api][status];

/** Calls the files cannot describe, with the reason; anything else the files lack is a violation. */
export const undocumentedButAllowed = (exchange: Exchange): string | undefined => {
  if (exchange.api === "accounts" || exchange.path.startsWith("/oauth/")) {
    return "Zoho's accounts server (OAuth) is not part of the CRM or Books API files";
  }
  if (/^\/crm\/v7\/functions\/[^/]+\/actions\/execute$/.test(exchange.path)) {
    return "Zoho publishes no OpenAPI file for functions run as REST APIs; sandbox/crm/functions.ts follows Zoho's functions guide";
  }
  if (/^\/v2\/crm\/[^/]+\/bulk-write\//.test(exchange.path)) {
    return "a bulk write result is fetched from the download_url Zoho hands out; the files declare it only as an opaque /{download_url}";
  }
  return undefined;
};
