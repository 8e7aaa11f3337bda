/**
 * Contract checks against Zoho's own OpenAPI files (../shared/zoho-oas, never copied into the repo).
 * `check` finds the operation an exchange used and reports, in words, every way the request or the
 * answer departs from it. Validators compile on first use: a test run pays only for the operations it hits.
 */
import fs from "node:fs";
import path from "node:path";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { parse as parseYaml } from "yaml";
import type { Exchange } from "../../sandbox/types";
import { BOOKS_FOLDER, CRM_FOLDER, holdsOas, oasDir, requiredMessage } from "./oasDir";
import { crossCuttingResponse, patchBooksFile, patchCrmFile, undocumentedButAllowed, type OasNode } from "./overlay";

export interface Contracts {
  /** Human-readable violations of the files by this exchange; [] when it conforms. */
  check(exchange: Exchange): string[];
  /** Milliseconds spent indexing the files. */
  readonly loadMs: number;
}

type Api = "crm" | "books";

/** CRM files refer to each other by these URLs; each file is registered under its own so refs resolve offline. */
const CRM_ID = "https://raw.githubusercontent.com/Zohocorp-Pvt-Ltd/crm-oas/refs/heads/main/v8.0/";
/** Books files are self-contained; this id only gives their local refs a base. */
const BOOKS_ID = "https://books.zoho-oas.invalid/v3/";

/**
 * When several files declare the same method and path shape, a file listed here loses the tie
 * (then declaration order decides, e.g. record.json's {id} before its {external_field_value}).
 */
const YIELDS: Record<string, string> = {
  "record.json": "its photo, count, fetch_full_data, mass_update and search copies predate the dedicated files",
  "users.json": "user_groups.json owns /users/{user}/actions/associated_groups",
  "customer-debit-notes.yml": "debit notes are invoices with type=debit_note; invoices.yml describes /invoices in full",
};

const METHODS = ["get", "put", "post", "patch", "delete"];
/** OpenAPI ignores these header parameters; the HTTP layer owns them. */
const RESERVED_HEADERS = new Set(["accept", "content-type", "authorization"]);

interface PathEntry {
  api: Api;
  file: string;
  /** The key under `paths`, e.g. "/{module_api_name}" relative to the server. */
  key: string;
  /** Full path matchers, e.g. "/crm/v8/{module_api_name}" -> ["crm", "v8", /^(?<module_api_name>[^/]+)$/]. */
  segments: Array<string | RegExp>;
  /** Per segment: 2 literal, 1 partly templated, 0 one parameter. */
  rank: number[];
  order: number;
}

interface Located {
  docId: string;
  pointer: string;
  node: OasNode;
}

interface Match {
  entry: PathEntry;
  docId: string;
  opPointer: string;
  op: OasNode;
  pathItem: OasNode;
  pathParams: Record<string, string>;
}

const escapePointer = (part: string) => part.replace(/~/g, "~0").replace(/\//g, "~1");
const unescapePointer = (part: string) => part.replace(/~1/g, "/").replace(/~0/g, "~");

const toSegments = (fullPath: string): Array<string | RegExp> =>
  fullPath
    .split("/")
    .filter(Boolean)
    .map((segment) => {
      if (!segment.includes("{")) return segment;
      const pattern = segment.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{([^}]+)\}/g, (_, name: string) => `(?<${name.replace(/\W/g, "_")}>[^/]+)`);
      return new RegExp(`^${pattern}$`);
    });

const segmentRank = (segment: string) => (!segment.includes("{") ? 2 : /^\{[^}]+\}$/.test(segment) ? 0 : 1);

/** Literal segments win over templated ones, compared from the left. */
const compareEntries = (a: PathEntry, b: PathEntry): number => {
  for (let i = 0; i < a.rank.length; i++) if (a.rank[i] !== b.rank[i]) return b.rank[i] - a.rank[i];
  return Number(a.file in YIELDS) - Number(b.file in YIELDS) || a.order - b.order;
};

