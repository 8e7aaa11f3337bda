/** The command line of `npm start`: what to run, parsed without looking at the component. */

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** One `--input`: `name=text`, `name:=JSON` or `name=@file`. */
export interface RawInput {
  name: string;
  value: string;
  form: "text" | "json" | "file";
}

export type Command =
  | { command: "demo" }
  | { command: "list" }
  | { command: "help" }
  | { command: "run"; key: string; inputs: RawInput[]; jsonFile?: string; outFile?: string };

export const USAGE = `Usage:
  npm start                          play a realistic flow end to end (the embedded sandbox, or your org in live mode)
  npm start -- list                  every action, trigger and data source with its input keys (* = required)
  npm start -- <key> [options]       run one action, data source or polling trigger and print its result as JSON
  npm start -- help                  this text

Options of <key>:
  --input name=value, -i name=value  an input as text; repeat it for list inputs; key/value lists take name=key=value
  --input name:=JSON                 an input as a JSON value, e.g. records:='[{"Last_Name":"Smith"}]'
  --input name=@path                 an input read from a file (bytes for File inputs, text otherwise)
  --json file                        a JSON object of inputs; --input values win
  --out file                         write a binary result (PDF, attachment) to file instead of describing it

Environment:
  ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET, ZOHO_REFRESH_TOKEN and ZOHO_ACCOUNTS_SERVER (or ZOHO_REGION: us, eu, in, au,
  jp, ca, cn, sa, uk, ae) run against that real Zoho org; the demo then only reads. Without them everything runs
  against the embedded sandbox, in ZOHO_REGION's data center (default eu).`;

const parseInput = (text: string): RawInput => {
  const match = /^([A-Za-z_$][\w$]*)(:?=)([\s\S]*)$/.exec(text);
  if (!match) throw new UsageError(`--input "${text}" is not name=value (or name:=JSON)`);
  const [, name, operator, value] = match;
  if (operator === ":=") return { name, value, form: "json" };
  if (value.startsWith("@")) {
    if (value.length === 1) throw new UsageError(`--input ${name}=@ names no file`);
    return { name, value: value.slice(1), form: "file" };
  }
  return { name, value, form: "text" };
};

/** Reads argv (after `npm start --`); throws UsageError naming the first problem. */
export const parseArgs = (argv: readonly string[]): Command => {
  const inputs: RawInput[] = [];
  const positional: string[] = [];
  let jsonFile: string | undefined;
  let outFile: string | undefined;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith("-") && next.length > 1)) throw new UsageError(`${flag} needs a value`);
      i += 1;
      return next;
    };
    switch (flag) {
      case "--input":
      case "-i":
        inputs.push(parseInput(value()));
        break;
      case "--json":
        if (jsonFile !== undefined) throw new UsageError("--json is given twice: merge the files into one");
        jsonFile = value();
        break;
      case "--out":
        if (outFile !== undefined) throw new UsageError("--out is given twice");
        outFile = value();
        break;
      case "--help":
      case "-h":
        help = true;
        break;
      default:
        if (arg.startsWith("-")) throw new UsageError(`unknown flag ${flag}`);
        positional.push(arg);
    }
  }
  if (help || positional[0] === "help") return { command: "help" };
  if (positional.length > 1) throw new UsageError(`one command at a time: got ${positional.map((p) => `"${p}"`).join(", ")}`);
  const [key] = positional;
  const hasOptions = inputs.length > 0 || jsonFile !== undefined || outFile !== undefined;
  if (key === undefined || key === "demo") {
    if (hasOptions) throw new UsageError("--input, --json and --out need an action key first, e.g. npm start -- crmGetRecords --input recordType=Leads");
    return { command: "demo" };
  }
  if (key === "list") {
    if (hasOptions) throw new UsageError("list takes no options");
    return { command: "list" };
  }
  return { command: "run", key, inputs, jsonFile, outFile };
};
