/**
 * Every endpoint group's routes in one list for the server. Order does not matter: the router
 * picks the most specific pattern (literal segments beat `:params`). Composite calls run their
 * sub-requests through the server's dispatch, which the server passes in (no import back).
 */
import { routes as accounts } from "./accounts";
import { routes as assignmentRules } from "./crm/assignmentRules";
import { routes as books } from "./books/index";
import { routes as attachments } from "./crm/attachments";
import { routes as blueprint } from "./crm/blueprint";
import { routes as bulk } from "./crm/bulk";
import { compositeRoutes, type Dispatch } from "./crm/composite";
import { routes as convert } from "./crm/convert";
import { routes as coql } from "./crm/coql";
import { routes as deleted } from "./crm/deleted";
import { routes as email } from "./crm/email";
import { routes as functions } from "./crm/functions";
import { routes as massUpdate } from "./crm/massUpdate";
import { routes as metadata } from "./crm/metadata";
import { routes as files } from "./crm/files";
import { routes as notes } from "./crm/notes";
import { routes as photos } from "./crm/photos";
import { routes as notifications } from "./crm/notifications";
import { routes as records } from "./crm/records";
import { routes as related } from "./crm/related";
import { routes as search } from "./crm/search";
import { routes as tags } from "./crm/tags";
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
