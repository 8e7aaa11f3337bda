/**
 * The existing component's polling trigger keys, kept so integrations switch without edits;
 * each is a preset of the generic polling triggers.
 */
import { pollingTrigger } from "@prismatic-io/spectral";
import { exampleLead, pollingExample } from "../src/examples";
import { connectionInput, fields } from "../src/inputs";
import { emitInput, pollCrm, startTimeInput } from "./crmRecordsPolling";

const crmPreset = (module: "Leads" | "Contacts") =>
  pollingTrigger({
    display: {
      label: `New and Updated ${module}`,
      description: `Checks Zoho CRM ${module} on a schedule and starts the flow with every ${module.toLowerCase().slice(0, -1)} created or modified since the last check, each exactly once.`,
    },
    allowsBranching: false,
    // The module is fixed, so the field pick list (which asks for a Module input) has nothing to list from.
    inputs: { connection: connectionInput, fields: { ...fields, dataSource: undefined, comments: `Comma-separated ${module} field API names to return (at most 47). Leave empty for the module's fields (the first 50 Zoho lists).` }, emit: emitInput, startTime: startTimeInput },
    perform: async (context, payload, params) => {
      const { records, polledNoChanges } = await pollCrm(context, params, module);
      return { payload: { ...payload, body: { data: records } }, polledNoChanges };
    },
    examplePayload: pollingExample([{ ...exampleLead, _change: "created" }]),
  });

export const leadsPollingTrigger = crmPreset("Leads");
export const contactsPollingTrigger = crmPreset("Contacts");
