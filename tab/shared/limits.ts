// The server's limits (server/lists/limits.ts), so forms say no before the server has to.
export const MAX_LIST_NAME = 100;
export const MAX_NOTE_LENGTH = 4_000;
