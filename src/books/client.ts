/**
 * The organization every Books call but GET /organizations must name, and the Books client that
 * puts it on each call.
 */
import { createHash } from "node:crypto";
import type { Connection } from "@prismatic-io/spectral";
import type { ZohoClient, ZohoRequest } from "../http/client";
import { clientFor } from "../http/clientFor";
import { InputError } from "../http/errors";
import { booksPages } from "../http/pagination";
import { connectionToken } from "../http/connection";

export interface BooksOrganization {
  organization_id: string;
  name: string;
  is_default_org?: boolean;
  [field: string]: unknown;
}

/** GET /organizations, the one Books call that takes no organization_id. */
export const listOrganizations = async (client: ZohoClient): Promise<BooksOrganization[]> => {
  const response = await client.request<{ organizations?: BooksOrganization[] }>({ api: "books", path: "/organizations" });
  return response.data?.organizations ?? [];
};

/** The only organization, else the one Zoho marks default; anything else needs the user's choice. */
export const pickOrganization = (organizations: readonly BooksOrganization[]): string => {
  if (organizations.length === 1) return organizations[0].organization_id;
  const defaults = organizations.filter((org) => org.is_default_org);
  if (defaults.length === 1) return defaults[0].organization_id;
  if (organizations.length === 0) {
    throw new InputError(
      "The connection's Zoho user belongs to no Zoho Books organization: sign up for Zoho Books with that user, or connect a user who has access to the organization.",
    );
  }
  const names = organizations.map((org) => `${org.name} (${org.organization_id})`).join(", ");
  throw new InputError(
    `Input "Organization ID" (organizationId): the Zoho user belongs to ${organizations.length} Books organizations and none is the single default: pick one of ${names}.`,
  );
};

/** A flow's steps share one lookup: long enough to cover a run, short enough to see a new organization soon. */
export const ORGANIZATIONS_TTL_MS = 5 * 60_000;

const organizationsCache = new Map<string, { expires: number; organizations: Promise<BooksOrganization[]> }>();

/** The connection's organizations, looked up once per connection (token and data center) within the TTL. */
export const cachedOrganizations = (client: ZohoClient, connection: Connection): Promise<BooksOrganization[]> => {
  const { accessToken, dataCenter } = connectionToken(connection);
  // Keyed by a hash so the cache never holds a token.
  const key = createHash("sha256").update(`${dataCenter.apiDomain} ${accessToken}`).digest("hex");
  const now = Date.now();
  for (const [k, entry] of organizationsCache) if (entry.expires <= now) organizationsCache.delete(k);
  const hit = organizationsCache.get(key);
  if (hit) return hit.organizations;
  const organizations = listOrganizations(client);
  organizationsCache.set(key, { expires: now + ORGANIZATIONS_TTL_MS, organizations });
  // A failed lookup is not remembered: the next step asks again.
  organizations.catch(() => organizationsCache.get(key)?.organizations === organizations && organizationsCache.delete(key));
  return organizations;
};

/** The Zoho client with the organization it works in: organization_id goes on every call. */
export class BooksClient {
  constructor(
    readonly zoho: ZohoClient,
    readonly organizationId: string,
  ) {}

  request<T = any>(req: Omit<ZohoRequest, "api">) {
    return this.zoho.request<T>({ ...req, api: "books", params: { ...req.params, organization_id: this.organizationId } });
  }

  pages<T = Record<string, unknown>>(path: string, listKey: string, params: Record<string, unknown>, options?: Parameters<typeof booksPages>[4]) {
    return booksPages<T>(this.zoho, path, listKey, { ...params, organization_id: this.organizationId }, options);
  }
}

/** The organization given, else the connection's only or default one. */
export const resolveOrganizationId = async (zoho: ZohoClient, connection: Connection, organizationId: string | undefined): Promise<string> =>
  organizationId ?? pickOrganization(await cachedOrganizations(zoho, connection));

/** A Books client for the step, working in the organization given or the connection's only or default one. */
export const booksClientFor = async (
  context: Parameters<typeof clientFor>[0],
  params: { connection: Connection; debugRequest?: unknown },
  organizationId: string | undefined,
): Promise<BooksClient> => {
  const zoho = clientFor(context, params);
  return new BooksClient(zoho, await resolveOrganizationId(zoho, params.connection, organizationId));
};
