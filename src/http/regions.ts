/**
 * Zoho data centers and CRM environments: the one place that maps an accounts server to its API
 * hosts. Every request host the connector uses is derived here, never by editing URL strings.
 */

/**
 * Every data center has three CRM orgs a token can be authorized for: production, a sandbox and a
 * developer org, each on its own host. Books has no environments.
 */
export type CrmEnvironment = "production" | "sandbox" | "developer";

export const CRM_ENVIRONMENTS: ReadonlyArray<{ key: CrmEnvironment; label: string; subdomain: string }> = [
  { key: "production", label: "Production", subdomain: "www" },
  { key: "sandbox", label: "Sandbox", subdomain: "sandbox" },
  { key: "developer", label: "Developer", subdomain: "developer" },
];

export interface DataCenter {
  key: string;
  label: string;
  accountsServer: string;
  /** The production API host: Books calls always go here (it is what the token's api_domain names). */
  apiDomain: string;
  /** The CRM org the connection works in; the token's api_domain does not say, the connection does. */
  environment: CrmEnvironment;
  /** CRM (records, bulk jobs) host of that environment, e.g. https://sandbox.zohoapis.eu. */
  crmDomain: string;
  /**
   * Host for file uploads (bulk write). Zoho has one per data center, shared by all environments
   * (its SDKs name the same upload host for each); the X-CRM-ORG header picks the org.
   */
  contentDomain: string;
  /** Host Zoho serves bulk write results from; one per data center, like the content host. */
  downloadDomain: string;
  /** The data center's CRM host in each environment. */
  crmDomains: Readonly<Record<CrmEnvironment, string>>;
}

const dc = (key: string, label: string, tld: string, accountsHost = `accounts.zoho.${tld}`): DataCenter => {
  const crmDomains = Object.fromEntries(CRM_ENVIRONMENTS.map((e) => [e.key, `https://${e.subdomain}.zohoapis.${tld}`])) as Record<CrmEnvironment, string>;
  return {
    key,
    label,
    accountsServer: `https://${accountsHost}`,
    apiDomain: crmDomains.production,
    environment: "production",
    crmDomain: crmDomains.production,
    contentDomain: `https://content.zohoapis.${tld}`,
    downloadDomain: `https://download-accl.${accountsHost.replace(/^accounts\./, "")}`,
    crmDomains,
  };
};

export const DATA_CENTERS: readonly DataCenter[] = [
  dc("us", "United States", "com"),
  dc("eu", "Europe", "eu"),
  dc("in", "India", "in"),
  dc("au", "Australia", "com.au"),
  dc("jp", "Japan", "jp"),
  // Canada's accounts server is on zohocloud.ca while its API stays on zohoapis.ca.
  dc("ca", "Canada", "ca", "accounts.zohocloud.ca"),
  dc("cn", "China", "com.cn"),
  dc("sa", "Saudi Arabia", "sa"),
  dc("uk", "United Kingdom", "uk"),
  dc("ae", "United Arab Emirates", "ae"),
];

/** Every CRM host: 10 data centers x 3 environments. */
export const CRM_HOSTS: ReadonlyArray<{ dataCenter: string; environment: CrmEnvironment; crmDomain: string }> = DATA_CENTERS.flatMap((d) =>
  CRM_ENVIRONMENTS.map((e) => ({ dataCenter: d.key, environment: e.key, crmDomain: d.crmDomains[e.key] })),
);

export class RegionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RegionError";
  }
}

const hostOf = (value: string, inputName: string): string => {
  const trimmed = value.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    throw new RegionError(`${inputName} "${value}" is not a URL. Pick a Zoho region, e.g. https://accounts.zoho.eu.`);
  }
  if (url.protocol !== "https:") {
    throw new RegionError(`${inputName} "${value}" must use https.`);
  }
  return url.hostname.toLowerCase();
};

const known = () => DATA_CENTERS.map((d) => d.accountsServer).join(", ");

