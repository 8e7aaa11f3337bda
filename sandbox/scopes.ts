/**
 * Zoho's scope arithmetic: `Service.part.OPERATION`, where a granted scope covers a required one
 * when the service matches, its parts are a prefix of the required parts (ZohoCRM.modules covers
 * ZohoCRM.modules.leads) and its operation is ALL or the same one. Books' fullaccess covers all of Books.
 */

/** What a token gets when a test asks for none in particular: every scope the connector uses (ZOHO.md). */
export const ALL_SCOPES = [
  "ZohoCRM.modules.ALL",
  "ZohoCRM.coql.READ",
  "ZohoCRM.settings.ALL",
  "ZohoCRM.users.ALL",
  "ZohoCRM.org.ALL",
  "ZohoCRM.bulk.ALL",
  "ZohoCRM.notifications.ALL",
  "ZohoCRM.Files.CREATE",
  "ZohoCRM.Files.READ",
  "ZohoCRM.send_mail.all.CREATE",
  "ZohoCRM.templates.email.READ",
  "ZohoCRM.functions.execute.CREATE",
  "ZohoCRM.mass_update.ALL",
  "ZohoSearch.securesearch.READ",
  "ZohoBooks.fullaccess.all",
];

const parse = (scope: string) => {
  const parts = scope.toLowerCase().split(".");
  return { service: parts[0], parts: parts.slice(1, -1), operation: parts[parts.length - 1] };
};

export const scopeCovers = (granted: string, required: string): boolean => {
  const g = parse(granted);
  const r = parse(required);
  if (g.service !== r.service) return false;
  if (g.parts.join(".") === "fullaccess" && g.operation === "all") return true;
  const prefix = g.parts.length <= r.parts.length && g.parts.every((part, i) => part === r.parts[i]);
  return prefix && (g.operation === "all" || g.operation === r.operation);
};

/** Route scopes with `{param}` placeholders filled from the path, e.g. ZohoCRM.modules.{module}.READ. */
export const requiredScopes = (scopes: string[], params: Record<string, string>): string[] =>
  scopes.map((scope) => scope.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? name));

export const hasScope = (granted: string[], required: string[]): boolean => required.some((r) => granted.some((g) => scopeCovers(g, r)));
