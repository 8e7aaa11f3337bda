/**
 * Which Zoho the runner talks to: the embedded sandbox (default), or a real org when the live
 * credentials are set. Either way the component gets the connection the platform would give it:
 * the templated OAuth 2.0 connection with the region and the token fields (api_domain included).
 */
import { createConnection } from "@prismatic-io/spectral/dist/testing";
import { DEFAULT_SCOPES, zohoTemplatedConnection } from "../../connections";
import { DATA_CENTERS, dataCenterForAccounts, RegionError, type DataCenter } from "../../src/http/regions";
import { startSandbox, type Sandbox, type SandboxOptions } from "../../sandbox";
import { seedBooks } from "../../sandbox/books";
import type { ConnectionValue } from "./harness";
import { authorize, exchangeCode, refreshAccessToken, type OAuthClient, type ZohoTokens } from "./accounts";
import { UsageError } from "./args";

export type Env = Record<string, string | undefined>;

export interface Connected {
  connection: ConnectionValue;
  /** What happened, for the step line: never a token or secret. */
  said: string;
  tokens: ZohoTokens;
}

export interface Target {
  mode: "sandbox" | "live";
  /** The first line the runner prints: which Zoho, where. */
  banner: string;
  dataCenter: DataCenter;
  /** The platform's part of connecting: consent and code exchange (sandbox) or a token refresh (live). */
  connect(): Promise<Connected>;
  /** Calls the sandbox has answered so far (progress of long steps); undefined live. */
  calls(): number | undefined;
  sandbox?: Sandbox;
  close(): Promise<void>;
}

const LIVE_VARIABLES = ["ZOHO_CLIENT_ID", "ZOHO_CLIENT_SECRET", "ZOHO_REFRESH_TOKEN"] as const;

const present = (value: string | undefined): value is string => value !== undefined && value.trim() !== "";

const dataCenterForKey = (key: string): DataCenter => {
  const found = DATA_CENTERS.find((dc) => dc.key === key.trim().toLowerCase());
  if (!found) throw new UsageError(`ZOHO_REGION "${key}" is not a Zoho data center: use one of ${DATA_CENTERS.map((dc) => dc.key).join(", ")}`);
  return found;
};

export interface LiveSettings {
  client: OAuthClient;
  refreshToken: string;
  dataCenter: DataCenter;
}

/** The live settings, undefined when none of the credentials is set; a half-set configuration is an error. */
export const liveSettings = (env: Env): LiveSettings | undefined => {
  const set = LIVE_VARIABLES.filter((name) => present(env[name]));
  if (set.length === 0) return undefined;
  const missing = LIVE_VARIABLES.filter((name) => !present(env[name]));
  if (missing.length > 0)
    throw new UsageError(`live mode needs ${LIVE_VARIABLES.join(", ")}: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set`);
  let dataCenter: DataCenter;
  if (present(env.ZOHO_ACCOUNTS_SERVER)) {
    try {
      dataCenter = dataCenterForAccounts(env.ZOHO_ACCOUNTS_SERVER, "ZOHO_ACCOUNTS_SERVER");
    } catch (error) {
      if (error instanceof RegionError) throw new UsageError(error.message);
      throw error;
    }
  } else if (present(env.ZOHO_REGION)) {
    dataCenter = dataCenterForKey(env.ZOHO_REGION);
  } else {
    throw new UsageError("live mode needs ZOHO_ACCOUNTS_SERVER (e.g. https://accounts.zoho.eu) or ZOHO_REGION (e.g. eu)");
  }
  return {
    client: { clientId: env.ZOHO_CLIENT_ID!.trim(), clientSecret: env.ZOHO_CLIENT_SECRET!.trim() },
    refreshToken: env.ZOHO_REFRESH_TOKEN!.trim(),
    dataCenter,
  };
};

const hostOf = (url: string) => new URL(url).host;

const connectionFrom = (dataCenter: DataCenter, client: OAuthClient, tokens: ZohoTokens, context: Record<string, string> = {}): ConnectionValue => {
  const connection = createConnection(
    zohoTemplatedConnection,
    { zohoRegion: dataCenter.accountsServer, scopes: DEFAULT_SCOPES, clientId: client.clientId, clientSecret: client.clientSecret },
    { ...tokens },
  );
  return Object.assign(connection, { context });
};

