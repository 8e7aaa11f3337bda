/** `npm start -- <key> ...`: one action, data source or polling trigger, its result printed as JSON. */
import { writeFileSync } from "node:fs";
import { UsageError, type Command } from "./args";
import { buildParams, findEntry, isPollingTrigger, readJsonInputs } from "./catalog";
import { harness } from "./harness";
import { stderrLogger } from "./logger";
import { openTarget, type Env } from "./target";

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Buffers as a short description (or written to --out), everything else as JSON. */
const printable = (value: unknown, binary: Buffer[]): unknown => {
  if (Buffer.isBuffer(value)) {
    binary.push(value);
    return {
      bytes: value.length,
      start: value
        .subarray(0, 16)
        .toString("latin1")
        .replace(/[^\x20-\x7e]/g, "."),
    };
  }
  if (Array.isArray(value)) return value.map((v) => printable(v, binary));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, printable(v, binary)]));
  return value;
};

export const runOne = async (command: Extract<Command, { command: "run" }>, env: Env, io: Io): Promise<number> => {
  // Everything the command line can get wrong is checked before anything starts.
  const entry = findEntry(command.key);
  if (entry.kind === "trigger" && !isPollingTrigger(entry)) {
    throw new UsageError(`${entry.key} is a webhook trigger: Zoho calls it, so it cannot be run from here; npm start shows it deployed, called and deleted`);
  }
  const params = buildParams(entry, command.inputs, command.jsonFile ? readJsonInputs(command.jsonFile) : {});
  const target = await openTarget(env);
  io.err(target.banner);
  try {
    const { connection } = await target.connect();
    const zoho = harness(connection, stderrLogger(io.err));
    const result =
      entry.kind === "action"
        ? await zoho.action(entry.definition, params)
        : entry.kind === "data source"
          ? await zoho.dataSource(entry.definition, params)
          : await zoho.poll(entry.definition, params, { current: {} });
    const binary: Buffer[] = [];
    const shown = printable(result, binary);
    if (command.outFile) {
      if (binary.length !== 1)
        throw new UsageError(
          `--out ${command.outFile}: ${entry.key} returned ${binary.length === 0 ? "no binary data" : `${binary.length} binary values`}, nothing to write`,
        );
      writeFileSync(command.outFile, binary[0]);
      io.err(`wrote ${binary[0].length} bytes to ${command.outFile}`);
    }
    io.out(JSON.stringify(shown, null, 2));
    return 0;
  } finally {
    await target.close();
  }
};
