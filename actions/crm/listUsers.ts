import { input } from "@prismatic-io/spectral";
import { z } from "zod/v3";
import { exampleLead } from "../../src/examples";
import { page, perPage } from "../../src/fields/crm";
import { cleanText, field, withSchema } from "../../src/fields/field";
import { intInRange } from "../../src/fields/schemas";
import type { CrmInfo } from "../../src/http/pagination";
import { zohoAction } from "../../src/step";

const USER_TYPES = ["ActiveUsers", "ActiveConfirmedUsers", "ConfirmedUsers", "NotConfirmedUsers", "DeactiveUsers", "CurrentUser"] as const;

const userType = field(
  input({
    label: "User Type",
    type: "string",
    required: false,
    default: "ActiveUsers",
    model: USER_TYPES.map((value) => ({ label: value.replace(/([a-z])([A-Z])/g, "$1 $2"), value })),
    comments: "Which users to list.",
    clean: cleanText,
  }),
  () =>
    z.preprocess(
      (v) => (v === undefined || v === null || v === "" ? "ActiveUsers" : v),
      z.enum(USER_TYPES, { message: `must be one of ${USER_TYPES.join(", ")}` }),
    ),
);

type ZohoUser = Record<string, any>;

/** The user fields a flow uses; Zoho's answer has dozens more about locale and UI settings. */
const toUser = (u: ZohoUser) => ({
  id: String(u.id),
  full_name: u.full_name ?? null,
  first_name: u.first_name ?? null,
  last_name: u.last_name ?? null,
  email: u.email ?? null,
  status: u.status ?? null,
  confirm: u.confirm ?? null,
  role: u.role ? { name: String(u.role.name), id: String(u.role.id) } : null,
  profile: u.profile ? { name: String(u.profile.name), id: String(u.profile.id) } : null,
  zuid: u.zuid ?? null,
});

export const crmListUsers = zohoAction({
  display: {
    label: "List Users",
    description: "List the CRM org's users (active users by default), with their role and profile.",
  },
  // Users have no page token, so pages go past the records' 2,000 limit.
  fields: { type: userType, page: withSchema(page, () => intInRange(1, 10_000, 1)), per_page: perPage },
  perform: async (_context, input, client) => {
    const response = await client.request<{ users?: ZohoUser[]; info?: CrmInfo }>({ api: "crm", path: "/users", params: input });
    const users = response.status === 204 ? [] : (response.data?.users ?? []);
    return { data: { data: users.map(toUser), info: { count: users.length, more_records: response.data?.info?.more_records ?? false } } };
  },
  examplePayload: {
    data: {
      data: [
        toUser({
          id: exampleLead.Owner.id,
          full_name: exampleLead.Owner.name,
          first_name: "Patricia",
          last_name: "Boyle",
          email: exampleLead.Owner.email,
          status: "active",
          confirm: true,
          role: { name: "CEO", id: "5725767000000026005" },
          profile: { name: "Administrator", id: "5725767000000026011" },
          zuid: "60000000",
        }),
      ],
      info: { count: 1, more_records: false },
    },
  },
});
