/**
 * `npm start`: the demo flow, `npm start -- list`, or one action, data source or polling trigger
 * (`npm start -- <key> --input name=value ...`), against the embedded Zoho sandbox or, with live
 * credentials in the environment, a real Zoho org. See scripts/runner/args.ts for the usage.
 */
import { parseArgs, USAGE, UsageError } from "./runner/args";
import { formatList } from "./runner/catalog";
import { runDemo } from "./runner/demo";
import { runOne, type Io } from "./runner/runOne";
import type { Env } from "./runner/target";

export { runDemo } from "./runner/demo";

const consoleIo: Io = { out: (text) => console.log(text), err: (text) => console.error(text) };

/** A rewritten progress line when stdout is a terminal; nothing otherwise, so logs stay one line per step. */
const terminalProgress = () => {
  if (!process.stdout.isTTY) return undefined;
  return (line: string | undefined) => {
    const width = process.stdout.columns ?? 100;
    process.stdout.write(`\r\x1b[2K${line === undefined ? "" : line.slice(0, width - 1)}`);
  };
};

/** Runs the command line; resolves to the process exit code (0 only when everything did what it should). */
export const main = async (argv: readonly string[], env: Env = process.env, io: Io = consoleIo): Promise<number> => {
  try {
    const command = parseArgs(argv);
    switch (command.command) {
      case "help":
        io.out(USAGE);
        return 0;
      case "list":
        io.out(formatList());
        return 0;
      case "demo": {
        const result = await runDemo({ log: io.out, progress: io === consoleIo ? terminalProgress() : undefined, env });
        return result.ok ? 0 : 1;
      }
      case "run":
        return await runOne(command, env, io);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`Error: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    io.err(`✘ ${(error as Error).message}`);
    return 1;
  }
};

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
