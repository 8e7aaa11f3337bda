/**
 * Zoho data centers: the one place that maps an accounts server to its API domain.
 * Every request host the connector uses is derived here, never by editing URL strings.
 */
export interface DataCenter {
  key: string;
  label: string;
  accountsServer: string;
  apiDomain: string;
  /** Host for file uploads (bulk write). */
  contentDomain: string;
  /** Host Zoho serves bulk write results from. */
  downloadDomain: string;
}

const dc = (key: string, label: string, tld: string, accountsHost = `accounts.zoho.${tld}`): DataCenter => ({
  key,
  label,
  accountsServer: `https://${accountsHost}`,
  apiDomain: `https://www.zohoapis.${tld}`,
  contentDomain: `https://content.zohoapis.${tld}`,
  downloadDomain: `https://download-accl.${accountsHost.replace(/^accounts\./, "")}`,
});

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

/** The data center whose API domain is `apiDomain`; refuses any host outside Zoho's API domains. */
export const dataCenterForApiDomain = (apiDomain: string, inputName = "api_domain"): DataCenter => {
  const host = hostOf(apiDomain, inputName);
  const found = DATA_CENTERS.find((d) => new URL(d.apiDomain).hostname === host);
  if (!found) {
    throw new RegionError(
      `${inputName} "${apiDomain}" is not a Zoho API domain; the token will not be sent there. Reconnect the Zoho connection.`,
    );
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
}

const present = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";

export const resolveDataCenter = ({ apiDomain, accountsServer, configuredUrl, configuredInputName }: RegionHints): DataCenter => {
  if (present(apiDomain)) return dataCenterForApiDomain(apiDomain);
  if (present(accountsServer)) return dataCenterForAccounts(accountsServer, "accounts-server");
  if (present(configuredUrl)) return dataCenterForAccounts(configuredUrl, configuredInputName);
  throw new RegionError(
    `The Zoho connection has no region: set ${configuredInputName ?? "Region URL"} to your Zoho accounts server (e.g. https://accounts.zoho.eu) and reconnect.`,
  );
};

/** Picklist of every data center for connection inputs. */
export const regionChoices = (suffix = "") =>
  DATA_CENTERS.map((d) => ({ label: `${d.label} (${new URL(d.accountsServer).hostname})`, value: `${d.accountsServer}${suffix}` }));
