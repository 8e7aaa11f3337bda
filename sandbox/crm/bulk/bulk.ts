/**
 * CRM bulk APIs: bulk read (export to a zipped CSV), file upload and bulk write (import from one).
 * Jobs move through Zoho's states by polls or sandbox time (bulkJobs.ts).
 */
import type { Route } from "../../types";
import { routes as readRoutes } from "./bulkRead";
import { routes as uploadRoutes } from "./bulkUpload";
import { routes as writeRoutes } from "./bulkWrite";

export const routes: Route[] = [...readRoutes, ...uploadRoutes, ...writeRoutes];
