// A list's rows for one user (GET /lists/:id/rows): live EHR data with what changed since they last marked each row
// seen, and the view recorded in the audit trail; and "Mark as seen" (POST /lists/:id/seen).
import type { User } from '../auth/user.js';
import type { RowsResponse } from '../wire/contract.js';
import type { ListService } from './list-service.js';
import type { RowChanges } from './row-changes.js';
import type { RowService } from './rows.js';

export interface UserRows {
  body: RowsResponse;
  /** What "Mark as seen" may clear: no row whose values moved on after this answer. */
  viewedAt: string;
}

export interface RowsRequest {
  /** Ask the EHR again instead of using its shared answers (Refresh). */
  isFresh?: boolean;
  /** Whether the client already holds this answer (a 304 to an auto-refresh): it showed nobody anything new. */
  isUnchanged(body: RowsResponse): boolean;
}

export class ListRowsService {
  constructor(
    private readonly lists: ListService,
    private readonly rows: RowService,
    private readonly changes: RowChanges,
  ) {}

  async open(user: User, listId: string, request: RowsRequest): Promise<UserRows> {
    const list = await this.lists.get(user, listId);
    const built = await this.rows.forList(user.tenantId, list, { isFresh: request.isFresh });
    const annotated = await this.changes.annotate(user.tenantId, list, user.userId, built.rows);
    const body = annotated.rows === built.rows ? built : { ...built, rows: annotated.rows };
    // An answer the client already holds is not a view to audit.
    if (!request.isUnchanged(body)) await this.lists.recordRowsViewed(user, list);
    return { body, viewedAt: annotated.viewedAt };
  }

  /** Marks these rows (or the whole list) seen as this user was last shown them. */
  async markSeen(user: User, listId: string, seen: { entryIds?: readonly string[]; viewedAt?: string }): Promise<void> {
    const list = await this.lists.get(user, listId);
    await this.changes.markSeen(user.tenantId, list.id, user.userId, seen.entryIds, seen.viewedAt);
  }
}
