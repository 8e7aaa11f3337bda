/** The command line of `npm start`: parsing, and turning --input/--json into a step's inputs. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs, UsageError } from "../../scripts/runner/args";
import { buildParams, catalog, findEntry, formatList, readJsonInputs } from "../../scripts/runner/catalog";

const dir = mkdtempSync(join(tmpdir(), "zoho-start-"));
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe("parseArgs", () => {
  it("no arguments, or demo, plays the demo; list and help are commands", () => {
    expect(parseArgs([])).toEqual({ command: "demo" });
    expect(parseArgs(["demo"])).toEqual({ command: "demo" });
    expect(parseArgs(["list"])).toEqual({ command: "list" });
    expect(parseArgs(["help"])).toEqual({ command: "help" });
    expect(parseArgs(["crmGetRecord", "--help"])).toEqual({ command: "help" });
  });

  it("reads --input as text, :=JSON or @file, in both flag spellings, with --json and --out", () => {
    expect(
      parseArgs([
        "crmCreateRecords",
        "--input",
        "recordType=Leads",
        "-i",
        'records:=[{"Last_Name":"A=B"}]',
        "--input=file=@quote.pdf",
        "--json",
        "in.json",
        "--out=x.pdf",
      ]),
    ).toEqual({
      command: "run",
      key: "crmCreateRecords",
      inputs: [
        { name: "recordType", value: "Leads", form: "text" },
        { name: "records", value: '[{"Last_Name":"A=B"}]', form: "json" },
        { name: "file", value: "quote.pdf", form: "file" },
      ],
      jsonFile: "in.json",
      outFile: "x.pdf",
    });
    // Only the first "=" separates the name: the rest is the value.
    expect(parseArgs(["k", "-i", "query=select a where b = 'c'"])).toMatchObject({ inputs: [{ name: "query", value: "select a where b = 'c'" }] });
    expect(parseArgs(["k", "-i", "fieldValues=Last_Name=Smith"])).toMatchObject({ inputs: [{ name: "fieldValues", value: "Last_Name=Smith" }] });
  });

  it.each([
    [["--frobnicate"], /unknown flag --frobnicate/],
    [["crmGetRecord", "-x"], /unknown flag -x/],
    [["crmGetRecord", "--input"], /--input needs a value/],
    [["crmGetRecord", "--input", "--json", "a.json"], /--input needs a value/],
    [["crmGetRecord", "--input", "recordType"], /"recordType" is not name=value/],
    [["crmGetRecord", "--input", "=Leads"], /"=Leads" is not name=value/],
    [["crmGetRecord", "--input", "file=@"], /names no file/],
    [["crmGetRecord", "--json", "a.json", "--json", "b.json"], /--json is given twice/],
    [["--input", "recordType=Leads"], /need an action key first/],
    [["list", "--json", "a.json"], /list takes no options/],
    [["crmGetRecord", "crmGetRecords"], /one command at a time/],
  ])("rejects %j", (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});

describe("catalog", () => {
  it("holds every action, trigger and data source of the component, keyed as the platform knows them", () => {
    const component = require("../../src/index").default;
    const keys = (kind: string) =>
      catalog()
        .filter((entry) => entry.kind === kind)
        .map((entry) => entry.key)
        .sort();
    expect(keys("action")).toEqual(Object.keys(component.actions).sort());
    expect(keys("trigger")).toEqual(Object.keys(component.triggers).sort());
    expect(keys("data source")).toEqual(Object.keys(component.dataSources).sort());
  });

  it("lists each with its input keys, required ones starred, the connection left out", () => {
    const list = formatList();
    expect(list).toMatch(/^ {2}crmGetRecord +Get Record\n +recordType\* recordId\* fields debugRequest$/m);
    expect(list).toMatch(/^ {2}notificationsTrigger +CRM Notifications \[webhook: runs in the demo\]$/m);
    expect(list).toMatch(/^Data sources \(\d+\)$/m);
    expect(list).not.toMatch(/\bconnection\*/);
  });

  it("suggests a key that looks like an unknown one", () => {
    expect(() => findEntry("crmgetrecord")).toThrow(/unknown action, trigger or data source "crmgetrecord" \(did you mean crmGetRecord/);
    expect(() => findEntry("nothingLikeIt")).toThrow(/npm start -- list shows every key/);
  });
});

