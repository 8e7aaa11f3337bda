/** Get Blueprint Transitions, Perform Blueprint Transition and the transition pick list, against the sandbox's Deals blueprint. */
import { crmGetBlueprintTransitions } from "../../../actions/crm/getBlueprintTransitions";
import { crmPerformBlueprintTransition } from "../../../actions/crm/performBlueprintTransition";
import { selectCrmBlueprintTransition } from "../../../dataSources/selectCrmBlueprintTransition";
import { runDataSource } from "../../dataSources/harness";
import { useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { expectNoRequest, run } from "../books/harness";

const sandbox = useSandbox();
const deal = (stage: string) => sandbox().seedCrm({ module: "Deals", count: 1, fields: () => ({ Stage: stage }) })[0];
const stored = (id: string) => sandbox().state.crm.records.get("Deals")!.get(id)!;

it("lists the transitions open now, with the fields each requires", async () => {
  const { id } = deal("Qualification");
  const result = await run(crmGetBlueprintTransitions, sandbox(), { recordType: "Deals", recordId: id });
  expectSameShape(result, crmGetBlueprintTransitions.examplePayload);
  expect(result.data.process).toMatchObject({ name: "Deal pipeline", field: "Stage", currentValue: "Qualification" });
  expect(result.data.transitions.map((t: { name: string; nextValue: string; requiredFields: string[] }) => [t.name, t.nextValue, t.requiredFields])).toEqual([
    ["Qualify", "Needs Analysis", ["Amount"]],
    ["Lose", "Closed Lost", ["Description"]],
  ]);
});

it("says a record in no blueprint has no transitions", async () => {
  const [lead] = sandbox().seedCrm({ module: "Leads", count: 1 });
  const result = await run(crmGetBlueprintTransitions, sandbox(), { recordType: "Leads", recordId: lead.id });
  expect(result.data).toEqual({ inProcess: false, process: null, transitions: [] });
});

it("performs a transition picked from the record's current ones, with its required field", async () => {
  const s = sandbox();
  const { id } = deal("Qualification");
  const { result: choices } = await runDataSource(selectCrmBlueprintTransition, s, { recordType: "Deals", recordId: id });
  expect(choices.map((c: { label: string }) => c.label)).toEqual(["Qualify → Needs Analysis", "Lose → Closed Lost"]);
  const result = await run(crmPerformBlueprintTransition, s, {
    recordType: "Deals",
    recordId: id,
    transitionId: choices[0].key,
    fieldValues: [{ key: "Amount", value: "12000" }],
  });
  expectSameShape(result, crmPerformBlueprintTransition.examplePayload);
  expect(result.data).toMatchObject({ transition: { name: "Qualify" }, currentValue: "Needs Analysis" });
  expect(result.data.nextTransitions.map((t: { name: string }) => t.name)).toEqual(["Send proposal", "Lose"]);
  expect(stored(id)).toMatchObject({ Stage: "Needs Analysis", Amount: 12000 });
});

it("takes a transition by name, values from Dynamic Values", async () => {
  const { id } = deal("Negotiation/Review");
  await run(crmPerformBlueprintTransition, sandbox(), {
    recordType: "Deals",
    recordId: id,
    transitionId: "Lose",
    dynamicValues: { Description: "budget cut" },
  });
  expect(stored(id)).toMatchObject({ Stage: "Closed Lost", Description: "budget cut" });
});

it("names a missing required field or a transition not open now, changing nothing", async () => {
  const s = sandbox();
  const { id } = deal("Qualification");
  const before = s.state.writeLog.length;
  await expect(run(crmPerformBlueprintTransition, s, { recordType: "Deals", recordId: id, transitionId: "Qualify" })).rejects.toThrow(
    /"Field Values": the transition Qualify requires Amount/,
  );
  await expect(run(crmPerformBlueprintTransition, s, { recordType: "Deals", recordId: id, transitionId: "Win" })).rejects.toThrow(
    /"Transition": Win is not a transition this record can take now; open transitions: Qualify \(\d+\), Lose \(\d+\)/,
  );
  expect(s.state.writeLog.length).toBe(before);
  expect(s.log.filter((e) => e.method === "PUT" && e.path === `/crm/v8/Deals/${id}/actions/blueprint`)).toHaveLength(0);
  expect(stored(id).Stage).toBe("Qualification");
});

it("rejects bad input before any request", async () => {
  const s = sandbox();
  await expectNoRequest(s, async () => {
    await expect(run(crmPerformBlueprintTransition, s, { recordType: "Deals", recordId: "5725767000000000001", transitionId: "" })).rejects.toThrow(
      /"Transition"/,
    );
    await expect(run(crmPerformBlueprintTransition, s, { recordType: "Deals", recordId: "x1", transitionId: "Qualify" })).rejects.toThrow(/"Record ID"/);
    await expect(run(crmGetBlueprintTransitions, s, { recordType: "Sales Orders", recordId: "5725767000000000001" })).rejects.toThrow(/"Module"/);
  });
});
