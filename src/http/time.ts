/** Zoho's timestamp formats, in one place. */

/** CRM: ISO 8601 with a colon offset and second resolution, e.g. 2026-11-22T10:15:30+00:00. */
export const formatZohoTime = (epochMs: number): string => new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "+00:00");

/** Books: offset without a colon, e.g. 2026-11-22T10:15:30+0000. */
export const formatBooksTime = (epochMs: number): string => formatZohoTime(epochMs).replace(/([+-]\d\d):(\d\d)$/, "$1$2");
