/**
 * The publishable bundle swaps parts of spectral, zod and others for small stand-ins
 * (scripts/build.mjs). This builds it and checks it is the same component as the source, and that
 * its actions, triggers and data sources really run over HTTP, so a shim that drops something a
 * step needs fails here rather than on the platform.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHarness } from "@prismatic-io/spectral/dist/testing";
import source from "../src";
import { connectionFor, useSandbox } from "./helpers/sandbox";

const sandbox = useSandbox();
const out = mkdtempSync(join(tmpdir(), "zoho-bundle-"));
let bundled: any;

beforeAll(() => {
  execFileSync(process.execPath, ["scripts/build.mjs"], { env: { ...process.env, BUILD_OUT: out }, stdio: "pipe" });
  bundled = require(join(out, "index.js")).default;
}, 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** What the platform reads of a component: keys, labels, inputs (without functions). */
const surface = (component: any) => JSON.parse(JSON.stringify(component));

it("the bundle's stand-in for spectral provides every value our code imports from it", () => {
  const stand_in = require("../scripts/bundle-shims/spectral.cjs");
  const files = execFileSync("git", ["ls-files", "src", "actions", "triggers", "dataSources", "connections"], { encoding: "utf8" })
    .split("\n")
    .filter((f) => f.endsWith(".ts"));
  const imported = new Set<string>();
  for (const file of files) {
    const text = require("node:fs").readFileSync(file, "utf8") as string;
    for (const [, names] of text.matchAll(/import \{([^}]*)\} from "@prismatic-io\/spectral";/g)) {
      for (const name of names
        .split(",")
        .map((n) => n.trim())
        .filter((n) => n && !n.startsWith("type ")))
        imported.add(name);
    }
  }
  expect(imported.size).toBeGreaterThan(3);
  const missing = [...imported].filter((name) => stand_in[name] === undefined);
  expect(missing).toEqual([]);
});

it("is the same component as the source", () => {
  expect(bundled.key).toBe("zoho");
  expect(surface(bundled)).toEqual(surface(source));
  expect(Object.keys(bundled.actions).length).toBeGreaterThan(40);
});

it("runs an action, a data source and a polling trigger over HTTP", async () => {
  const s = sandbox();
  const [lead] = s.seedCrm({ module: "Leads", count: 1, fields: () => ({ Last_Name: "Bundled" }) });
  const harness = createHarness(bundled);
  const connection = connectionFor(s);

  const got: any = await harness.action("crmGetRecord", { connection, recordType: "Leads", recordId: lead.id });
  expect(got.data).toMatchObject({ id: lead.id, Last_Name: "Bundled" });

  const modules: any = await harness.dataSource("selectCrmModule", { connection });
  expect(modules.result).toEqual(expect.arrayContaining([expect.objectContaining({ key: "Leads" })]));

  // Bad input still fails before any request, with the input named: zod survived the bundling.
  const before = s.log.length;
  await expect(harness.action("crmGetRecord", { connection, recordType: "Leads", recordId: "not an id" })).rejects.toThrow(/Record ID/);
  expect(s.log.length).toBe(before);
});

it("sends a multipart raw request (spectral's util and the first-use form-data stand-in)", async () => {
  const s = sandbox();
  const [lead] = s.seedCrm({ module: "Leads", count: 1 });
  const harness = createHarness(bundled);
  const sent: any = await harness.action("crmRawRequest", {
    connection: connectionFor(s),
    url: `/Leads/${lead.id}/Attachments`,
    method: "POST",
    fileData: [{ key: "file", value: "hello from the bundle" }],
    fileDataFileNames: [{ key: "file", value: "note.txt" }],
  });
  expect(sent.data.data[0]).toMatchObject({ code: "SUCCESS" });
  const listed: any = await harness.action("crmListAttachments", { connection: connectionFor(s), recordType: "Leads", recordId: lead.id });
  expect(listed.data.data.map((a: any) => a.File_Name)).toEqual(["note.txt"]);
});

it("loads the bulk libraries on first use", async () => {
  const s = sandbox();
  s.seedCrm({ module: "Contacts", count: 30 });
  Object.assign(s.state.crm, { bulkPollsToComplete: 0 });
  const harness = createHarness(bundled);
  const read: any = await harness.action("crmBulkReadRecords", { connection: connectionFor(s), recordType: "Contacts", fields: "Last_Name" });
  expect(read.data.records ?? read.data.data).toHaveLength(30);
});

