import { ZohoError } from "../../src/http/errors";
import { zohoAction } from "../../src/step";

type ZohoOrg = Record<string, any>;

/** The org fields a flow uses; Zoho's answer has dozens more about its UI settings. */
const ORG_FIELDS = [
  "id",
  "company_name",
  "domain_name",
  "primary_email",
  "primary_zuid",
  "zgid",
  "currency",
  "currency_symbol",
  "iso_code",
  "country",
  "country_code",
  "time_zone",
  "phone",
  "website",
  "type",
  "max_per_page",
  "license_details",
] as const;

export const crmGetOrganization = zohoAction({
  display: {
    label: "Get Organization",
    description: "Get the CRM org's details: name, id, currency, time zone, country and license.",
  },
  fields: {},
  perform: async (_context, _input, client) => {
    const response = await client.request<{ org?: ZohoOrg[] }>({ api: "crm", path: "/org" });
    const org = response.data?.org?.[0];
    if (!org) throw new ZohoError("Zoho answered without the org's details: try again, or check the connection's user can see the org.");
    return { data: Object.fromEntries(ORG_FIELDS.map((key) => [key, org[key] ?? null])) as ZohoOrg };
  },
  examplePayload: {
    data: {
      id: "5725767000000000009",
      company_name: "Zylker",
      domain_name: "org60000000",
      primary_email: "p.boyle@zylker.com",
      primary_zuid: "60000000",
      zgid: "60000001",
      currency: "US Dollar",
      currency_symbol: "$",
      iso_code: "USD",
      country: "United States",
      country_code: "US",
      time_zone: "America/Los_Angeles",
      phone: "+1 555 0100",
      website: "https://www.zylker.com",
      type: "Production",
      max_per_page: 200,
      license_details: {
        paid: true,
        paid_type: "enterprise",
        paid_expiry: "2027-11-22T10:15:30+00:00",
        users_license_purchased: 10,
        trial_type: null,
        trial_expiry: null,
        trial_action: "",
      },
    } as ZohoOrg,
  },
});
