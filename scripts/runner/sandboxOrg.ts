/**
 * The CRM sandbox org in the demo: a second connection, set to CRM Environment "Sandbox", works in
 * the data center's sandbox org (sandbox.zohoapis.*) while Books and the production org stay as they are.
 */
import { createConnection } from "@prismatic-io/spectral/dist/testing";
import crm from "../../actions/crm";
import { zohoTemplatedConnection } from "../../connections";
import type { DataCenterKey } from "../../sandbox/types";
import { harness, type Harness } from "./harness";
import { quietLogger } from "./logger";
import { done, expect, type Steps } from "./steps";
import type { Target } from "./target";

export const sandboxOrgFlow = (steps: Steps, target: Target, production: Harness) =>
  steps.run("Work in the CRM sandbox org", async () => {
    const { fields } = production.connection;
    // On Zoho's consent page the user picks the org the token is for; the embedded accounts server issues it directly.
    const token = target.sandbox!.issueToken({ dc: target.dataCenter.key as DataCenterKey, environment: "sandbox", clientId: String(fields.clientId) });
    const connection = createConnection(
      zohoTemplatedConnection,
      { ...fields, crmEnvironment: "sandbox" },
      // Zoho's api_domain names production whichever org the token is for: the CRM Environment input decides.
      { access_token: token.accessToken, refresh_token: token.refreshToken, api_domain: target.dataCenter.apiDomain, expires_in: 3600 },
    );
    const zoho = harness(connection, quietLogger());
    const org = (await zoho.action(crm.crmGetOrganization, {})).data;
    expect(org?.type === "Sandbox", `crmGetOrganization through the sandbox-org connection answered a ${org?.type} org`);
    const lead = (await zoho.action(crm.crmCreateRecord, { recordType: "Leads", fieldValues: [{ key: "Last_Name", value: "Sandbox Tester" }] })).data;
    const query = "select id from Leads where Last_Name = 'Sandbox Tester'";
    const inSandbox = (await zoho.action(crm.crmRunQuery, { query })).data?.data ?? [];
    const inProduction = (await production.action(crm.crmRunQuery, { query })).data?.data ?? [];
    expect(inSandbox.length === 1 && inSandbox[0].id === lead.id, "the lead created in the sandbox org is not found there");
    expect(inProduction.length === 0, "the lead created in the sandbox org shows up in production");
    return done(
      `CRM Environment "Sandbox" reached ${new URL(target.dataCenter.crmDomains.sandbox).host} (org ${org.id}, type Sandbox); lead ${lead.id} created there is not in production`,
    );
  });