it("the bundle's lodash omit stand-in answers as lodash's omit, for the calls it takes and the ones it hands over", () => {
  const fast = require("../scripts/bundle-shims/lodash-omit.cjs");
  const lodash = require("lodash/omit");
  const symbol = Symbol("s");
  const inherited = Object.assign(Object.create({ inheritedKey: 1 }), { own: 2, permissionAndVisibilityType: "x" });
  const cases: Array<[unknown, unknown[]]> = [
    // What spectral's convertComponent passes: a plain definition and a list of plain keys.
    [
      {
        label: "Record ID",
        type: "string",
        required: true,
        permissionAndVisibilityType: "customer",
        visibleToOrgDeployer: true,
        writeOnly: false,
        clean: () => 1,
      },
      [["permissionAndVisibilityType", "visibleToOrgDeployer", "writeOnly"]],
    ],
    [{ display: { label: "x" }, perform: () => undefined, batchConfig: undefined }, [["batchConfig", "triggerResolver", "onDeployResolver"]]],
    [{}, [["a"]]],
    [{ a: undefined, b: null, c: 0 }, [["a", "missing"]]],
    // Handed over to lodash: paths, symbols, inherited keys, varargs, non-objects, __proto__.
    [{ a: { b: 1, c: 2 }, d: 3 }, [["a.b"]]],
    [{ a: 1, [symbol]: 2 }, [["a"]]],
    [inherited, [["own"]]],
    [{ a: 1, b: 2 }, ["a", "b"]],
    [null, [["a"]]],
    [[1, 2, 3], [["0"]]],
    [JSON.parse('{"__proto__": {"x": 1}, "a": 1}'), [["a"]]],
  ];
  for (const [object, paths] of cases) {
    const expected = lodash(object, ...paths);
    const actual = fast(object, ...paths);
    expect(actual).toEqual(expected);
    expect(Reflect.ownKeys(actual)).toEqual(Reflect.ownKeys(expected));
  }
});

it("the bundle's lodash uniq stand-in answers as lodash's uniq", () => {
  const fast = require("../scripts/bundle-shims/lodash-uniq.cjs");
  const lodash = require("lodash/uniq");
  const object = {};
  const cases: unknown[] = [
    ["connection", "recordType", "connection", "fields"],
    [1, NaN, NaN, "1", 1, object, object, {}],
    [-0, 0],
    [0, -0],
    [],
    null,
    undefined,
    "abca",
  ];
  for (const value of cases) {
    const actual = fast(value);
    const expected = lodash(value);
    expect(actual).toEqual(expected);
    expect(actual.map((v: unknown) => Object.is(v, -0))).toEqual(expected.map((v: unknown) => Object.is(v, -0)));
  }
});

it("the bundle's lodash merge stand-in answers as lodash's merge, for the calls it takes and the ones it hands over", () => {
  const fast = require("../scripts/bundle-shims/lodash-merge.cjs");
  const lodash = require("lodash/merge");
  const clean = () => 1;
  const make = (): Array<[Record<string, unknown> | null, unknown[]]> => [
    // What templateConnectionInputs passes: inputs and template inputs with no key in common.
    [
      { region: { label: "Region", type: "string", clean }, scopes: { label: "Scopes", default: "a b" } },
      [{ authorizeUrl: { label: "Authorize URL", type: "template", templateValue: "{{#region}}/auth" }, tokenUrl: { label: "Token", list: [1, [2]] } }],
    ],
    [{}, [{ a: { b: { c: null } }, d: undefined }]],
    // Handed over to lodash: shared keys (deep merge), functions, several sources, class instances, __proto__, null.
    [{ a: { x: 1 } }, [{ a: { y: 2 } }]],
    [{ a: 1 }, [{ b: { clean } }]],
    [{ a: 1 }, [{ b: 2 }, { c: 3 }]],
    [{ a: 1 }, [{ when: new Date(0) }]],
    [{ a: 1 }, [JSON.parse('{"__proto__": {"polluted": true}}')]],
    [null, [{ a: 1 }]],
  ];
  const [expectedCases, actualCases] = [make(), make()];
  expectedCases.forEach(([object, sources], i) => {
    const expected = lodash(object, ...sources);
    const [target, given] = actualCases[i];
    const actual = fast(target, ...given);
    expect(actual).toEqual(expected);
    // It changes and returns its first argument, and copies what it takes rather than sharing it.
    if (target !== null) expect(actual).toBe(target);
    if (i === 0) expect((actual as any).tokenUrl.list).not.toBe((given[0] as any).tokenUrl.list);
  });
  expect(({} as any).polluted).toBeUndefined();
});

