/**
 * Zoho's data centers as Zoho's side sees them: which hosts belong to which DC. The sandbox keeps
 * its own table rather than importing the component's (src/http/regions.ts), so a wrong host in the
 * component shows up as a failing call instead of agreeing with itself.
 */
import type { CrmEnvironmentKey, DataCenterKey } from "./types";

export interface SandboxDataCenter {
  key: DataCenterKey;
  label: string;
  accountsServer: string;
  apiDomain: string;
  contentDomain: string;
  /** The `location` Zoho adds to the authorization redirect. */
  location: string;
  /** The CRM host of each org of the DC: production (the API domain), sandbox and developer. */
  crmDomains: Record<CrmEnvironmentKey, string>;
}

/** Zoho's CRM environments and the subdomain of zohoapis each is served on. */
export const CRM_ENVIRONMENTS: ReadonlyArray<{ key: CrmEnvironmentKey; subdomain: string }> = [
  { key: "production", subdomain: "www" },
  { key: "sandbox", subdomain: "sandbox" },
  { key: "developer", subdomain: "developer" },
];

const dc = (key: DataCenterKey, label: string, tld: string, accountsHost = `accounts.zoho.${tld}`): SandboxDataCenter => ({
  key,
  label,
  accountsServer: `https://${accountsHost}`,
  apiDomain: `https://www.zohoapis.${tld}`,
  contentDomain: `https://content.zohoapis.${tld}`,
  location: key,
  crmDomains: Object.fromEntries(CRM_ENVIRONMENTS.map((e) => [e.key, `https://${e.subdomain}.zohoapis.${tld}`])) as Record<CrmEnvironmentKey, string>,
});

export const DATA_CENTERS: readonly SandboxDataCenter[] = [
  dc("us", "United States", "com"),
  dc("eu", "Europe", "eu"),
  dc("in", "India", "in"),
  dc("au", "Australia", "com.au"),
  dc("jp", "Japan", "jp"),
  // Canada's accounts server lives on zohocloud.ca; its API hosts stay on zohoapis.ca.
  dc("ca", "Canada", "ca", "accounts.zohocloud.ca"),
  dc("cn", "China", "com.cn"),
  dc("sa", "Saudi Arabia", "sa"),
  dc("uk", "United Kingdom", "uk"),
  dc("ae", "United Arab Emirates", "ae"),
];

export const dataCenter = (key: DataCenterKey): SandboxDataCenter => {
  const found = DATA_CENTERS.find((d) => d.key === key);
  if (!found) throw new Error(`unknown data center ${key}`);
  return found;
};

const hostOf = (url: string) => new URL(url).host;

/**
 * Each host Zoho serves, with its DC and the CRM org it reaches. The upload and download hosts serve
 * every org of the DC (the call names the org): no environment of their own.
 */
const BY_HOST = new Map<string, { dc: DataCenterKey; environment?: CrmEnvironmentKey }>(
  DATA_CENTERS.flatMap((d) => [
    [hostOf(d.accountsServer), { dc: d.key, environment: "production" as CrmEnvironmentKey }] as const,
    ...[d.contentDomain, d.accountsServer.replace("//accounts.", "//download-accl.")].map((url) => [hostOf(url), { dc: d.key }] as const),
    ...CRM_ENVIRONMENTS.map((e) => [hostOf(d.crmDomains[e.key]), { dc: d.key, environment: e.key }] as const),
  ]),
);

const isKey = (value: string): value is DataCenterKey => DATA_CENTERS.some((d) => d.key === value);

/**
 * The DC a request is for: a leading `/{dc}/` path segment (stripped), else the Host header
 * (any of the DC's hosts), else `us` (plain 127.0.0.1 / localhost). The environment (which CRM org)
 * comes from the host: sandbox.zohoapis.* and developer.zohoapis.* are orgs of their own; it is
 * undefined on the hosts all orgs share, where the call itself names the org.
 */
export const dataCenterOfRequest = (host: string | undefined, path: string): { dc: DataCenterKey; environment?: CrmEnvironmentKey; path: string } => {
  const hostname = (host ?? "").toLowerCase().replace(/:443$/, "");
  const byHost = BY_HOST.get(hostname) ?? { dc: "us", environment: "production" };
  const prefix = /^\/([a-z]{2})(?=\/|$)/.exec(path)?.[1];
  if (prefix && isKey(prefix)) return { dc: prefix, environment: byHost.environment, path: path.slice(prefix.length + 1) || "/" };
  return { dc: byHost.dc, environment: byHost.environment, path };
};
