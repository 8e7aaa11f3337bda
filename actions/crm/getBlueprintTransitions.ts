import { getBlueprint } from "../../src/crm/blueprint";
import { recordId, recordType } from "../../src/fields/crm";
import { zohoAction } from "../../src/step";

export const crmGetBlueprintTransitions = zohoAction({
  display: {
    label: "Get Blueprint Transitions",
    description:
      "List what can happen to a CRM record now under its blueprint: each transition open from its current state, the state it leads to and the fields it requires. A record in no blueprint gives inProcess false and no transitions.",
  },
  fields: { recordType, recordId },
  perform: async (_context, input, client) => ({ data: await getBlueprint(client, input.recordType, input.recordId) }),
  examplePayload: {
    data: {
      inProcess: true,
      process: { id: "5725767000000402001", name: "Deal pipeline", field: "Stage", currentValue: "Qualification" as string | null } as {
        id: string;
        name: string;
        field: string;
        currentValue: string | null;
      } | null,
      transitions: [
        {
          id: "5725767000000402002",
          name: "Qualify",
          nextValue: "Needs Analysis" as string | null,
          criteriaMatched: true,
          fields: [{ api_name: "Amount", label: "Amount", data_type: "currency", mandatory: true }],
          requiredFields: ["Amount"],
        },
      ],
    },
  },
});
