/** Zoho Books v3: organizations, records of every type, and their actions (status, email, PDF). */
import type { Route } from "../types";
import { routes as actions } from "./actions";
import { routes as organizations } from "./organizations";
import { routes as records } from "./records";

export const routes: Route[] = [...organizations, ...records, ...actions];
export { seedBooks, type SeedBooksOptions } from "./seed";
