import { performTransition } from "../../src/crm/blueprint";
import { transitionId } from "../../src/fields/automation";
import { dynamicValues, fieldValues, recordId, recordType } from "../../src/fields/crm";
import { labelOf } from "../../src/fields/field";
import { recordValues } from "../../src/fields/schemas";
import { zohoAction } from "../../src/step";

export const crmPerformBlueprintTransition = zohoAction({
  display: {
    label: "Perform Blueprint Transition",
    description:
      "Move a CRM record along one of its blueprint's transitions, giving the fields the transition requires. The transition must be open for the record now; a missing required field is named before anything changes.",
  },
  fields: { recordType, recordId, transitionId, fieldValues, dynamicValues },
  perform: async (_context, input, client) => {
    const values = recordValues(input.dynamicValues, input.fieldValues);
    const { transition, after } = await performTransition(client, input.recordType, input.recordId, input.transitionId, values, {
      transition: labelOf(transitionId.input),
      values: labelOf(fieldValues.input),
    });
    return {
      data: {
        transition: { id: transition.id, name: transition.name, nextValue: transition.nextValue },
        currentValue: after.process?.currentValue ?? null,
        nextTransitions: after.transitions.map((t) => ({ id: t.id, name: t.name })),
      },
    };
  },
  examplePayload: {
    data: {
      transition: { id: "5725767000000402002", name: "Qualify", nextValue: "Needs Analysis" as string | null },
      currentValue: "Needs Analysis" as string | null,
      nextTransitions: [{ id: "5725767000000402003", name: "Send proposal" }],
    },
  },
});
