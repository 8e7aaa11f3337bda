/** Zoho Books v3: organizations, records of every type, their actions (status, email, PDF), attachments, webhooks and workflow rules. */
import type { Route } from "../types";
import { routes as actions } from "./actions";
import { routes as attachments } from "./attachments";
import { routes as organizations } from "./organizations";
import { routes as records } from "./records";
import { routes as webhooks } from "./webhooks";
import { routes as workflows } from "./workflows";

export const routes: Route[] = [...organizations, ...records, ...actions, ...attachments, ...webhooks, ...workflows];
export { seedBooks, type SeedBooksOptions } from "./seed";
