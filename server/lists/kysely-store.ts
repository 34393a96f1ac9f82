// The one ListStore, written once on Kysely and run on SQLite or PostgreSQL (open-store.ts picks). Writes run in
// transactions; versions are checked in `UPDATE … WHERE version = ?`. The dialects differ in store-dialects.ts only.
import { sql, type CompiledQuery, type ExpressionBuilder, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Entry, List, ListContext, ListSummary, Note } from '../wire/contract.js';
import type {
  AddEntryResult,
  AuditOfWrite,
  AuditPage,
  ListChanges,
  ListStore,
  NewEntry,
  NewList,
  RowView,
  StoredAuditEvent,
  VersionedWrite,
} from './list-store.js';
import type { StoreDialect } from './store-dialects.js';
import {
  ENTRY_COLUMNS,
  LIST_COLUMNS,
  ROW_VIEW_COLUMNS,
  auditRow,
  dedupeKeyOf,
  entryRow,
  listRow,
  rosterColumnOf,
  toAuditEvent,
  toEntry,
  toList,
  toRowView,
  toSummary,
  type Tables,
} from './store-tables.js';

type Db = Kysely<Tables>;

/** Rows per INSERT: 12 parameters each, under SQLite's 32,766 and PostgreSQL's 65,535. */
const ROWS_PER_INSERT = 1_000;

async function runAll(db: Db, queries: readonly CompiledQuery[]): Promise<void> {
  for (const query of queries) await db.executeQuery(query);
}

/** A context's lists: this tenant's, kept under the roster the context names (when it names one). */
function inContext(eb: ExpressionBuilder<Tables, 'lists'>, tenantId: string, context: ListContext): Expression<SqlBool> {
  const roster = rosterColumnOf(context);
  return eb.and([
    eb('tenant_id', '=', tenantId),
    eb('context_kind', '=', context.kind),
    eb('context_id', '=', context.id),
    ...(roster ? [eb(roster.column, '=', roster.value)] : []),
  ]);
}

export class KyselyStore implements ListStore {
  readonly dialect: StoreDialect['name'];

  constructor(
    private readonly db: Db,
    private readonly sqlOf: StoreDialect,
  ) {
    this.dialect = sqlOf.name;
  }

  private async readList(db: Db, tenantId: string, listId: string): Promise<List | undefined> {
    const row = await db.selectFrom('lists').select(LIST_COLUMNS).where('id', '=', listId).where('tenant_id', '=', tenantId).executeTakeFirst();
    if (!row) return undefined;
    const entries = await db
      .selectFrom('entries')
      .select(ENTRY_COLUMNS)
      .where('list_id', '=', listId)
      .where('tenant_id', '=', tenantId)
      .orderBy(sql.ref(this.sqlOf.entryOrder))
      .execute();
    return toList(row, entries);
  }

  private async readEntry(db: Db, tenantId: string, listId: string, entryId: string): Promise<Entry | undefined> {
    const row = await db
      .selectFrom('entries')
      .select(ENTRY_COLUMNS)
      .where('id', '=', entryId)
      .where('list_id', '=', listId)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    return row ? toEntry(row) : undefined;
  }

  /** Whether it is this tenant's list, locking its row (where rows lock) until the end of the transaction. */
  private lockQuery(tenantId: string, listId: string): CompiledQuery<{ id: string }> {
    return this.db
      .selectFrom('lists')
      .select('id')
      .where('id', '=', listId)
      .where('tenant_id', '=', tenantId)
      .$if(this.sqlOf.hasRowLocks, (query) => query.forUpdate())
      .compile();
  }

  /** The events of a write, in as few inserts as they need. */
  private auditInserts(events: AuditOfWrite): CompiledQuery[] {
    const inserts: CompiledQuery[] = [];
    for (let start = 0; start < events.length; start += ROWS_PER_INSERT)
      inserts.push(this.db.insertInto('audit_events').values(events.slice(start, start + ROWS_PER_INSERT).map(auditRow)).compile());
    return inserts;
  }

