/**
 * Books organizations: GET /organizations (the one call that needs no organization_id) and
 * GET /organizations/{id}, and the check every other call makes on its `organization_id`.
 * Organizations come from SandboxOptions.booksOrganizations, else one default "Zylker Inc".
 */
import { ok } from "../respond";
import type { SandboxState } from "../state";
import type { Route, SandboxContext, SandboxOptions, SandboxRequest } from "../types";
import { answering, invalidValue, notInOrganization } from "./failure";
import { booksDate } from "./store";

export type Organization = SandboxState["books"]["organizations"][number];

type OrganizationOption = NonNullable<SandboxOptions["booksOrganizations"]>[number];

export const DEFAULT_ORGANIZATIONS: OrganizationOption[] = [{ organization_id: "10234695", name: "Zylker Inc", is_default_org: true }];

/** The profile Books answers for an organization, around the id, name and default flag the options give. */
const profile = (state: SandboxState, org: OrganizationOption, index: number): Organization => ({
  organization_id: org.organization_id,
  name: org.name,
  is_default_org: org.is_default_org,
  contact_name: org.name,
  email: `admin@${org.name.toLowerCase().replace(/[^a-z0-9]+/g, "")}.com`,
  account_created_date: booksDate(state.clock.now()),
  time_zone: "Etc/UTC",
  language_code: "en",
  date_format: "yyyy-MM-dd",
  field_separator: "-",
  fiscal_year_start_month: 0,
  currency_id: String(460000000000097n + BigInt(index)),
  currency_code: "USD",
  currency_symbol: "$",
  currency_format: "###,##0.00",
  price_precision: 2,
  is_org_active: true,
  user_role: "admin",
});

/**
 * Fills state.books.organizations once per sandbox from the options (the server may call this at
 * start; handlers call it too, so a sandbox that did not still has its organizations).
 */
export const ensureOrganizations = (state: SandboxState, options: Readonly<SandboxOptions> = {}): Organization[] => {
  if (state.books.organizationsSeeded) return state.books.organizations;
  state.books.organizationsSeeded = true;
  const wanted = options.booksOrganizations ?? (options.seedDefaults === false ? [] : DEFAULT_ORGANIZATIONS);
  state.books.organizations.push(...wanted.map((org, i) => profile(state, org, i)));
  return state.books.organizations;
};

const findOrganization = (ctx: SandboxContext, organizationId: string): Organization => {
  const org = ensureOrganizations(ctx.state, ctx.options).find((o) => o.organization_id === organizationId);
  if (!org) throw notInOrganization(organizationId);
  return org;
};

/** The organization a call names in `organization_id`, or Books' error for a missing or foreign one. */
export const organizationOf = (req: SandboxRequest, ctx: SandboxContext): Organization => {
  const organizationId = req.query.get("organization_id")?.trim();
  if (!organizationId) throw invalidValue("organization_id");
  return findOrganization(ctx, organizationId);
};

const SETTINGS_READ = ["ZohoBooks.fullaccess.all", "ZohoBooks.settings.READ"];

export const routes: Route[] = [
  {
    method: "GET",
    pattern: "/books/v3/organizations",
    api: "books",
    scopes: SETTINGS_READ,
    handler: answering((_req, ctx) => ok({ code: 0, message: "success", organizations: ensureOrganizations(ctx.state, ctx.options) })),
  },
  {
    method: "GET",
    pattern: "/books/v3/organizations/:organization_id",
    api: "books",
    scopes: SETTINGS_READ,
    handler: answering((req, ctx) => ok({ code: 0, message: "success", organization: findOrganization(ctx, req.params.organization_id) })),
  },
];