/** The sandbox's stand-in for the OAuth app registered in Zoho's API console. */
const SANDBOX_CLIENT: OAuthClient = { clientId: "1000.DEMOCLIENT", clientSecret: "demo-client-secret" };

/** How the sandbox is started; tests pass theirs, which also checks every exchange against Zoho's OpenAPI files. */
export type SandboxStarter = (options: SandboxOptions) => Promise<Sandbox>;

export const openSandbox = async (dataCenter: DataCenter, start: SandboxStarter = startSandbox): Promise<Target> => {
  const previousUrl = process.env.ZOHO_SANDBOX_URL;
  const sandbox = await start({ clients: { [SANDBOX_CLIENT.clientId]: SANDBOX_CLIENT.clientSecret } });
  // The component's client sends each call for Zoho's real hosts here, keeping the real host in the Host header.
  process.env.ZOHO_SANDBOX_URL = sandbox.url;
  // The org's existing data, last changed a month ago, so the demo's own records stand out.
  const monthAgo = sandbox.clock.now() - 30 * 24 * 60 * 60 * 1000;
  sandbox.seedCrm({ module: "Leads", count: 40, modifiedAt: monthAgo });
  sandbox.seedCrm({ module: "Contacts", count: 20, modifiedAt: monthAgo });
  for (const type of ["contacts", "items", "invoices"]) seedBooks(sandbox.state, { type, count: 5 });
  return {
    mode: "sandbox",
    banner: `Using the embedded Zoho sandbox (${dataCenter.key.toUpperCase()} data center) at ${sandbox.url}`,
    dataCenter,
    sandbox,
    calls: () => sandbox.log.length,
    connect: async () => {
      const consent = await authorize(dataCenter, SANDBOX_CLIENT, DEFAULT_SCOPES);
      const tokens = await exchangeCode(dataCenter, SANDBOX_CLIENT, consent.code);
      const connection = connectionFrom(dataCenter, SANDBOX_CLIENT, tokens, consent.context);
      const said = `consent at ${hostOf(dataCenter.accountsServer)} gave a code; the exchange returned api_domain ${tokens.api_domain}${tokens.refresh_token ? " and a refresh token" : ""}`;
      return { connection, said, tokens };
    },
    close: async () => {
      if (process.env.ZOHO_SANDBOX_URL === sandbox.url) {
        if (previousUrl === undefined) delete process.env.ZOHO_SANDBOX_URL;
        else process.env.ZOHO_SANDBOX_URL = previousUrl;
      }
      await sandbox.stop();
    },
  };
};

export const openLive = (settings: LiveSettings, env: Env): Target => {
  const { dataCenter, client, refreshToken } = settings;
  const routed = present(env.ZOHO_SANDBOX_URL) ? ` (calls routed to ZOHO_SANDBOX_URL ${env.ZOHO_SANDBOX_URL})` : "";
  return {
    mode: "live",
    banner: `Using Zoho org via ${hostOf(dataCenter.accountsServer)}${routed}`,
    dataCenter,
    calls: () => undefined,
    connect: async () => {
      const tokens = await refreshAccessToken(dataCenter, client, refreshToken);
      // Zoho does not send the refresh token back; the platform keeps the one it has.
      const connection = connectionFrom(dataCenter, client, { ...tokens, refresh_token: refreshToken });
      return { connection, said: `refreshed the access token at ${hostOf(dataCenter.accountsServer)}; api_domain ${tokens.api_domain}`, tokens };
    },
    close: async () => undefined,
  };
};

/** Live when the credentials are set, else the sandbox in ZOHO_REGION's data center (default EU). */
export const openTarget = async (env: Env, start?: SandboxStarter): Promise<Target> => {
  const live = liveSettings(env);
  if (live) return openLive(live, env);
  const dataCenter = present(env.ZOHO_REGION) ? dataCenterForKey(env.ZOHO_REGION) : dataCenterForKey("eu");
  return openSandbox(dataCenter, start);
};
