/** The benchmark's one table, and its place in README.md between the bench markers. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface Row {
  scenario: string;
  calls: string;
  time: string;
  ratio: string;
  result: string;
  target: string;
}

const cell = (text: string) => (text === "" ? "—" : text.replace(/\|/g, "\\|"));

export const table = (rows: Row[]): string =>
  [
    "| scenario | API calls | wall time | ratio | result | target |",
    "| --- | ---: | ---: | --- | --- | --- |",
    ...rows.map((r) => `| ${[r.scenario, r.calls, r.time, r.ratio, r.result, r.target].map(cell).join(" | ")} |`),
  ].join("\n");

const START = "<!-- bench:start -->";
const END = "<!-- bench:end -->";
export const README = join(__dirname, "..", "README.md");

/** README with `markdown` between the markers; a `## Performance` section holding them is appended when absent. */
export const withBenchTable = (readme: string, markdown: string): string => {
  const block = `${START}\n${markdown}\n${END}`;
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start >= 0 && end > start) return `${readme.slice(0, start)}${block}${readme.slice(end + END.length)}`;
  return `${readme.replace(/\n*$/, "")}\n\n## Performance\n\n${block}\n`;
};

export const writeReadme = (markdown: string, file = README): void => {
  writeFileSync(file, withBenchTable(readFileSync(file, "utf8"), markdown));
};
