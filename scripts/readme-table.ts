/**
 * Writes README.md's inventory (connections, actions, triggers, data sources) from the component
 * itself, between the `<!-- inventory:start -->` and `<!-- inventory:end -->` markers, so the table
 * cannot go stale: `npm run docs` (or `node -r ts-node/register/transpile-only scripts/readme-table.ts`).
 * With `--check` it only reports whether README.md is current. test/readme.test.ts does the same check.
 */
import path from "node:path";
import { readFileSync, writeFileSync } from "node:fs";

export const README = path.join(__dirname, "..", "README.md");
const START = "<!-- inventory:start -->";
const END = "<!-- inventory:end -->";

interface Described {
  key?: string;
  display?: { label: string; description: string };
  label?: string;
  comments?: string;
}
interface ComponentLike {
  connections?: Described[];
  actions?: Record<string, Described>;
  triggers?: Record<string, Described & { isPollingTrigger?: boolean; hasWebhookCreateFunction?: boolean }>;
  dataSources?: Record<string, Described & { dataSourceType?: string }>;
}

/** One table cell: pipes escaped, line breaks folded into spaces. */
const cell = (text: unknown): string =>
  String(text ?? "")
    .replace(/\s*\n\s*/g, " ")
    .replace(/\|/g, "\\|")
    .trim();

const table = (head: string[], rows: string[][]): string =>
  [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)].join("\n");

const actionRows = (actions: Record<string, Described>, prefix: string) =>
  Object.entries(actions)
    .filter(([key]) => key.startsWith(prefix))
    .map(([key, a]) => [`\`${key}\``, a.display?.label ?? "", a.display?.description ?? ""]);

/** The inventory as markdown, in the component's own order. */
export const inventoryMarkdown = (component: ComponentLike): string => {
  const actions = component.actions ?? {};
  const others = Object.keys(actions).filter((key) => !key.startsWith("crm") && !key.startsWith("books"));
  const sections = [
    "_Generated from the component by `npm run docs`; do not edit by hand._",
    "### Connections",
    table(
      ["key", "label", "description"],
      (component.connections ?? []).map((c) => [`\`${c.key}\``, c.label ?? "", c.comments ?? ""]),
    ),
    `### CRM actions (${actionRows(actions, "crm").length})`,
    table(["key", "label", "description"], actionRows(actions, "crm")),
    `### Books actions (${actionRows(actions, "books").length})`,
    table(["key", "label", "description"], actionRows(actions, "books")),
    ...(others.length
      ? [
          "### Other actions",
          table(
            ["key", "label", "description"],
            others.map((key) => [`\`${key}\``, actions[key].display?.label ?? "", actions[key].display?.description ?? ""]),
          ),
        ]
      : []),
    "### Triggers",
    table(
      ["key", "label", "kind", "description"],
      Object.entries(component.triggers ?? {}).map(([key, t]) => [
        `\`${key}\``,
        t.display?.label ?? "",
        t.isPollingTrigger ? "polling" : t.hasWebhookCreateFunction ? "webhook (managed channel)" : "webhook",
        t.display?.description ?? "",
      ]),
    ),
    "### Data sources",
    table(
      ["key", "label", "type", "description"],
      Object.entries(component.dataSources ?? {}).map(([key, d]) => [
        `\`${key}\``,
        d.display?.label ?? "",
        d.dataSourceType ?? "",
        d.display?.description ?? "",
      ]),
    ),
  ];
  return sections.join("\n\n");
};

/** `readme` with the text between the markers replaced by `inventory`. */
export const withInventory = (readme: string, inventory: string): string => {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} ... ${END} markers`);
  return `${readme.slice(0, start + START.length)}\n${inventory}\n${readme.slice(end)}`;
};

/** The README as it should be for `component`. */
export const expectedReadme = (component: ComponentLike, readme = readFileSync(README, "utf8")): string => withInventory(readme, inventoryMarkdown(component));

if (require.main === module) {
  const component = require(path.join(__dirname, "..", "src", "index.ts")).default as ComponentLike;
  const current = readFileSync(README, "utf8");
  const expected = expectedReadme(component, current);
  if (process.argv.includes("--check")) {
    if (current !== expected) {
      console.error("README.md's inventory is out of date: run npm run docs");
      process.exit(1);
    }
    console.log("README.md's inventory is current");
  } else if (current === expected) {
    console.log("README.md's inventory is already current");
  } else {
    writeFileSync(README, expected);
    console.log("README.md's inventory updated");
  }
}
