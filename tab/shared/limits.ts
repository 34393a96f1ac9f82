// The server's limits (server/lists/limits.ts), so forms say no before the server has to.
export const MAX_LIST_NAME = 100;
export const MAX_NOTE_LENGTH = 4_000;
/** A manual patient's text fields (MANUAL_LIMITS in server/lists/fields.ts), trimmed, in UTF-16 units as zod counts. */
export const MANUAL_MAX = { name: 200, mrn: 64, location: 200 } as const;
/** The import endpoint's body limit ('1mb' in server/api/list-routes.ts). */
export const MAX_IMPORT_BYTES = 1024 * 1024;