  /** What follows a change to a list's entries: the list's updated_at, and the events of the change. */
  private afterEntryChange(listId: string, at: string, audit: AuditOfWrite): CompiledQuery[] {
    return [this.db.updateTable('lists').set({ updated_at: at }).where('id', '=', listId).compile(), ...this.auditInserts(audit)];
  }

  private async insertAudit(db: Db, events: AuditOfWrite): Promise<void> {
    await runAll(db, this.auditInserts(events));
  }

  async listsInContext(tenantId: string, context: ListContext): Promise<ListSummary[]> {
    const rows = await this.db
      .selectFrom('lists')
      .select(LIST_COLUMNS)
      .select((eb) =>
        eb.selectFrom('entries as e').whereRef('e.list_id', '=', 'lists.id').select(eb.fn.countAll().as('n')).as('size'),
      )
      .where((eb) => inContext(eb, tenantId, context))
      .orderBy('created_at')
      .orderBy(sql.ref(`lists.${this.sqlOf.listOrder}`))
      .execute();
    return rows.map(toSummary);
  }

  createList(
    tenantId: string, list: NewList, entries: readonly NewEntry[], maxLists: number, audit: AuditOfWrite = [],
  ): Promise<List | undefined> {
    return this.db.transaction().execute(async (tx) => {
      // Serialise list creation per context so two concurrent creations cannot both pass the limit.
      const lock = this.sqlOf.lockKey(`${tenantId}\n${list.context.kind}\n${list.context.id}`);
      if (lock) await lock.execute(tx);
      const { n } = await tx
        .selectFrom('lists')
        .select((eb) => eb.fn.countAll().as('n'))
        .where((eb) => inContext(eb, tenantId, list.context))
        .executeTakeFirstOrThrow();
      if (Number(n) >= maxLists) return undefined;
      await tx.insertInto('lists').values(listRow(tenantId, list)).execute();
      if (entries.length > 0) await tx.insertInto('entries').values(entries.map((e) => entryRow(tenantId, list.id, e))).execute();
      await this.insertAudit(tx, audit);
      return this.readList(tx, tenantId, list.id);
    });
  }

  getList(tenantId: string, listId: string): Promise<List | undefined> {
    return this.readList(this.db, tenantId, listId);
  }

  updateList(
    tenantId: string, listId: string, version: number, changes: ListChanges, at: string, audit: AuditOfWrite = [],
  ): Promise<VersionedWrite<List>> {
    const { name, columns, sort, staleAfterHours } = changes;
    return this.db.transaction().execute(async (tx): Promise<VersionedWrite<List>> => {
      // Kysely leaves out what is undefined: only the changes asked for are written.
      const result = await tx
        .updateTable('lists')
        .set((eb) => ({
          version: eb('version', '+', 1),
          updated_at: at,
          name,
          columns: columns && JSON.stringify(columns),
          sort_column: sort === undefined ? undefined : (sort?.column ?? null),
          sort_direction: sort === undefined ? undefined : (sort?.direction ?? null),
          stale_after_hours: staleAfterHours,
        }))
        .where('id', '=', listId)
        .where('tenant_id', '=', tenantId)
        .where('version', '=', version)
        .executeTakeFirst();
      const current = await this.readList(tx, tenantId, listId);
      if (!current) return { status: 'not-found' };
      if (Number(result.numUpdatedRows) !== 1) return { status: 'conflict', current };
      await this.insertAudit(tx, audit);
      return { status: 'ok', value: current };
    });
  }

  async rowViews(tenantId: string, listId: string, userId: string): Promise<RowView[]> {
    const rows = await this.db
      .selectFrom('row_views')
      .select(ROW_VIEW_COLUMNS)
      .where('tenant_id', '=', tenantId)
      .where('list_id', '=', listId)
      .where('user_id', '=', userId)
      .execute();
    return rows.map(toRowView);
  }

