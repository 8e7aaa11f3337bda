import { component } from "@prismatic-io/spectral";
import crmActions from "../actions/crm";
import booksActions from "../actions/books";
import triggers from "../triggers";
import dataSources from "../dataSources";
import { connections } from "../connections";
import { errorHook } from "./errorHook";

export default component({
  key: "zoho",
  public: false,
  display: {
    label: "Zoho",
    description:
      "Manage Zoho CRM records, queries, attachments, notes, bulk jobs and notifications, and Zoho Books records in every organization, in any Zoho data center.",
    iconPath: "icon.png",
    category: "Application Connectors",
  },
  actions: { ...crmActions, ...booksActions },
  triggers,
  dataSources,
  connections,
  hooks: { error: errorHook },
});
