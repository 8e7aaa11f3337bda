/**
 * Page tokens for record lists past 2,000 records. A token is opaque to the client and names, on
 * the server, the query it continues (module, order, filters), where the last page ended, and the
 * user it was issued to; it lives 24 hours on the sandbox clock and reaches 100,000 records at most.
 */
import { randomBytes } from "node:crypto";
import { crmSlice, type SandboxState } from "../../state";

export const PAGE_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;
export const PAGE_TOKEN_REACH = 100_000;

export interface ListQuery {
  module: string;
  sortBy: string;
  sortOrder: string;
  /** Only records modified after this instant (If-Modified-Since), epoch ms. */
  modifiedSince?: number;
  /** Only these records (`ids`), in the list's order. */
  ids?: string[];
}

export interface PageCursor {
  query: ListQuery;
  userId: string;
  /** The last record served, so the next page starts right after it however the list has changed. */
  last: { id: string; Created_Time: unknown; Modified_Time: unknown };
  /** Records served so far through this chain of tokens. */
  served: number;
  /** The token that gave the page this cursor follows: the next page's previous_page_token. */
  previous?: string;
  expiresAt: number;
}

declare module "../../state" {
  interface CrmSlices {
    /** page_token -> where the next page starts. */
    pageTokens: Map<string, PageCursor>;
  }
}

const tokensOf = crmSlice("pageTokens", () => new Map<string, PageCursor>());

export const savePageToken = (state: SandboxState, cursor: Omit<PageCursor, "expiresAt">): { token: string; expiresAt: number } => {
  const tokens = tokensOf(state);
  const now = state.clock.now();
  for (const [token, saved] of tokens) if (saved.expiresAt <= now) tokens.delete(token);
  const token = randomBytes(24).toString("hex");
  const expiresAt = now + PAGE_TOKEN_LIFETIME_MS;
  tokens.set(token, { ...cursor, expiresAt });
  return { token, expiresAt };
};

/** The cursor a token names, if it exists, is live, and was issued to `userId`. */
export const readPageToken = (state: SandboxState, token: string, userId: string): PageCursor | undefined => {
  const cursor = tokensOf(state).get(token);
  return cursor && cursor.expiresAt > state.clock.now() && cursor.userId === userId ? cursor : undefined;
};