  async saveRowViews(tenantId: string, listId: string, userId: string, views: readonly RowView[]): Promise<void> {
    if (views.length === 0) return;
    const json = JSON.stringify(views.map((v) => ({ entry_id: v.entryId, seen: v.seen, seen_at: v.seenAt, latest: v.latest, latest_at: v.latestAt })));
    // One statement for every row: the entries still on the list (a row removed meanwhile is skipped).
    await this.db
      .insertInto('row_views')
      .columns(['list_id', 'entry_id', 'tenant_id', 'user_id', 'seen', 'seen_at', 'latest', 'latest_at'])
      .expression(
        this.db
          .selectFrom(this.sqlOf.viewRows(json).as('v'))
          // CROSS JOIN keeps the views outside and looks each entry up by its key: as an inner join, SQLite
          // walked the list's entries and read the whole JSON for each (1.3 ms a call on a 50-patient list, made on
          // most list loads of npm run load; 0.76 ms now, mostly the commit).
          .crossJoin('entries as e')
          .whereRef('e.id', '=', 'v.entry_id')
          .select(['e.list_id', 'e.id', 'e.tenant_id', sql.val(userId).as('user_id'), 'v.seen', 'v.seen_at', 'v.latest', 'v.latest_at'])
          .where('e.list_id', '=', listId)
          .where('e.tenant_id', '=', tenantId),
      )
      .onConflict((oc) =>
        oc.columns(['list_id', 'user_id', 'entry_id']).doUpdateSet((eb) => ({
          // What was marked seen meanwhile stays: a mark is never undone by a view.
          seen: this.sqlOf.mergeJson(eb.ref('excluded.seen'), eb.ref('row_views.seen')),
          latest: eb.ref('excluded.latest'),
          latest_at: eb.ref('excluded.latest_at'),
        })),
      )
      .execute();
  }

  async acknowledge(tenantId: string, listId: string, userId: string, entryId: string, column: string, hash: string): Promise<void> {
    await this.db
      .updateTable('row_views')
      .set({ seen: this.sqlOf.setJsonKey('seen', column, hash), latest: this.sqlOf.setJsonKey('latest', column, hash) })
      .where('tenant_id', '=', tenantId)
      .where('list_id', '=', listId)
      .where('user_id', '=', userId)
      .where('entry_id', '=', entryId)
      .where(this.sqlOf.hasJsonKey('latest', column))
      .execute();
  }

  async markSeen(
    tenantId: string, listId: string, userId: string, entryIds: readonly string[] | undefined, at: string, viewedAt?: string,
  ): Promise<number> {
    if (entryIds?.length === 0) return 0;
    let update = this.db
      .updateTable('row_views')
      .set({ seen: sql<string>`latest`, seen_at: at })
      .where('tenant_id', '=', tenantId)
      .where('list_id', '=', listId)
      .where('user_id', '=', userId);
    if (viewedAt !== undefined) update = update.where('latest_at', '<=', viewedAt);
    if (entryIds !== undefined) update = update.where('entry_id', 'in', entryIds);
    return Number((await update.executeTakeFirst()).numUpdatedRows);
  }