it("the bundle's es-set-tostringtag and hasown stand-ins answer as the packages do", () => {
  const stand = { set: require("../scripts/bundle-shims/set-tostringtag.cjs"), hasOwn: require("../scripts/bundle-shims/hasown.cjs") };
  const real = { set: require("es-set-tostringtag"), hasOwn: require("hasown") };
  const tagged = (set: (...args: unknown[]) => void, ...args: unknown[]) => {
    const object: Record<PropertyKey, unknown> = { a: 1 };
    if (args[0] === "preset") Object.defineProperty(object, Symbol.toStringTag, { value: "Old", configurable: true });
    const options = args[0] === "preset" ? args.slice(1) : args;
    try {
      set(object, "FormData", ...options);
    } catch (error) {
      return `${(error as Error).name}: ${(error as Error).message}`;
    }
    return Object.getOwnPropertyDescriptor(object, Symbol.toStringTag);
  };
  const cases: unknown[][] = [[], [{}], [{ force: true }], [{ nonConfigurable: true }], [{ force: "yes" }], [null], ["preset"], ["preset", { force: true }]];
  for (const args of cases) expect(tagged(stand.set, ...args)).toEqual(tagged(real.set, ...args));
  for (const [object, key] of [
    [{ a: 1 }, "a"],
    [{ a: 1 }, "toString"],
    [Object.create({ b: 1 }), "b"],
  ] as Array<[object, string]>) {
    expect(stand.hasOwn(object, key)).toBe(real.hasOwn(object, key));
  }
});

it("axios with the build's edits still follows redirects, times responses and sends spec FormData, as axios does", async () => {
  const Module = require("node:module");
  const file = require.resolve("axios/dist/node/axios.cjs");
  const load = (source: string) => {
    const module = new Module(file);
    module.filename = file;
    module.paths = Module._nodeModulePaths(require("node:path").dirname(file));
    module._compile(source, file);
    return module.exports;
  };
  const source = require("node:fs").readFileSync(file, "utf8");
  const original = load(source);
  const edited = load(require("../scripts/bundle-shims/axios-edits.cjs").apply(source, file));
  const { loopback } = require("./helpers/loopback");
  const server = await loopback((req: { url: string; body: string; headers: Record<string, string> }, res: import("node:http").ServerResponse) => {
    if (req.url === "/moved") {
      res.writeHead(302, { location: "/here" });
      return res.end();
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        url: req.url,
        multipart: /^multipart\/form-data; boundary=/.test(req.headers["content-type"] ?? ""),
        hasField: req.body.includes('name="a"'),
      }),
    );
  });
  try {
    const exchange = async (axios: any) => {
      const followed = await axios.get(`${server.url}/moved`);
      const refused = await axios.get(`${server.url}/moved`, { maxRedirects: 0, validateStatus: () => true });
      const form = new FormData();
      form.append("a", "1");
      const posted = await axios.post(`${server.url}/form`, form);
      expect(typeof followed.duration === "number" && followed.duration >= 0).toBe(true);
      return { followed: followed.data, refused: refused.status, posted: posted.data };
    };
    expect(await exchange(edited)).toEqual(await exchange(original));
    expect(await exchange(edited)).toEqual({
      followed: { url: "/here", multipart: false, hasField: false },
      refused: 302,
      posted: { url: "/form", multipart: true, hasField: true },
    });
  } finally {
    await server.close();
  }
});

it("axios with the build's edits (bundle-shims/axios-edits.cjs) tells FormData bodies as axios does and still builds its fetch adapter on demand", () => {
  const Module = require("node:module");
  const file = require.resolve("axios/dist/node/axios.cjs");
  const load = (source: string) => {
    const module = new Module(file);
    module.filename = file;
    module.paths = Module._nodeModulePaths(require("node:path").dirname(file));
    module._compile(source, file);
    return module.exports;
  };
  const source = require("node:fs").readFileSync(file, "utf8");
  const original = load(source);
  const edited = load(require("../scripts/bundle-shims/axios-edits.cjs").apply(source, file));
  const FormDataPackage = require("form-data");
  const bodies: unknown[] = [
    {},
    { append: "not a function" },
    { append: () => undefined },
    [1, 2],
    "text",
    Buffer.from("bytes"),
    null,
    undefined,
    Object.create(null),
    new URLSearchParams("a=1"),
    new FormDataPackage(),
    new FormData(),
  ];
  // axios's request transform is where it tells FormData bodies from the rest (sent as they are, or as JSON).
  const transformed = (axios: any, body: unknown) => {
    const headers = new axios.AxiosHeaders();
    try {
      const out = axios.defaults.transformRequest[0].call({ ...axios.defaults }, body, headers);
      return { out: out === body ? "same body" : typeof out === "string" ? out : Object.prototype.toString.call(out), headers: headers.toJSON() };
    } catch (error) {
      return { error: (error as Error).message };
    }
  };
  for (const body of bodies) expect(transformed(edited, body)).toEqual(transformed(original, body));
  expect(typeof edited.getAdapter("fetch")).toBe("function");
  expect(typeof edited.getAdapter("http")).toBe(typeof original.getAdapter("http"));
});
