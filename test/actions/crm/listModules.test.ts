import { crmListModules } from "../../../actions/crm/listModules";
import { connectionFor, useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { run } from "../books/harness";

const sandbox = useSandbox();

it("lists API-supported modules with labels and whether notifications can watch them", async () => {
  const s = sandbox();
  const result = await run(crmListModules, s, {});
  expectSameShape(result, crmListModules.examplePayload);
  const byName = new Map(result.data.map((m: any) => [m.api_name, m]));
  expect(byName.get("Leads")).toMatchObject({ singular_label: "Lead", plural_label: "Leads", generated_type: "default", notification_supported: true });
  expect(byName.get("Shipments")).toMatchObject({ generated_type: "custom", notification_supported: true });
  const supported = [...s.state.crm.modules.values()].filter((m) => m.api_supported).map((m) => m.api_name);
  expect([...byName.keys()].sort()).toEqual(supported.sort());
  for (const m of result.data) expect(m.notification_supported).toBe(s.state.crm.modules.get(m.api_name)!.notification_supported);
});

it("names the missing scope", async () => {
  const s = sandbox();
  await expect(run(crmListModules, s, {}, connectionFor(s, { scopes: ["ZohoCRM.modules.ALL"] }))).rejects.toThrow(
    /OAUTH_SCOPE_MISMATCH.*ZohoCRM\.settings\.ALL/,
  );
});
