/**
 * The existing component's polling trigger keys, kept so integrations switch without edits;
 * each is a preset of the generic polling triggers.
 */
import { exampleLead, pollingExample } from "../src/examples";
import { withInput } from "../src/fields/field";
import { emit, includeDeletions, startTime } from "../src/fields/polling";
import { zohoPollingTrigger } from "../src/step";
import { pollCrm, pollFields } from "./crmRecordsPolling";

const crmPreset = (module: "Leads" | "Contacts") =>
  zohoPollingTrigger({
    display: {
      label: `New and Updated ${module}`,
      description: `Checks Zoho CRM ${module} on a schedule and starts the flow with every ${module.toLowerCase().slice(0, -1)} created or modified since the last check, each exactly once.`,
    },
    fields: {
      // The module is fixed, so the field pick list (which asks for a Module input) has nothing to list from.
      fields: withInput(pollFields, {
        dataSource: undefined,
        comments: `Comma-separated ${module} field API names to return (at most 47). Leave empty for the module's fields (the first 50 Zoho lists).`,
      }),
      emit,
      startTime,
      includeDeletions,
    },
    perform: async (context, input, client, payload) => {
      const { records, polledNoChanges } = await pollCrm(context, { ...input, recordType: module }, client);
      return { payload: { ...payload, body: { data: records } }, polledNoChanges };
    },
    examplePayload: pollingExample([{ ...exampleLead, _change: "created" }]),
  });

export const leadsPollingTrigger = crmPreset("Leads");
export const contactsPollingTrigger = crmPreset("Contacts");
