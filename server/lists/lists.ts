// The lists service: list-level operations, with the visibility rule, limits, versions and the audit trail.
import { randomUUID } from 'node:crypto';
import type { ColumnId, List, ListContext, ListSort, ListSummary } from '../wire/contract.js';
import { DEFAULT_COLUMNS } from '../wire/contract.js';
import type { User } from '../auth/user.js';
import { badRequest, conflict } from '../errors.js';
import type { ListStore, NewEntry } from './list-store.js';
import { listEvent, type AuditLog } from './audit.js';
import { LIST_LIMITS } from './limits.js';
import { assertContextVisible, isContextVisibleTo, listNotFound } from './access.js';

export interface NewListInput {
  name: string;
  context: ListContext;
  columns?: ColumnId[];
  sort?: ListSort;
}

export interface ListPatch {
  version: number;
  name?: string;
  columns?: ColumnId[];
  sort?: ListSort | null;
}

export interface ListServiceDeps {
  store: ListStore;
  audit: AuditLog;
  now?: () => Date;
}

export class ListService {
  private readonly store: ListStore;
  private readonly audit: AuditLog;
  private readonly now: () => Date;

  constructor(deps: ListServiceDeps) {
    this.store = deps.store;
    this.audit = deps.audit;
    this.now = deps.now ?? (() => new Date());
  }

  forContext(user: User, context: ListContext): Promise<ListSummary[]> {
    assertContextVisible(user, context);
    return this.store.listsInContext(user.tenantId, context);
  }

  /** A list this user may see, or the one 404 for absent, another tenant's, or someone else's personal list. */
  async get(user: User, listId: string): Promise<List> {
    const list = await this.store.getList(user.tenantId, listId);
    if (!list || !isContextVisibleTo(user, list.context)) throw listNotFound();
    return list;
  }

  /** Creates a list, with entries when it comes from an import. */
  async create(
    user: User,
    input: NewListInput,
    entries: readonly NewEntry[] = [],
    event: 'list.created' | 'list.imported' = 'list.created',
  ): Promise<List> {
    assertContextVisible(user, input.context);
    if (entries.length > LIST_LIMITS.entriesPerList)
      throw badRequest(`entries: a list holds at most ${LIST_LIMITS.entriesPerList} patients (got ${entries.length})`);
    const list = await this.store.createList(
      user.tenantId,
      {
        id: randomUUID(),
        name: input.name,
        context: input.context,
        columns: input.columns ?? [...DEFAULT_COLUMNS],
        sort: input.sort,
        createdBy: user.name,
        createdAt: this.now().toISOString(),
      },
      entries,
      LIST_LIMITS.listsPerContext,
    );
    if (!list)
      throw badRequest(`context: this ${input.context.kind} already has ${LIST_LIMITS.listsPerContext} lists, the most allowed`);
    await this.record(user, list, event);
    return list;
  }

  async update(user: User, listId: string, patch: ListPatch): Promise<List> {
    const before = await this.get(user, listId);
    const result = await this.store.updateList(
      user.tenantId,
      listId,
      patch.version,
      { name: patch.name, columns: patch.columns, sort: patch.sort },
      this.now().toISOString(),
    );
    if (result.status === 'not-found') throw listNotFound();
    if (result.status === 'conflict')
      throw conflict(
        `version ${patch.version} is stale: the list is at version ${result.current.version}; reload and retry`,
        { current: result.current },
      );
    const list = result.value;
    if (patch.name !== undefined && patch.name !== before.name) await this.record(user, list, 'list.renamed');
    if (patch.columns !== undefined && patch.columns.join() !== before.columns.join())
      await this.record(user, list, 'list.columns-changed');
    return list;
  }

  async remove(user: User, listId: string): Promise<void> {
    const list = await this.get(user, listId);
    if (!(await this.store.deleteList(user.tenantId, listId))) throw listNotFound();
    await this.record(user, list, 'list.deleted');
  }

  /** Records that the user exported the list (the export itself is built from the list and its rows). */
  recordExport(user: User, list: List): Promise<void> {
    return this.record(user, list, 'list.exported');
  }

  private record(
    user: User,
    list: List,
    type: 'list.created' | 'list.imported' | 'list.renamed' | 'list.columns-changed' | 'list.deleted' | 'list.exported',
  ): Promise<void> {
    return this.audit.record(listEvent(user, list, type));
  }
}
