import { getBlueprint } from "../src/crm/blueprint";
import { recordId, recordType } from "../src/fields/crm";
import { zohoDataSource } from "../src/step";

export const selectCrmBlueprintTransition = zohoDataSource({
  display: {
    label: "Select CRM Blueprint Transition",
    description:
      "Pick one of the transitions a CRM record can take now under its blueprint; each shows the state it leads to. The value is the transition's id.",
  },
  dataSourceType: "picklist",
  fields: { recordType, recordId },
  perform: async (_context, input, client) => {
    const { transitions } = await getBlueprint(client, input.recordType, input.recordId);
    return { result: transitions.map((t) => ({ key: t.id, label: t.nextValue ? `${t.name} → ${t.nextValue}` : t.name })) };
  },
  examplePayload: { result: [{ key: "5725767000000402002", label: "Qualify → Needs Analysis" }] },
});