/** The data center whose accounts server is `accountsUrl` (any path on it is accepted, e.g. a token URL). */
export const dataCenterForAccounts = (accountsUrl: string, inputName = "Region URL"): DataCenter => {
  const host = hostOf(accountsUrl, inputName);
  const found = DATA_CENTERS.find((d) => new URL(d.accountsServer).hostname === host);
  if (!found) {
    throw new RegionError(`${inputName} "${accountsUrl}" is not a Zoho accounts server. Use one of: ${known()}.`);
  }
  return found;
};

/** The data center and environment a CRM host belongs to, e.g. sandbox.zohoapis.eu -> eu, sandbox. */
export const environmentOfHost = (host: string): { dataCenter: DataCenter; environment: CrmEnvironment } | undefined => {
  const hostname = host.toLowerCase().replace(/:443$/, "");
  const found = CRM_HOSTS.find((h) => new URL(h.crmDomain).hostname === hostname);
  return found && { dataCenter: DATA_CENTERS.find((d) => d.key === found.dataCenter)!, environment: found.environment };
};

/**
 * The data center whose API domain is `apiDomain` (any environment's CRM host counts, though Zoho's
 * api_domain names production); refuses any host outside Zoho's API domains.
 */
export const dataCenterForApiDomain = (apiDomain: string, inputName = "api_domain"): DataCenter => {
  const host = hostOf(apiDomain, inputName);
  const found = environmentOfHost(host)?.dataCenter;
  if (!found) {
    throw new RegionError(`${inputName} "${apiDomain}" is not a Zoho API domain; the token will not be sent there. Reconnect the Zoho connection.`);
  }
  return found;
};

/**
 * What a connection tells us about its data center, best source first:
 * the token's api_domain, the accounts-server Zoho returned with the code, the configured accounts URL.
 */
export interface RegionHints {
  apiDomain?: unknown;
  accountsServer?: unknown;
  configuredUrl?: unknown;
  configuredInputName?: string;
  /** The connection's CRM Environment input; absent (connections made before it existed) means production. */
  environment?: unknown;
}

const present = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";

export const ENVIRONMENT_INPUT_LABEL = "CRM Environment";

/** The CRM environment a connection input names (its key or label, any case); empty means production. */
export const crmEnvironmentNamed = (value: unknown, inputName = ENVIRONMENT_INPUT_LABEL): CrmEnvironment => {
  if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) return "production";
  const wanted = String(value).trim().toLowerCase();
  const found = CRM_ENVIRONMENTS.find((e) => e.key === wanted || e.label.toLowerCase() === wanted);
  if (!found) {
    throw new RegionError(`${inputName} "${String(value)}" is not a Zoho CRM environment: pick ${CRM_ENVIRONMENTS.map((e) => e.label).join(", ")}.`);
  }
  return found.key;
};

/** The data center as seen from one CRM environment: CRM calls go to that environment's host. */
export const inEnvironment = (dataCenter: DataCenter, environment: CrmEnvironment): DataCenter => ({
  ...dataCenter,
  environment,
  crmDomain: dataCenter.crmDomains[environment],
});

const dataCenterOf = ({ apiDomain, accountsServer, configuredUrl, configuredInputName }: RegionHints): DataCenter => {
  if (present(apiDomain)) return dataCenterForApiDomain(apiDomain);
  if (present(accountsServer)) return dataCenterForAccounts(accountsServer, "accounts-server");
  if (present(configuredUrl)) return dataCenterForAccounts(configuredUrl, configuredInputName);
  throw new RegionError(
    `The Zoho connection has no region: set ${configuredInputName ?? "Region URL"} to your Zoho accounts server (e.g. https://accounts.zoho.eu) and reconnect.`,
  );
};

export const resolveDataCenter = (hints: RegionHints): DataCenter => inEnvironment(dataCenterOf(hints), crmEnvironmentNamed(hints.environment));

/** Picklist of the CRM environments for connection inputs. */
export const environmentChoices = () => CRM_ENVIRONMENTS.map((e) => ({ label: e.label, value: e.key }));

/** Picklist of every data center for connection inputs. */
export const regionChoices = (suffix = "") =>
  DATA_CENTERS.map((d) => ({ label: `${d.label} (${new URL(d.accountsServer).hostname})`, value: `${d.accountsServer}${suffix}` }));