const matchPath = (entry: PathEntry, parts: string[]): Record<string, string> | undefined => {
  if (entry.segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const segment = entry.segments[i];
    if (typeof segment === "string") {
      if (segment !== parts[i]) return undefined;
      continue;
    }
    const found = segment.exec(parts[i]);
    if (!found) return undefined;
    Object.assign(params, found.groups);
  }
  return params;
};

const serverPath = (url: string | undefined) => (url ? new URL(url).pathname.replace(/\/+$/, "") : "");

const mediaType = (headers: Record<string, string>) => {
  const found = Object.entries(headers).find(([name]) => name.toLowerCase() === "content-type");
  return found ? found[1].split(";")[0].trim().toLowerCase() : undefined;
};

const isJsonType = (type: string) => type === "application/json" || type.endsWith("+json");

const isBytes = (body: unknown): body is Buffer | string | Uint8Array => typeof body === "string" || body instanceof Uint8Array;

const hasBody = (body: unknown) => body !== undefined && body !== null && !(isBytes(body) && body.length === 0);

/** A JSON body as a value: parsed already, or bytes to parse. */
const jsonValue = (body: unknown): { value?: unknown; error?: string } => {
  if (!isBytes(body)) return { value: body };
  try {
    return { value: JSON.parse(Buffer.from(body).toString("utf8")) };
  } catch {
    return { error: "body is not valid JSON" };
  }
};

/** The declared media type that covers `actual` ("*\/*", "image/*" and exact names). */
const declaredMedia = (content: Record<string, OasNode>, actual: string) =>
  Object.keys(content).find((declared) => {
    const [type, sub] = declared.toLowerCase().split("/");
    const [actualType, actualSub] = actual.split("/");
    return (type === "*" || type === actualType) && (sub === "*" || sub === actualSub);
  });

/** Ajv's errors as short sentences, deepest first: with anyOf, the branch that got furthest is the likely intent. */
const describeErrors = (errors: ErrorObject[] | null | undefined, subject: string): string[] => {
  const lines = (errors ?? [])
    .filter((e) => e.keyword !== "anyOf" && e.keyword !== "oneOf" && e.keyword !== "if")
    .sort((a, b) => b.instancePath.split("/").length - a.instancePath.split("/").length)
    .map((e) => {
      const where = e.instancePath ? `${subject} at ${e.instancePath}` : subject;
      const extra =
        e.keyword === "enum"
          ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")})`
          : e.keyword === "additionalProperties"
            ? ` (${(e.params as { additionalProperty: string }).additionalProperty})`
            : "";
      return `${where} ${e.message}${extra}`;
    });
  const unique = [...new Set(lines)];
  if (unique.length === 0) return [`${subject} does not match the schema`];
  return unique.length > 6 ? [...unique.slice(0, 6), `... and ${unique.length - 6} more`] : unique;
};

/** Query, path and header values arrive as text: read them as the schema's type before validating. */
const coerce = (value: string, schema: OasNode): unknown => {
  const type = Array.isArray(schema?.type) ? schema.type[0] : schema?.type;
  if ((type === "integer" || type === "number") && value.trim() !== "" && !Number.isNaN(Number(value))) return Number(value);
  if (type === "boolean" && (value === "true" || value === "false")) return value === "true";
  if (type === "array") return value.split(",").map((item) => coerce(item, schema.items));
  return value;
};

const apiOf = (exchange: Exchange): Api | undefined => {
  if (exchange.api === "crm" || exchange.api === "books") return exchange.api;
  return exchange.path.startsWith("/books/") ? "books" : exchange.path.startsWith("/crm/") ? "crm" : undefined;
};

