// The lists service: list-level operations, with the visibility rule, limits, versions and the audit trail.
import { randomUUID } from 'node:crypto';
import type { ColumnId, List, ListContext, ListSort, ListSummary } from '../wire/contract.js';
import { DEFAULT_COLUMNS } from '../wire/contract.js';
import type { User } from '../auth/user.js';
import { badRequest, conflict } from '../errors.js';
import type { ListStore, NewEntry } from './list-store.js';
import { listEvent, type AuditLog, type AuditRecord } from './audit.js';
import { LIST_LIMITS } from './limits.js';
import { isBindable, listNotFound, rosterOf, type ContextAccess } from './access.js';

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
  /** `null` goes back to the default (24 h). */
  staleAfterHours?: number | null;
}

export interface ListServiceDeps {
  store: ListStore;
  audit: AuditLog;
  access: ContextAccess;
  now?: () => Date;
}

export class ListService {
  private readonly store: ListStore;
  private readonly audit: AuditLog;
  private readonly access: ContextAccess;
  private readonly now: () => Date;

  constructor(deps: ListServiceDeps) {
    this.store = deps.store;
    this.audit = deps.audit;
    this.access = deps.access;
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * The lists of a Teams context the user is in. Opened from Teams, the context names its roster (a channel's
   * team, a meeting's chat): once membership is confirmed, the context's older lists that kept none are bound
   * to it, so they can be checked when opened directly.
   */
  async forContext(user: User, context: ListContext): Promise<ListSummary[]> {
    await this.access.assertVisible(user, context);
    // Without membership checks the roster a browser names proves nothing: all the context's lists, unbound.
    if (!this.access.checksRosters) return this.store.listsInContext(user.tenantId, { kind: context.kind, id: context.id });
    if (isBindable(context)) await this.store.bindRoster(user.tenantId, context);
    // Only the lists kept under the roster just checked: naming another team or chat reaches none of them.
    return this.store.listsInContext(user.tenantId, context);
  }

  /**
   * A list this user may see, or the one 404 for absent, another tenant's, or a context the user is not in.
   * Every check of a list goes through here: reads, writes, rows, export, notes.
   */
  async get(user: User, listId: string): Promise<List> {
    const list = await this.store.getList(user.tenantId, listId);
    if (!list) throw listNotFound();
    await this.access.assertVisible(user, list.context, list.id);
    return list;
  }

  /** GET /lists/:id: the list with its notes, recorded as viewed. */
  async open(user: User, listId: string): Promise<List> {
    const list = await this.get(user, listId);
    await this.audit.record(listEvent(user, list, 'list.viewed'));
    return list;
  }

  /** A new list's context names its roster when rosters are checked, and the user is in it. */
  async assertCanCreateIn(user: User, context: ListContext): Promise<void> {
    this.access.assertCreatable(context);
    await this.access.assertVisible(user, context);
  }

  /** Creates a list, with entries when it comes from an import. */
  async create(
    user: User,
    input: NewListInput,
    entries: readonly NewEntry[] = [],
    event: 'list.created' | 'list.imported' = 'list.created',
  ): Promise<List> {
    await this.assertCanCreateIn(user, input.context);
    if (entries.length > LIST_LIMITS.entriesPerList)
      throw badRequest(`entries: a list holds at most ${LIST_LIMITS.entriesPerList} patients (got ${entries.length})`);
    const id = randomUUID();
    // A meeting list keeps the chat its meeting ID names, even when the caller did not name it.
    const roster = rosterOf(input.context);
    const context: ListContext = roster?.kind === 'meeting' ? { kind: 'meeting', id: roster.id, chatId: roster.chatId } : input.context;
    const created = { id, context };
    const list = await this.store.createList(
      user.tenantId,
      {
        id,
        name: input.name,
        context,
        columns: input.columns ?? [...DEFAULT_COLUMNS],
        sort: input.sort,
        createdBy: user.name,
        createdAt: this.now().toISOString(),
      },
      entries,
      LIST_LIMITS.listsPerContext,
      this.audit.stamp([
        listEvent(user, created, event),
        ...entries.map((entry) => listEvent(user, created, 'entry.added', entry)),
      ]),
    );
    if (!list)
      throw badRequest(`context: this ${input.context.kind} already has ${LIST_LIMITS.listsPerContext} lists, the most allowed`);
    return list;
  }

  async update(user: User, listId: string, patch: ListPatch): Promise<List> {
    const before = await this.get(user, listId);
    const events: AuditRecord[] = [];
    if (patch.name !== undefined && patch.name !== before.name) events.push(listEvent(user, before, 'list.renamed'));
    // `list.columns-changed` covers what the list shows and how: its columns, its sort, when values turn grey.
    const isNewColumns = patch.columns !== undefined && patch.columns.join() !== before.columns.join();
    const isNewSort = patch.sort !== undefined && JSON.stringify(patch.sort) !== JSON.stringify(before.sort ?? null);
    const isNewStaleAfter = patch.staleAfterHours !== undefined && patch.staleAfterHours !== (before.staleAfterHours ?? null);
    if (isNewColumns || isNewSort || isNewStaleAfter) events.push(listEvent(user, before, 'list.columns-changed'));
    const result = await this.store.updateList(
      user.tenantId,
      listId,
      patch.version,
      { name: patch.name, columns: patch.columns, sort: patch.sort, staleAfterHours: patch.staleAfterHours },
      this.now().toISOString(),
      this.audit.stamp(events),
    );
    if (result.status === 'not-found') throw listNotFound();
    if (result.status === 'conflict')
      throw conflict(
        `version ${patch.version} is stale: the list is at version ${result.current.version}; reload and retry`,
        { current: result.current },
      );
    return result.value;
  }

  async remove(user: User, listId: string): Promise<void> {
    const list = await this.get(user, listId);
    const deleted = await this.store.deleteList(user.tenantId, listId, this.audit.stamp([listEvent(user, list, 'list.deleted')]));
    if (!deleted) throw listNotFound();
  }

  /** Records that the user exported the list (the export itself is built from the list and its rows). */
  recordExport(user: User, list: List): Promise<void> {
    return this.audit.record(listEvent(user, list, 'list.exported'));
  }

  /** Records the patients a user was shown from a list: one `patient.viewed` each, in one insert. */
  recordRowsViewed(user: User, list: List): Promise<void> {
    const shown = list.entries.filter((entry) => entry.patientId !== undefined);
    return this.audit.record(...shown.map((entry) => listEvent(user, list, 'patient.viewed', entry)));
  }
}
