/** README.md's inventory is generated from the component; this fails when it has gone stale. */
import { readFileSync } from "node:fs";
import component from "../src/index";
import { expectedReadme, inventoryMarkdown, README } from "../scripts/readme-table";

describe("README inventory", () => {
  it("matches the component (regenerate with npm run docs)", () => {
    const current = readFileSync(README, "utf8");
    expect(current).toBe(expectedReadme(component as never, current));
  });

  it("lists every action, trigger, data source and connection key", () => {
    const table = inventoryMarkdown(component as never);
    const keys = [
      ...Object.keys(component.actions ?? {}),
      ...Object.keys(component.triggers ?? {}),
      ...Object.keys(component.dataSources ?? {}),
      ...(component.connections ?? []).map((c) => c.key),
    ];
    for (const key of keys) expect(table).toContain(`| \`${key}\` |`);
  });
});