describe("buildParams", () => {
  it("fills defaults as the platform does, and shapes list and key/value list inputs", () => {
    const params = buildParams(findEntry("crmCreateRecord"), [
      { name: "recordType", value: "Leads", form: "text" },
      { name: "fieldValues", value: "Last_Name=Smith", form: "text" },
      { name: "fieldValues", value: "Note=a=b", form: "text" },
    ]);
    expect(params).toMatchObject({
      recordType: "Leads",
      fieldValues: [
        { key: "Last_Name", value: "Smith" },
        { key: "Note", value: "a=b" },
      ],
      debugRequest: "false",
    });
    expect(params).not.toHaveProperty("connection");
    const trigger = buildParams(findEntry("notificationsTrigger"), [{ name: "recordType", value: "Leads", form: "text" }]);
    expect(trigger.operations).toEqual(["all"]);
    const removal = buildParams(findEntry("crmRemoveRecords"), [
      { name: "recordType", value: "Leads", form: "text" },
      { name: "recordIds", value: "1", form: "text" },
      { name: "recordIds", value: '["2","3"]', form: "json" },
    ]);
    expect(removal.recordIds).toEqual(["1", "2", "3"]);
  });

  it("reads files: bytes for data inputs, text for others; --json values lose to --input", () => {
    const bytes = Buffer.from([0, 1, 2, 255]);
    const params = buildParams(
      findEntry("crmAddAttachment"),
      [
        { name: "file", value: file("a.bin", bytes), form: "file" },
        { name: "recordId", value: "2", form: "text" },
      ],
      { recordType: "Leads", recordId: "1", fileName: "a.bin" },
    );
    expect(Buffer.compare(params.file as Buffer, bytes)).toBe(0);
    expect(params).toMatchObject({ recordType: "Leads", recordId: "2", fileName: "a.bin" });
    const query = buildParams(findEntry("crmRunQuery"), [{ name: "query", value: file("q.sql", "select a from Leads where id is not null"), form: "file" }]);
    expect(query.query).toBe("select a from Leads where id is not null");
  });

  it.each([
    [
      "an unknown input",
      "crmGetRecord",
      [{ name: "recordTyp", value: "Leads", form: "text" }],
      /unknown input "recordTyp": crmGetRecord takes recordType, recordId, fields, debugRequest/,
    ],
    ["the connection", "crmGetRecord", [{ name: "connection", value: "x", form: "text" }], /unknown input "connection": the runner supplies the connection/],
    [
      "a missing required input",
      "crmGetRecord",
      [{ name: "recordType", value: "Leads", form: "text" }],
      /needs the required input recordId \(Record ID\): add --input recordId=/,
    ],
    ["missing required inputs", "crmGetRecord", [], /needs the required inputs recordType \(Module\), recordId \(Record ID\)/],
    [
      "a key/value input without key=value",
      "crmCreateRecord",
      [{ name: "fieldValues", value: "Smith", form: "text" }],
      /fieldValues is a key\/value list, give fieldValues=key=value/,
    ],
    ["malformed JSON", "crmRunQuery", [{ name: "query", value: "{", form: "json" }], /--input query:=… is not valid JSON/],
    ["a missing file", "crmRunQuery", [{ name: "query", value: join(dir, "none.sql"), form: "file" }], /cannot read the file \(ENOENT\)/],
    [
      "a repeated single input",
      "crmRunQuery",
      [
        { name: "query", value: "a", form: "text" },
        { name: "query", value: "b", form: "text" },
      ],
      /--input query is given twice and is not a list input/,
    ],
  ] as const)("rejects %s", (_, key, raw, message) => {
    expect(() => buildParams(findEntry(key), [...raw])).toThrow(message);
  });

  it("--json must be a readable JSON object", () => {
    expect(readJsonInputs(file("ok.json", '{"recordType": "Leads"}'))).toEqual({ recordType: "Leads" });
    expect(() => readJsonInputs(file("bad.json", "{recordType"))).toThrow(/bad\.json is not valid JSON/);
    expect(() => readJsonInputs(file("list.json", "[1]"))).toThrow(/must hold a JSON object of inputs/);
    expect(() => readJsonInputs(join(dir, "missing.json"))).toThrow(/cannot read the file \(ENOENT\)/);
  });
});
