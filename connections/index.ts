/**
 * Both OAuth 2.0 connections. Keys match the existing Prismatic Zoho component so integrations
 * switch without edits. The templated one asks the deployer only for the region.
 */
import { oauth2Connection, OAuth2Type, templateConnectionInputs, type ConnectionInput } from "@prismatic-io/spectral";
import { DATA_CENTERS, ENVIRONMENT_INPUT_LABEL, environmentChoices, regionChoices } from "../src/http/regions";

export const DEFAULT_SCOPES = [
  "ZohoCRM.coql.READ",
  "ZohoCRM.notifications.ALL",
  "ZohoCRM.users.ALL",
  "ZohoCRM.org.ALL",
  "ZohoCRM.settings.ALL",
  "ZohoCRM.modules.ALL",
  "ZohoCRM.bulk.ALL",
  "ZohoCRM.Files.CREATE",
  "ZohoCRM.Files.READ",
  "ZohoCRM.send_mail.all.CREATE",
  "ZohoCRM.templates.email.READ",
  "ZohoCRM.functions.execute.CREATE",
  "ZohoCRM.mass_update.ALL",
  "ZohoSearch.securesearch.READ",
  "ZohoBooks.fullaccess.all",
  // Books' webhook and workflow APIs (the instant Books trigger) name this scope; fullaccess covers it, but a narrowed list needs it.
  "ZohoBooks.settings.ALL",
].join(" ");

/** The platform renders `model` as a dropdown on connection inputs too; spectral's ConnectionInput type just omits it. */
const withPicklist = (model: Array<{ label: string; value: string }>) => ({ model }) as Partial<ConnectionInput>;

const scopes = {
  label: "Scopes",
  type: "string" as const,
  required: true,
  default: DEFAULT_SCOPES,
  comments:
    "Space-separated Zoho OAuth scopes. The default covers every action and trigger of this component except two, whose scopes reach further and are left for you to add: Bulk Write Records needs ZohoFiles.files.ALL (access to the user's Zoho files, for its upload) and Composite Request needs ZohoCRM.composite_requests.CUSTOM. Remove the ZohoBooks scopes if you only use CRM. See https://www.zoho.com/crm/developer/docs/api/v8/scopes.html",
  example: "ZohoCRM.modules.ALL ZohoCRM.settings.ALL",
};

/** Which CRM org of the data center the connection works in; the token's api_domain always names production. */
const crmEnvironment = {
  label: ENVIRONMENT_INPUT_LABEL,
  type: "string" as const,
  required: false,
  default: "production",
  ...withPicklist(environmentChoices()),
  comments:
    "The Zoho CRM org the connection works in: Production (your live org), Sandbox (https://sandbox.zohoapis.{domain}) or Developer (https://developer.zohoapis.{domain}). When you authorize, pick the same org on Zoho's consent page: a token works only in the org it was authorized for. Zoho Books calls always go to production.",
  example: "sandbox",
};

const clientId = {
  label: "Client ID",
  type: "string" as const,
  required: true,
  comments: "The Client ID of the server-based application you registered in the Zoho API Console (https://api-console.zoho.com).",
  example: "1000.ABCDEFGHIJKLMNOPQRSTUVWXYZ1234",
};

const clientSecret = {
  label: "Client Secret",
  type: "password" as const,
  required: true,
  comments: "The Client Secret of the same Zoho API Console application.",
};

export const zohoTemplatedConnection = oauth2Connection({
  key: "zohoTemplatedConnection",
  display: {
    label: "OAuth 2.0",
    description: "Connect to Zoho CRM and Zoho Books with OAuth 2.0. Pick the Zoho data center the account lives in.",
  },
  oauth2Type: OAuth2Type.AuthorizationCode,
  inputs: templateConnectionInputs(
    {
      zohoRegion: {
        label: "Region URL",
        type: "string",
        required: true,
        default: DATA_CENTERS[0].accountsServer,
        ...withPicklist(regionChoices()),
        comments:
          "The Zoho accounts server of the data center that holds the Zoho account: https://accounts.zoho.com (US), .eu, .in, .com.au, .jp, .uk, .ae, .sa, .com.cn, or https://accounts.zohocloud.ca (Canada). It is the domain you sign in to Zoho on.",
        example: "https://accounts.zoho.eu",
      },
      crmEnvironment,
      scopes,
      clientId,
      clientSecret,
    },
    {
      authorizeUrl: {
        label: "Authorize URL",
        type: "template",
        templateValue: "{{#zohoRegion}}/oauth/v2/auth?access_type=offline&prompt=consent",
        comments: "Zoho's authorization endpoint on the chosen region's accounts server.",
      },
      tokenUrl: {
        label: "Token URL",
        type: "template",
        templateValue: "{{#zohoRegion}}/oauth/v2/token",
        comments: "Zoho's token endpoint on the chosen region's accounts server.",
      },
      revokeUrl: {
        label: "Revoke URL",
        type: "template",
        templateValue: "{{#zohoRegion}}/oauth/v2/token/revoke",
        comments: "Zoho's token revocation endpoint on the chosen region's accounts server.",
      },
    },
    OAuth2Type.AuthorizationCode,
  ),
});

const endpointInput = (label: string, path: string, comments: string) => ({
  label,
  type: "string" as const,
  required: true,
  default: `${DATA_CENTERS[0].accountsServer}${path}`,
  ...withPicklist(regionChoices(path)),
  comments,
  example: `https://accounts.zoho.eu${path}`,
});

export const oauth2 = oauth2Connection({
  key: "oauth2",
  display: {
    label: "OAuth 2.0 (Deprecated)",
    description: "Deprecated: use the OAuth 2.0 connection, which needs only the region. Kept so existing integrations keep working.",
  },
  oauth2Type: OAuth2Type.AuthorizationCode,
  inputs: {
    authorizeUrl: endpointInput(
      "Authorize URL",
      "/oauth/v2/auth?access_type=offline&prompt=consent",
      "Zoho's authorization URL for your data center. Keep access_type=offline&prompt=consent so Zoho issues a refresh token.",
    ),
    tokenUrl: endpointInput("Token URL", "/oauth/v2/token", "Zoho's token URL for your data center; it also decides which API domain calls go to."),
    revokeUrl: endpointInput("Revoke URL", "/oauth/v2/token/revoke", "Zoho's token revocation URL for your data center."),
    crmEnvironment,
    scopes,
    clientId,
    clientSecret,
  },
});

export const connections = [zohoTemplatedConnection, oauth2];
