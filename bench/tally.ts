/** Loss and duplication of a write, read off what the sandbox stored (every bench record has its own e-mail). */
export interface Tally {
  lost: number;
  duplicated: number;
}

/** How many of `emails` no stored record holds, and how many extra copies are stored. */
export const tallyByEmail = (stored: Iterable<Record<string, unknown>>, emails: string[]): Tally => {
  const copies = new Map(emails.map((email) => [email.toLowerCase(), 0]));
  for (const record of stored) {
    const key = String(record.Email ?? "").toLowerCase();
    const seen = copies.get(key);
    if (seen !== undefined) copies.set(key, seen + 1);
  }
  const counts = [...copies.values()];
  return { lost: counts.filter((c) => c === 0).length, duplicated: counts.reduce((sum, c) => sum + Math.max(0, c - 1), 0) };
};
