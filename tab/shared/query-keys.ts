// The keys of the tab's server state in TanStack Query's cache, in one place so that a mutation invalidates exactly
// what it changed. Everything read with the signed-in user's token sits under SIGNED_IN: signing out drops it whole.
import type { ListContext } from '../../server/wire/contract';

const SIGNED_IN = 'signed-in';

export const queryKeys = {
  /** Teams (or not) and the server's public configuration. */
  boot: ['boot'] as const,
  /** Who is signed in, and the API client with their token. */
  session: ['session'] as const,
  /** The demo clinicians to sign in as (open endpoint; `baseUrl` is '' in the browser). */
  demoUsers: (baseUrl: string) => ['demo-users', baseUrl] as const,
  /** Every answer read with the user's token. */
  signedIn: [SIGNED_IN] as const,
  /** The lists of a Teams context. */
  contextLists: (context: ListContext) => [SIGNED_IN, 'lists', context] as const,
  /** The lists view: a context's lists, and which one opens (`initialListId`, or the first). */
  listsView: (context: ListContext, initialListId: string | undefined) =>
    [SIGNED_IN, 'lists', context, { initialListId: initialListId ?? null }] as const,
  /** One list; its rows sit under it, so invalidating the list reloads both. */
  list: (listId: string) => [SIGNED_IN, 'list', listId] as const,
  rows: (listId: string) => [SIGNED_IN, 'list', listId, 'rows'] as const,
  patient: (patientId: string, listId: string) => [SIGNED_IN, 'patient', patientId, { listId }] as const,
};

/** Mutation keys, for a query that must know whether one was sent while it was in flight. */
export const mutationKeys = {
  markSeen: (listId: string) => ['mark-seen', listId] as const,
};
