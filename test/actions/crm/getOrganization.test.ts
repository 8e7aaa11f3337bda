import { crmGetOrganization } from "../../../actions/crm/getOrganization";
import { connectionFor, useSandbox } from "../../helpers/sandbox";
import { expectSameShape } from "../../helpers/shape";
import { run } from "../books/harness";

const sandbox = useSandbox();

it("returns the org's identity, currency, time zone and license", async () => {
  const s = sandbox();
  const result = await run(crmGetOrganization, s, {});
  expectSameShape(result, crmGetOrganization.examplePayload);
  expect(result.data).toMatchObject({ id: s.state.org.id, company_name: "Zylker", iso_code: "USD", time_zone: "America/Los_Angeles" });
  expect(result.data.license_details).toMatchObject({ paid: true });
});

it("reaches the org's own data center", async () => {
  const s = sandbox();
  const before = s.log.length;
  await run(crmGetOrganization, s, {}, connectionFor(s, { dc: "eu" }));
  expect(s.log[before]).toMatchObject({ dc: "eu", path: "/crm/v8/org", status: 200 });
});

it("names the missing scope", async () => {
  const s = sandbox();
  await expect(run(crmGetOrganization, s, {}, connectionFor(s, { scopes: ["ZohoCRM.modules.ALL"] }))).rejects.toThrow(
    /OAUTH_SCOPE_MISMATCH.*ZohoCRM\.org\.ALL/,
  );
});
