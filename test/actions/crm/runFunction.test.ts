/**
 * Run Function against the sandbox's function registry. Zoho has no OpenAPI file for functions run as REST
 * APIs, so these calls follow Zoho's functions guide (see sandbox/crm/functions.ts); contract checks stay on
 * for everything else.
 */
import { crmRunFunction } from "../../../actions/crm/runFunction";
import { DelugeError, registerFunction } from "../../../sandbox/crm/automation/functions";
import { connectionFor, useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { expectNoRequest, run } from "../books/harness";

const sandbox = useSandbox();

it("runs a function with arguments and returns its map output as JSON", async () => {
  const s = sandbox();
  const result = await run(crmRunFunction, s, { functionName: "score_lead", functionArguments: JSON.stringify({ email: "a@b.com", employees: 400 }) });
  expectSameShape(result, crmRunFunction.examplePayload);
  expect(result.data).toEqual({ output: { email: "a@b.com", score: 60, grade: "A" }, outputType: "map" });
  const call = s.log.at(-1)!;
  expect(call).toMatchObject({ method: "POST", path: "/crm/v7/functions/score_lead/actions/execute", query: { auth_type: "oauth" } });
});

it("returns text output as text, and takes arguments as an object", async () => {
  const s = sandbox();
  registerFunction(s.state, "greet", (args) => `Hello ${String(args.name)}`);
  expect((await run(crmRunFunction, s, { functionName: "greet", functionArguments: { name: "Sage" } })).data).toEqual({
    output: "Hello Sage",
    outputType: "string",
  });
});

it("reports a failure inside the function as the function's error, not as an HTTP failure", async () => {
  const s = sandbox();
  registerFunction(s.state, "explode", () => {
    throw new DelugeError("Map key 'account' not found");
  });
  const error = await run(crmRunFunction, s, { functionName: "explode" }).catch((e: Error) => e);
  expect(error.message).toBe("The Deluge function explode ran and failed: Map key 'account' not found. Fix the function or its arguments.");
  expect(error.message).not.toMatch(/HTTP/);
});

it("says when no function is published under the name", async () => {
  await expect(run(crmRunFunction, sandbox(), { functionName: "no_such_function" })).rejects.toThrow(
    /No function is published as a REST API under the name no_such_function/,
  );
});

it("names the functions scope when the connection lacks it", async () => {
  const s = sandbox();
  await expect(
    run(crmRunFunction, s, { functionName: "score_lead", functionArguments: "{}" }, connectionFor(s, { scopes: ["ZohoCRM.modules.ALL"] })),
  ).rejects.toThrow(/add ZohoCRM\.functions\.execute\.CREATE/);
});

it("rejects bad input before any request", async () => {
  const s = sandbox();
  await expectNoRequest(s, async () => {
    await expect(run(crmRunFunction, s, { functionName: "score lead" })).rejects.toThrow(/"Function API Name".*score_lead/);
    await expect(run(crmRunFunction, s, { functionName: "score_lead", functionArguments: "{email:" })).rejects.toThrow(/"Arguments".*not valid JSON/);
    await expect(run(crmRunFunction, s, { functionName: "score_lead", functionArguments: "[1,2]" })).rejects.toThrow(/"Arguments".*JSON object/);
  });
});

it("does not run a function twice when Zoho fails: only a 429 is retried", async () => {
  const s = sandbox();
  let runs = 0;
  registerFunction(s.state, "count_runs", () => ++runs);
  s.setOptions({ faults: { rate: 1, kinds: [500], when: "after", seed: 7 } });
  try {
    await expect(run(crmRunFunction, s, { functionName: "count_runs" })).rejects.toThrow(/HTTP 500|500/);
  } finally {
    s.setOptions({ faults: { rate: 0 } });
  }
  expect(s.log.filter((e) => e.path === "/crm/v7/functions/count_runs/actions/execute")).toHaveLength(1);
});
