/**
 * Finds the route for a method and path. When several patterns match, the most specific wins:
 * segments compare left to right and a literal beats a `:param`, whatever order the files list
 * them in (so /crm/v8/Leads/search beats /crm/v8/:module/:id).
 */
import type { Route } from "./types";

interface Compiled {
  route: Route;
  segments: string[];
  /** Per segment: 1 literal, 0 parameter. */
  rank: number[];
}

export type RouteMatch = { kind: "found"; route: Route; params: Record<string, string> } | { kind: "wrong-method" } | { kind: "none" };

const split = (path: string) => path.split("/").filter(Boolean);

/** Patterns of different lengths never match the same path; grouping by length keeps the order consistent for sort. */
const compareRank = (a: number[], b: number[]) => {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i] - a[i];
  return 0;
};

const decode = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

const paramsOf = (compiled: Compiled, parts: string[]): Record<string, string> | undefined => {
  if (compiled.segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const segment = compiled.segments[i];
    if (segment.startsWith(":")) params[segment.slice(1)] = decode(parts[i]);
    else if (segment !== parts[i]) return undefined;
  }
  return params;
};

export const createRouter = (routes: Route[]) => {
  const compiled: Compiled[] = routes
    .map((route) => {
      const segments = split(route.pattern);
      return { route, segments, rank: segments.map((s) => (s.startsWith(":") ? 0 : 1)) };
    })
    // Stable sort: among equally specific patterns the files' order decides.
    .sort((a, b) => compareRank(a.rank, b.rank));

  return (method: string, path: string): RouteMatch => {
    const parts = split(path);
    let pathMatched = false;
    for (const candidate of compiled) {
      const params = paramsOf(candidate, parts);
      if (!params) continue;
      if (candidate.route.method === method) return { kind: "found", route: candidate.route, params };
      pathMatched = true;
    }
    return pathMatched ? { kind: "wrong-method" } : { kind: "none" };
  };
};
