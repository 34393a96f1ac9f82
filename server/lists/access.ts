import type { ListContext } from '../wire/contract.js';
import type { User } from '../auth/user.js';
import { notFound, type ApiError } from '../errors.js';

/**
 * Who may see a list of a Teams context. The tenant is already filtered by the store; a personal context
 * belongs to its user alone. (Channel, chat and meeting membership is Teams' to enforce: the tab only opens
 * in contexts the user is in, and we have no Graph permission to check it here.)
 */
export function isContextVisibleTo(user: User, context: ListContext): boolean {
  return context.kind !== 'personal' || context.id === user.userId;
}

/** The same 404 for a list that does not exist, is another tenant's, or is someone else's personal list. */
export const listNotFound = (): ApiError => notFound('List not found');

export function assertContextVisible(user: User, context: ListContext): void {
  if (!isContextVisibleTo(user, context)) throw listNotFound();
}