  deleteList(tenantId: string, listId: string, audit: AuditOfWrite = []): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const result = await tx.deleteFrom('lists').where('id', '=', listId).where('tenant_id', '=', tenantId).executeTakeFirst();
      if (Number(result.numDeletedRows) !== 1) return false;
      await this.insertAudit(tx, audit);
      return true;
    });
  }

  // The entry writes below are built (compiled) before their transaction begins: every write to a list waits for
  // its row lock, so the lock is held only while the statements run, not while Kysely builds them.

  addEntry(tenantId: string, listId: string, entry: NewEntry, maxEntries: number, audit: AuditOfWrite = []): Promise<AddEntryResult> {
    const key = dedupeKeyOf(entry);
    const lock = this.lockQuery(tenantId, listId);
    const duplicate = key === null ? undefined : this.db.selectFrom('entries').select('id').where('list_id', '=', listId).where('dedupe_key', '=', key).compile();
    const count = this.db.selectFrom('entries').select((eb) => eb.fn.countAll().as('n')).where('list_id', '=', listId).compile();
    const insert = this.db.insertInto('entries').values(entryRow(tenantId, listId, entry)).returning(ENTRY_COLUMNS).compile();
    const after = this.afterEntryChange(listId, entry.addedAt, audit);
    return this.db.transaction().execute(async (tx): Promise<AddEntryResult> => {
      if ((await tx.executeQuery(lock)).rows.length === 0) return { status: 'not-found' };
      const existing = duplicate && (await tx.executeQuery(duplicate)).rows[0];
      if (existing) return { status: 'duplicate', existingEntryId: existing.id };
      if (Number((await tx.executeQuery(count)).rows[0]?.n) >= maxEntries) return { status: 'full' };
      const stored = (await tx.executeQuery(insert)).rows[0];
      if (!stored) throw new Error('The entry just written could not be read back');
      await runAll(tx, after);
      return { status: 'ok', entry: toEntry(stored) };
    });
  }

  removeEntry(tenantId: string, listId: string, entryId: string, at: string, audit: AuditOfWrite = []): Promise<boolean> {
    const lock = this.lockQuery(tenantId, listId);
    const remove = this.db
      .deleteFrom('entries')
      .where('id', '=', entryId)
      .where('list_id', '=', listId)
      .where('tenant_id', '=', tenantId)
      .compile();
    const after = this.afterEntryChange(listId, at, audit);
    return this.db.transaction().execute(async (tx) => {
      if ((await tx.executeQuery(lock)).rows.length === 0) return false;
      if (Number((await tx.executeQuery(remove)).numAffectedRows) !== 1) return false;
      await runAll(tx, after);
      return true;
    });
  }

  setNote(
    tenantId: string, listId: string, entryId: string, version: number, note: Note | null, at: string, audit: AuditOfWrite = [],
  ): Promise<VersionedWrite<Entry>> {
    const lock = this.lockQuery(tenantId, listId);
    const update = this.db
      .updateTable('entries')
      .set((eb) => ({
        note_text: note?.text ?? null,
        note_author: note?.author ?? null,
        note_updated_at: note?.updatedAt ?? null,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', entryId)
      .where('list_id', '=', listId)
      .where('tenant_id', '=', tenantId)
      .where('version', '=', version)
      .returning(ENTRY_COLUMNS)
      .compile();
    const after = this.afterEntryChange(listId, at, audit);
    return this.db.transaction().execute(async (tx): Promise<VersionedWrite<Entry>> => {
      if ((await tx.executeQuery(lock)).rows.length === 0) return { status: 'not-found' };
      const updated = (await tx.executeQuery(update)).rows[0];
      if (updated) {
        await runAll(tx, after);
        return { status: 'ok', value: toEntry(updated) };
      }
      const current = await this.readEntry(tx, tenantId, listId, entryId);
      return current ? { status: 'conflict', current } : { status: 'not-found' };
    });
  }

  async bindRoster(tenantId: string, context: ListContext): Promise<number> {
    const roster = rosterColumnOf(context);
    if (!roster) return 0;
    const result = await this.db
      .updateTable('lists')
      .set({ [roster.column]: roster.value })
      .where('tenant_id', '=', tenantId)
      .where('context_kind', '=', context.kind)
      .where('context_id', '=', context.id)
      .where(roster.column, 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async appendAudit(events: readonly StoredAuditEvent[]): Promise<void> {
    // A single insert is atomic by itself; more than one share a transaction.
    if (events.length <= ROWS_PER_INSERT) await this.insertAudit(this.db, events);
    else await this.db.transaction().execute((tx) => this.insertAudit(tx, events));
  }

  async auditForList(tenantId: string, listId: string, limit: number, page: AuditPage = {}): Promise<StoredAuditEvent[]> {
    const { before, types } = page;
    let query = this.db.selectFrom('audit_events').selectAll().where('tenant_id', '=', tenantId).where('list_id', '=', listId);
    // Events before an event: by its sequence, within the same list.
    if (before !== undefined)
      query = query.where((eb) => eb('seq', '<', eb.selectFrom('audit_events as b').select('b.seq').where('b.id', '=', before)));
    if (types && types.length > 0) query = query.where('type', 'in', types);
    const rows = await query.orderBy('seq', 'desc').limit(limit).execute();
    return rows.map(toAuditEvent);
  }

  /** Readiness: the database answers a trivial query (within the statement timeout, on PostgreSQL). */
  async ping(): Promise<void> {
    await sql`SELECT 1`.execute(this.db);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
