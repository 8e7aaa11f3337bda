/**
 * POST /crm/v8/Leads/{id}/actions/convert: the lead becomes a Contact, its Company an Account (an
 * account of the same name is reused), and a Deal is created when `Deals` is given. Lead fields go
 * to same-named fields of the new records; the lead's notes and attachments move to the contact;
 * the lead leaves Leads. Everything is checked before the first write, so a refused call changes nothing.
 */
import { ok, recordStatus } from "../../respond";
import { crmSlice, type CrmModule, type CrmRecord, type SandboxState } from "../../state";
import type { Route } from "../../types";
import { crmView } from "./compare";
import { CrmFailure } from "../crmFailure";
import { crmRoute } from "../crmRoute";
import { moveAttachments } from "../files/attachments";
import { moveNotes } from "../files/notes";
import { lookupTo, moduleNamed } from "./parents";
import { readEntry } from "./recordValues";
import { callerOf, dataEntries, insertRecord, minifiedUser, removeRecord, updateRecord, type MinifiedUser } from "./writes";

const LEADS = "Leads";
/** Fields a conversion never copies: the new record gets its own. */
const NOT_COPIED = new Set(["id", "Created_Time", "Modified_Time", "Created_By", "Modified_By", "Tag"]);

interface ConvertInput {
  overwrite?: boolean;
  Accounts?: { id?: unknown };
  Contacts?: { id?: unknown };
  Deals?: Record<string, unknown>;
  assign_to?: { id?: unknown };
}

type Converted = {
  Contacts: { name: string; id: string };
  Accounts: { name: string; id: string } | null;
  Deals: { name: string; id: string } | null;
};

/** lead id -> what it became; a second conversion answers ID_ALREADY_CONVERTED. */
declare module "../../state" {
  interface CrmSlices {
    /** lead id -> what converting it made */
    convertedLeads: Map<string, Converted>;
  }
}

const convertedLeads = crmSlice("convertedLeads", () => new Map<string, Converted>());

/** The lead's values for fields the target module also has. */
const carried = (lead: CrmRecord, target: CrmModule): Record<string, unknown> =>
  Object.fromEntries(
    target.fields
      .filter((f) => !NOT_COPIED.has(f.api_name) && !f.read_only && f.data_type !== "lookup" && lead[f.api_name] !== undefined)
      .map((f) => [f.api_name, lead[f.api_name]]),
  );

/** An existing record the call names by id, or Zoho's INVALID_DATA pointing at it. */
const existing = (state: SandboxState, module: string, ref: { id?: unknown } | undefined) => {
  if (ref?.id === undefined) return undefined;
  const record = state.crm.records.get(module)?.get(String(ref.id));
  if (!record) throw new CrmFailure("INVALID_DATA", "invalid data", { api_name: "id", json_path: `$.data[0].${module}.id` });
  return record;
};

const convert = (state: SandboxState, by: MinifiedUser, lead: CrmRecord, input: ConvertInput): Converted => {
  const accounts = moduleNamed(state, "Accounts");
  const contacts = moduleNamed(state, "Contacts");
  const deals = moduleNamed(state, "Deals");
  const chosenAccount = existing(state, "Accounts", input.Accounts);
  const chosenContact = existing(state, "Contacts", input.Contacts);
  const owner = input.assign_to?.id === undefined ? undefined : state.users.find((u) => u.id === String(input.assign_to?.id));
  if (input.assign_to && !owner) {
    throw new CrmFailure("INVALID_DATA", "invalid data", { api_name: "assign_to", json_path: "$.data[0].assign_to" });
  }
  // Deal values are typed and checked like any record insert, before anything is written.
  const dealValues = input.Deals ? readEntry({ state, module: deals, index: 0 }, input.Deals, "insert") : undefined;
  const ownership = owner ? { Owner: minifiedUser(owner) } : {};

  const company = typeof lead.Company === "string" && lead.Company !== "" ? lead.Company : undefined;
  const sameName =
    company &&
    crmView(state)
      .records("Accounts")
      .find((a) => String(a.Account_Name).toLowerCase() === company.toLowerCase());
  const account =
    chosenAccount ??
    sameName ??
    (company ? insertRecord(state, "Accounts", { ...carried(lead, accounts), ...ownership, Account_Name: company }, by) : undefined);
  const accountLink = account ? { Account_Name: lookupTo(accounts, account) } : {};

  const contactFields = { ...carried(lead, contacts), ...ownership, ...accountLink };
  const contact = chosenContact
    ? input.overwrite
      ? updateRecord(state, "Contacts", chosenContact, contactFields, by)
      : chosenContact
    : insertRecord(state, "Contacts", contactFields, by);

  const deal = dealValues
    ? insertRecord(state, "Deals", { ...ownership, ...dealValues, ...accountLink, Contact_Name: lookupTo(contacts, contact) }, by)
    : undefined;

  moveNotes(state, lead.id, { module: contacts, record: contact }, by);
  moveAttachments(state, { module: LEADS, id: lead.id }, { module: contacts, record: contact });
  removeRecord(state, LEADS, lead.id);
  return {
    Contacts: lookupTo(contacts, contact),
    Accounts: account ? lookupTo(accounts, account) : null,
    Deals: deal ? lookupTo(deals, deal) : null,
  };
};

export const routes: Route[] = [
  crmRoute("POST", "/crm/v8/Leads/:id/actions/convert", { scopes: ["ZohoCRM.modules.leads.CREATE"], write: true }, (req, ctx) => {
    const state = ctx.state;
    moduleNamed(state, LEADS);
    const lead = state.crm.records.get(LEADS)?.get(req.params.id);
    if (!lead) {
      if (convertedLeads(state).has(req.params.id)) {
        throw new CrmFailure("ID_ALREADY_CONVERTED", "id already converted", { resource_path_index: 1 });
      }
      throw new CrmFailure("INVALID_DATA", "invalid data", { resource_path_index: 1 });
    }
    const [input] = dataEntries(req.json, 1) as ConvertInput[];
    const converted = convert(state, callerOf(state, req), lead, input ?? {});
    convertedLeads(state).set(lead.id, converted);
    return ok({ data: [recordStatus(true, "SUCCESS", "The record has been converted successfully", converted)] });
  }),
];
