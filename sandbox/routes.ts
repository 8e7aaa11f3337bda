/**
 * Every endpoint group's routes in one list for the server. Order does not matter: the router
 * picks the most specific pattern (literal segments beat `:params`). Composite calls run their
 * sub-requests through the server's dispatch, which the server passes in (no import back).
 */
import { routes as accounts } from "./accounts";
import { routes as assignmentRules } from "./crm/automation/assignmentRules";
import { routes as books } from "./books/index";
import { routes as attachments } from "./crm/files/attachments";
import { routes as blueprint } from "./crm/automation/blueprint";
import { routes as bulk } from "./crm/bulk/bulk";
import { compositeRoutes, type Dispatch } from "./crm/composite/composite";
import { routes as convert } from "./crm/records/convert";
import { routes as coql } from "./crm/coql/coql";
import { routes as deleted } from "./crm/records/deleted";
import { routes as email } from "./crm/automation/email";
import { routes as functions } from "./crm/automation/functions";
import { routes as massUpdate } from "./crm/automation/massUpdate";
import { routes as metadata } from "./crm/metadata/metadata";
import { routes as files } from "./crm/files/files";
import { routes as notes } from "./crm/files/notes";
import { routes as photos } from "./crm/files/photos";
import { routes as notifications } from "./crm/notifications/notifications";
import { routes as records } from "./crm/records/records";
import { routes as related } from "./crm/records/related";
import { routes as search } from "./crm/search/search";
import { routes as tags } from "./crm/records/tags";
import type { Route } from "./types";

export const allRoutes = ({ dispatch }: { dispatch: Dispatch }): Route[] => [
  ...accounts,
  ...metadata,
  ...records,
  ...deleted,
  ...search,
  ...coql,
  ...notes,
  ...related,
  ...attachments,
  ...files,
  ...photos,
  ...convert,
  ...compositeRoutes(dispatch),
  ...tags,
  ...notifications,
  ...bulk,
  ...email,
  ...blueprint,
  ...functions,
  ...massUpdate,
  ...assignmentRules,
  ...books,
];
