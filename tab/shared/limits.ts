// The server's limits (server/lists/limits.ts), so forms say no before the server has to.
export const MAX_LIST_NAME = 100;
export const MAX_NOTE_LENGTH = 4_000;
/** The import endpoint's body limit ('1mb' in server/api/list-routes.ts). */
export const MAX_IMPORT_BYTES = 1024 * 1024;