class OasContracts implements Contracts {
  readonly loadMs: number;
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
  private readonly docs = new Map<string, OasNode>();
  private readonly entries: PathEntry[] = [];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly dir: string) {
    const started = Date.now();
    addFormats(this.ajv);
    this.indexCrm();
    this.indexBooks();
    this.loadMs = Date.now() - started;
  }

  private indexCrm() {
    const folder = path.join(this.dir, CRM_FOLDER);
    for (const file of fs
      .readdirSync(folder)
      .filter((f) => f.endsWith(".json"))
      .sort()) {
      const doc = JSON.parse(fs.readFileSync(path.join(folder, file), "utf8"));
      patchCrmFile(file, doc);
      this.addDoc(CRM_ID + file, doc);
      for (const [key, item] of Object.entries<OasNode>(doc.paths ?? {})) {
        // An operation may name its own server (bulk upload: content.zohoapis.com); all share the base path.
        const prefix = serverPath(METHODS.map((m) => item[m]?.servers?.[0]?.url).find(Boolean) ?? doc.servers?.[0]?.url);
        this.addEntry("crm", file, key, prefix);
      }
    }
  }

  /** Books YAML is slow to parse, so only its path keys are read now; a file is parsed when a call needs it. */
  private indexBooks() {
    const folder = path.join(this.dir, BOOKS_FOLDER);
    for (const file of fs
      .readdirSync(folder)
      .filter((f) => f.endsWith(".yml") || f.endsWith(".yaml"))
      .sort()) {
      const text = fs.readFileSync(path.join(folder, file), "utf8");
      const server = /^servers:\s*\n\s*-\s*\n?\s*url:\s*['"]?([^'"\s]+)/m.exec(text)?.[1];
      const pathsAt = text.search(/^paths:\s*$/m);
      const pathsLength = text.slice(pathsAt).search(/\n\S/); // up to the next top-level key
      const paths = text.slice(pathsAt, pathsLength < 0 ? undefined : pathsAt + pathsLength);
      for (const found of paths.matchAll(/^ {2}['"]?(\/[^'":]*)['"]?:\s*$/gm)) this.addEntry("books", file, found[1], serverPath(server));
    }
  }

  private addEntry(api: Api, file: string, key: string, prefix: string) {
    const full = prefix + key;
    const rank = full.split("/").filter(Boolean).map(segmentRank);
    this.entries.push({ api, file, key, segments: toSegments(full), rank, order: this.entries.length });
  }

  private addDoc(docId: string, doc: OasNode) {
    this.docs.set(docId, doc);
    this.ajv.addSchema(doc, docId);
  }

  private docFor(entry: PathEntry): string {
    const docId = (entry.api === "crm" ? CRM_ID : BOOKS_ID) + entry.file;
    if (!this.docs.has(docId)) {
      const doc = parseYaml(fs.readFileSync(path.join(this.dir, BOOKS_FOLDER, entry.file), "utf8"));
      patchBooksFile(entry.file, doc);
      this.addDoc(docId, doc);
    }
    return docId;
  }

  /** Follows `$ref`s (local or another CRM file's URL) to the node they name. */
  private resolve(located: Located): Located {
    let current = located;
    for (let hops = 0; current.node?.$ref; hops++) {
      const ref: string = current.node.$ref;
      const [base, fragment = ""] = ref.split("#");
      const docId = base === "" ? current.docId : base;
      let node = this.docs.get(docId);
      for (const part of fragment.split("/").filter(Boolean)) node = node?.[unescapePointer(decodeURIComponent(part))];
      if (node === undefined || hops > 20) throw new Error(`cannot resolve $ref ${ref} in ${path.basename(current.docId)}`);
      current = { docId, pointer: fragment, node };
    }
    return current;
  }

  private validator(key: string, schema: () => object): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(schema());
      this.validators.set(key, validate);
    }
    return validate;
  }

  /** Validates `value` against the schema at `located` + `/schema`-style pointer `at`. */
  private validate(located: Located, at: string, value: unknown, subject: string): string[] {
    const ref = `${located.docId}#${located.pointer}${at}`;
    const validate = this.validator(ref, () => ({ $ref: ref }));
    return validate(value) ? [] : describeErrors(validate.errors, subject);
  }

  private find(api: Api, method: string, fullPath: string): Match | undefined {
    const parts = fullPath
      .split("/")
      .filter(Boolean)
      .map((part) => {
        try {
          return decodeURIComponent(part);
        } catch {
          return part;
        }
      });
    const candidates = this.entries
      .filter((entry) => entry.api === api)
      .map((entry) => ({ entry, params: matchPath(entry, parts) }))
      .filter((c): c is { entry: PathEntry; params: Record<string, string> } => c.params !== undefined)
      .sort((a, b) => compareEntries(a.entry, b.entry));
    for (const { entry, params } of candidates) {
      const docId = this.docFor(entry);
      const pathItem = this.docs.get(docId).paths[entry.key];
      const op = pathItem?.[method];
      if (op) return { entry, docId, opPointer: `/paths/${escapePointer(entry.key)}/${method}`, op, pathItem, pathParams: params };
    }
    return undefined;
  }

  check(exchange: Exchange): string[] {
    if (undocumentedButAllowed(exchange)) return [];
    const method = exchange.method.toLowerCase();
    const api = apiOf(exchange);
    const match = api ? this.find(api, method, exchange.path) : undefined;
    if (!api || !match) return [`undocumented operation ${exchange.method.toUpperCase()} ${exchange.path}`];
    const label = `${exchange.method.toUpperCase()} ${exchange.path} → ${exchange.status} [${match.entry.file}: ${exchange.method.toUpperCase()} ${match.entry.key}]`;
    let problems: string[];
    try {
      problems = [...this.checkParameters(match, exchange), ...this.checkRequestBody(match, exchange), ...this.checkResponse(api, match, exchange)];
    } catch (error) {
      problems = [`contract checker failed: ${(error as Error).message}`];
    }
    return problems.map((problem) => `${label}: ${problem}`);
  }

  private checkParameters(match: Match, exchange: Exchange): string[] {
    const declared = new Map<string, Located>();
    const collect = (list: OasNode[] | undefined, pointer: string) =>
      (list ?? []).forEach((param, i) => {
        const located = this.resolve({ docId: match.docId, pointer: `${pointer}/parameters/${i}`, node: param });
        declared.set(`${located.node.in}:${located.node.name}`, located); // operation-level entries replace path-level ones
      });
    collect(match.pathItem.parameters, `/paths/${escapePointer(match.entry.key)}`);
    collect(match.op.parameters, match.opPointer);

    const headers = new Map(Object.entries(exchange.headers).map(([name, value]) => [name.toLowerCase(), value]));
    const problems: string[] = [];
    for (const located of declared.values()) {
      const { name, in: where, required, schema } = located.node;
      if (where === "header" && RESERVED_HEADERS.has(name.toLowerCase())) continue;
      const value =
        where === "path"
          ? match.pathParams[name.replace(/\W/g, "_")]
          : where === "query"
            ? exchange.query[name]
            : where === "header"
              ? headers.get(name.toLowerCase())
              : undefined;
      if (value === undefined) {
        if (required && where !== "cookie") problems.push(`missing required ${where} parameter ${name}`);
        continue;
      }
      if (!schema) continue;
      const typed = coerce(value, this.resolve({ ...located, node: schema }).node);
      problems.push(...this.validate(located, "/schema", typed, `${where} parameter ${name}=${JSON.stringify(value)}:`));
    }
    return problems;
  }

  private checkRequestBody(match: Match, exchange: Exchange): string[] {
    const sent = hasBody(exchange.requestBody);
    if (!match.op.requestBody) return sent ? ["sends a request body but the operation declares none"] : [];
    const body = this.resolve({ docId: match.docId, pointer: `${match.opPointer}/requestBody`, node: match.op.requestBody });
    if (!sent) return body.node.required ? ["missing the required request body"] : [];
    const content: Record<string, OasNode> = body.node.content ?? {};
    const actual = mediaType(exchange.headers) ?? (isBytes(exchange.requestBody) ? "application/octet-stream" : "application/json");
    const media = declaredMedia(content, actual);
    if (!media) return [`sends ${actual}; the operation takes ${Object.keys(content).join(", ") || "no body"}`];
    const schema = content[media].schema;
    if (!schema) return [];
    if (isJsonType(actual)) {
      const { value, error } = jsonValue(exchange.requestBody);
      return error ? [`request ${error}`] : this.validate(body, `/content/${escapePointer(media)}/schema`, value, "request body");
    }
    if (actual === "multipart/form-data") {
      // Only the form fields' presence is checked; their contents are files.
      const text = isBytes(exchange.requestBody) ? Buffer.from(exchange.requestBody).toString("latin1") : "";
      const required: string[] = this.resolve({ ...body, node: schema }).node.required ?? [];
      return required
        .filter((field) => !new RegExp(`content-disposition:[^\\r\\n]*\\bname="${field}"`, "i").test(text))
        .map((field) => `multipart request lacks the required form field "${field}"`);
    }
    return [];
  }

  private checkResponse(api: Api, match: Match, exchange: Exchange): string[] {
    const status = String(exchange.status);
    const responses: Record<string, OasNode> = match.op.responses ?? {};
    const key = [status, `${status[0]}XX`, `${status[0]}xx`, "default"].find((k) => k in responses);
    let response: Located;
    if (key) {
      response = this.resolve({ docId: match.docId, pointer: `${match.opPointer}/responses/${escapePointer(key)}`, node: responses[key] });
    } else {
      const common = crossCuttingResponse(api, status);
      if (!common) return [`status ${status} is not declared (declares ${Object.keys(responses).join(", ")})`];
      response = { docId: `overlay:${api}`, pointer: `/${status}`, node: common };
    }
    const content: Record<string, OasNode> = response.node.content ?? {};
    const declaredTypes = Object.keys(content);
    const answered = hasBody(exchange.responseBody);
    if (declaredTypes.length === 0) return answered ? [`answers a body but status ${status} declares none`] : [];
    if (!answered) return [`answers no body; status ${status} declares ${declaredTypes.join(", ")}`];

    const actual = mediaType(exchange.responseHeaders) ?? (isBytes(exchange.responseBody) ? "application/octet-stream" : "application/json");
    if (!isJsonType(actual)) {
      // File downloads carry the file's own type, so any declared non-JSON type covers them.
      return declaredTypes.some((t) => !isJsonType(t)) ? [] : [`answers ${actual}; status ${status} declares ${declaredTypes.join(", ")}`];
    }
    const media = declaredTypes.find(isJsonType) ?? declaredMedia(content, actual);
    if (!media) return [`answers ${actual}; status ${status} declares ${declaredTypes.join(", ")}`];
    const { value, error } = jsonValue(exchange.responseBody);
    if (error) return [`response ${error}`];
    if (!content[media].schema) return [];
    if (!key) {
      const validate = this.validator(`${response.docId}#${response.pointer}`, () => content[media].schema);
      return validate(value) ? [] : describeErrors(validate.errors, "response body");
    }
    return this.validate(response, `/content/${escapePointer(media)}/schema`, value, "response body");
  }
}

const loaded = new Map<string, Contracts | undefined>();

/** The contracts for this process (loaded once per folder), or undefined when the files are absent. */
export const loadContracts = (): Contracts | undefined => {
  const dir = oasDir();
  if (!loaded.has(dir)) loaded.set(dir, holdsOas(dir) ? new OasContracts(dir) : undefined);
  return loaded.get(dir);
};

/**
 * The contracts, or undefined when the files are absent: every contract assertion then stands down
 * (see TestSandbox.contractChecks). The run says so once, in test/contract/globalSetup.ts.
 */
export const contractsOrSkip = (): Contracts | undefined => {
  const contracts = loadContracts();
  if (contracts) return contracts;
  if (process.env.ZOHO_OAS_REQUIRED === "1") throw new Error(requiredMessage());
  return undefined;
};
