import { runFunction } from "../../src/crm/functions";
import { functionArguments, functionName } from "../../src/fields/automation";
import { zohoAction } from "../../src/step";

export const crmRunFunction = zohoAction({
  display: {
    label: "Run Function",
    description:
      "Run a Deluge function published as a REST API (OAuth) with arguments and return its output (a map or list as JSON). A failure inside the function is reported as the function's error, with its message.",
  },
  fields: { functionName, functionArguments },
  perform: async (_context, input, client) => ({ data: await runFunction(client, input.functionName, input.functionArguments) }),
  examplePayload: { data: { output: { email: "sage@example.com", score: 60, grade: "A" } as unknown, outputType: "map" } },
});
