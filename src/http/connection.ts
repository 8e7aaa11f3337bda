/**
 * What a Prismatic connection holds for the client, read in one place: the access token, the data
 * center and environment its fields and token name, and the values never to be shown.
 */
import type { Connection } from "@prismatic-io/spectral";
import { ZohoClient, type ClientOptions, type Token } from "./client";
import { InputError } from "./errors";
import { resolveDataCenter } from "./regions";

/** The access token and data center of a connection (both connection kinds). */
export const connectionToken = (connection: Connection): Token => {
  const accessToken = connection.token?.access_token;
  if (typeof accessToken !== "string" || accessToken === "") {
    throw new InputError("The Zoho connection has no access token: finish the OAuth 2.0 sign-in of the connection, then try again.");
  }
  const templated = connection.key === "zohoTemplatedConnection";
  const dataCenter = resolveDataCenter({
    apiDomain: connection.token?.api_domain,
    accountsServer: connection.context?.["accounts-server"] ?? connection.token?.["accounts-server"],
    configuredUrl: templated ? connection.fields?.zohoRegion : connection.fields?.tokenUrl,
    configuredInputName: templated ? "Region URL" : "Token URL",
    environment: connection.fields?.crmEnvironment,
  });
  return { accessToken, dataCenter };
};

/** The connection's values that must never be shown: its tokens and client secret. */
export const connectionSecrets = (connection: Connection): unknown[] => [
  connection.token?.access_token,
  connection.token?.refresh_token,
  connection.fields?.clientSecret,
];

/** A client for a connection, with the connection's secrets masked wherever they appear. */
export const clientOfConnection = (connection: Connection, options: ClientOptions = {}): ZohoClient =>
  new ZohoClient(connectionToken(connection), { ...options, secrets: [...connectionSecrets(connection), ...(options.secrets ?? [])] });
