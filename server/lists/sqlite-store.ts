// ListStore over SQLite (better-sqlite3): WAL, foreign keys, a busy timeout, and one synchronous connection,
// so every transaction below runs alone and a version check and its write cannot interleave.
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
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
import { readMigrations } from './migrations.js';
import {
  AUDIT_INSERT_COLUMNS,
  ENTRY_INSERT_COLUMNS,
  ENTRY_SELECT_COLUMNS,
  LIST_INSERT_COLUMNS,
  LIST_SELECT_COLUMNS,
  auditValues,
  dedupeKeyOf,
  entryValues,
  listValues,
  auditPageFilter,
  rosterColumnOf,
  rosterFilter,
  sqliteValues,
  toAuditEvent,
  toEntry,
  toList,
  toSummary,
  toRowView,
  type AuditRow,
  type RowViewRow,
  type EntryRow,
  type ListRow,
} from './store-rows.js';

const INSERT_ENTRY = `INSERT INTO entries (${ENTRY_INSERT_COLUMNS}) VALUES ${sqliteValues(ENTRY_INSERT_COLUMNS)}`;
const INSERT_LIST = `INSERT INTO lists (${LIST_INSERT_COLUMNS}) VALUES ${sqliteValues(LIST_INSERT_COLUMNS)}`;
const INSERT_AUDIT = `INSERT INTO audit_events (${AUDIT_INSERT_COLUMNS}) VALUES ${sqliteValues(AUDIT_INSERT_COLUMNS)}`;

/**
 * The database holds names and notes: it is created readable by its owner only (0600), and an existing one is
 * made so. SQLite gives its -wal and -shm files the database file's permissions.
 */
function createPrivately(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  }
}

/**
 * better-sqlite3 is synchronous; every method is still async, so that a failing statement rejects the promise
 * the caller awaits instead of throwing past it.
 */
/* eslint-disable @typescript-eslint/require-await -- see above: async is what turns throws into rejections */
export class SqliteStore implements ListStore {
  readonly dialect = 'sqlite';
  private readonly db: Database.Database;
  /** Prepared once per SQL text: the hot reads (a list, its entries) run on every request. */
  private readonly statements = new Map<string, Database.Statement>();

  /** `file` is a path (its folder is created) or `:memory:`. */
  constructor(file: string) {
    if (file !== ':memory:') createPrivately(file);
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // FULL: an acknowledged write survives a power cut too, not only a crash of the process.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
  }

  private migrate(): void {
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    // IMMEDIATE: a second process starting on the same file waits here, then finds the work done.
    this.db
      .transaction(() => {
        const applied = new Set(
          (this.statement('SELECT version FROM schema_migrations').all() as { version: number }[]).map(
            (r) => r.version,
          ),
        );
        for (const m of readMigrations('sqlite')) {
          if (applied.has(m.version)) continue;
          this.db.exec(m.sql);
          this.statement('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
            m.version,
            m.name,
            new Date().toISOString(),
          );
        }
      })
      .immediate();
  }

  private statement(sql: string): Database.Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  private listRow(tenantId: string, listId: string): ListRow | undefined {
    return this.statement(`SELECT ${LIST_SELECT_COLUMNS} FROM lists WHERE id = ? AND tenant_id = ?`).get(
      listId,
      tenantId,
    ) as ListRow | undefined;
  }

  private readList(tenantId: string, listId: string): List | undefined {
    const row = this.listRow(tenantId, listId);
    if (!row) return undefined;
    const entries = this.statement(
      `SELECT ${ENTRY_SELECT_COLUMNS} FROM entries WHERE list_id = ? AND tenant_id = ? ORDER BY rowid`,
    ).all(listId, tenantId) as EntryRow[];
    return toList(row, entries);
  }

  private readEntry(tenantId: string, listId: string, entryId: string): Entry | undefined {
    const row = this.statement(
      `SELECT ${ENTRY_SELECT_COLUMNS} FROM entries WHERE id = ? AND list_id = ? AND tenant_id = ?`,
    ).get(entryId, listId, tenantId) as EntryRow | undefined;
    return row ? toEntry(row) : undefined;
  }

  /** Inside a transaction: the events of the write that just took effect. */
  private insertAudit(events: AuditOfWrite): void {
    const insert = this.statement(INSERT_AUDIT);
    for (const event of events) insert.run(...auditValues(event));
  }

  private touch(listId: string, at: string): void {
    this.statement('UPDATE lists SET updated_at = ? WHERE id = ?').run(at, listId);
  }

  async listsInContext(tenantId: string, context: ListContext): Promise<ListSummary[]> {
    const roster = rosterFilter(context, () => '?');
    const rows = this.statement(
      `SELECT ${LIST_SELECT_COLUMNS}, (SELECT count(*) FROM entries e WHERE e.list_id = lists.id) AS size
         FROM lists WHERE tenant_id = ? AND context_kind = ? AND context_id = ?${roster.sql} ORDER BY created_at, rowid`,
    ).all(tenantId, context.kind, context.id, ...roster.values) as ListRow[];
    return rows.map(toSummary);
  }

  async createList(
    tenantId: string,
    list: NewList,
    entries: readonly NewEntry[],
    maxLists: number,
    audit: AuditOfWrite = [],
  ): Promise<List | undefined> {
    const create = this.db.transaction((): List | undefined => {
      const roster = rosterFilter(list.context, () => '?');
      const { n } = this.statement(
        `SELECT count(*) AS n FROM lists WHERE tenant_id = ? AND context_kind = ? AND context_id = ?${roster.sql}`,
      ).get(tenantId, list.context.kind, list.context.id, ...roster.values) as { n: number };
      if (n >= maxLists) return undefined;
      this.statement(INSERT_LIST).run(...listValues(tenantId, list));
      const insert = this.statement(INSERT_ENTRY);
      for (const entry of entries) insert.run(...entryValues(tenantId, list.id, entry));
      this.insertAudit(audit);
      return this.readList(tenantId, list.id);
    });
    return create.immediate();
  }

  async getList(tenantId: string, listId: string): Promise<List | undefined> {
    return this.readList(tenantId, listId);
  }

  async updateList(
    tenantId: string,
    listId: string,
    version: number,
    changes: ListChanges,
    at: string,
    audit: AuditOfWrite = [],
  ): Promise<VersionedWrite<List>> {
    const update = this.db.transaction((): VersionedWrite<List> => {
      const sets = ['version = version + 1', 'updated_at = ?'];
      const values: unknown[] = [at];
      if (changes.name !== undefined) {
        sets.push('name = ?');
        values.push(changes.name);
      }
      if (changes.columns !== undefined) {
        sets.push('columns = ?');
        values.push(JSON.stringify(changes.columns));
      }
      if (changes.sort !== undefined) {
        sets.push('sort_column = ?', 'sort_direction = ?');
        values.push(changes.sort?.column ?? null, changes.sort?.direction ?? null);
      }
      if (changes.staleAfterHours !== undefined) {
        sets.push('stale_after_hours = ?');
        values.push(changes.staleAfterHours);
      }
      const result = this.statement(
        `UPDATE lists SET ${sets.join(', ')} WHERE id = ? AND tenant_id = ? AND version = ?`,
      ).run(...values, listId, tenantId, version);
      const current = this.readList(tenantId, listId);
      if (!current) return { status: 'not-found' };
      if (result.changes !== 1) return { status: 'conflict', current };
      this.insertAudit(audit);
      return { status: 'ok', value: current };
    });
    return update.immediate();
  }

  async rowViews(tenantId: string, listId: string, userId: string): Promise<RowView[]> {
    const rows = this.statement(
      'SELECT entry_id, seen, seen_at, latest, latest_at FROM row_views WHERE tenant_id = ? AND list_id = ? AND user_id = ?',
    ).all(tenantId, listId, userId) as RowViewRow[];
    return rows.map(toRowView);
  }

  async saveRowViews(tenantId: string, listId: string, userId: string, views: readonly RowView[]): Promise<void> {
    const upsert = this.statement(
      `INSERT INTO row_views (list_id, entry_id, tenant_id, user_id, seen, seen_at, latest, latest_at)
       SELECT ?, id, ?, ?, ?, ?, ?, ? FROM entries WHERE id = ? AND list_id = ? AND tenant_id = ?
       ON CONFLICT (list_id, user_id, entry_id) DO UPDATE SET
         seen = json_patch(excluded.seen, row_views.seen), latest = excluded.latest, latest_at = excluded.latest_at`,
    );
    this.db.transaction(() => {
      for (const v of views)
        upsert.run(listId, tenantId, userId, JSON.stringify(v.seen), v.seenAt, JSON.stringify(v.latest), v.latestAt, v.entryId, listId, tenantId);
    })();
  }

  async acknowledge(tenantId: string, listId: string, userId: string, entryId: string, column: string, hash: string): Promise<void> {
    const path = `$.${column}`;
    this.statement(
      `UPDATE row_views SET seen = json_set(seen, ?, ?), latest = json_set(latest, ?, ?)
       WHERE tenant_id = ? AND list_id = ? AND user_id = ? AND entry_id = ? AND json_extract(latest, ?) IS NOT NULL`,
    ).run(path, hash, path, hash, tenantId, listId, userId, entryId, path);
  }

  async markSeen(
    tenantId: string,
    listId: string,
    userId: string,
    entryIds: readonly string[] | undefined,
    at: string,
    viewedAt?: string,
  ): Promise<number> {
    if (entryIds?.length === 0) return 0;
    const values: unknown[] = [at, tenantId, listId, userId];
    let sql = 'UPDATE row_views SET seen = latest, seen_at = ? WHERE tenant_id = ? AND list_id = ? AND user_id = ?';
    if (viewedAt !== undefined) {
      sql += ' AND latest_at <= ?';
      values.push(viewedAt);
    }
    if (entryIds !== undefined) {
      sql += ` AND entry_id IN (${entryIds.map(() => '?').join(', ')})`;
      values.push(...entryIds);
    }
    return this.db.prepare(sql).run(...values).changes;
  }

  async deleteList(tenantId: string, listId: string, audit: AuditOfWrite = []): Promise<boolean> {
    const remove = this.db.transaction((): boolean => {
      const result = this.statement('DELETE FROM lists WHERE id = ? AND tenant_id = ?').run(listId, tenantId);
      if (result.changes === 1) this.insertAudit(audit);
      return result.changes === 1;
    });
    return remove.immediate();
  }

  async addEntry(
    tenantId: string,
    listId: string,
    entry: NewEntry,
    maxEntries: number,
    audit: AuditOfWrite = [],
  ): Promise<AddEntryResult> {
    const add = this.db.transaction((): AddEntryResult => {
      if (!this.listRow(tenantId, listId)) return { status: 'not-found' };
      const key = dedupeKeyOf(entry);
      if (key !== null) {
        const existing = this.statement('SELECT id FROM entries WHERE list_id = ? AND dedupe_key = ?').get(
          listId,
          key,
        ) as { id: string } | undefined;
        if (existing) return { status: 'duplicate', existingEntryId: existing.id };
      }
      const { n } = this.statement('SELECT count(*) AS n FROM entries WHERE list_id = ?').get(listId) as { n: number };
      if (n >= maxEntries) return { status: 'full' };
      this.statement(INSERT_ENTRY).run(...entryValues(tenantId, listId, entry));
      this.touch(listId, entry.addedAt);
      this.insertAudit(audit);
      const stored = this.readEntry(tenantId, listId, entry.id);
      if (!stored) throw new Error('The entry just written could not be read back');
      return { status: 'ok', entry: stored };
    });
    return add.immediate();
  }

  async removeEntry(tenantId: string, listId: string, entryId: string, at: string, audit: AuditOfWrite = []): Promise<boolean> {
    const remove = this.db.transaction((): boolean => {
      const result = this.statement('DELETE FROM entries WHERE id = ? AND list_id = ? AND tenant_id = ?').run(
        entryId,
        listId,
        tenantId,
      );
      if (result.changes === 1) {
        this.touch(listId, at);
        this.insertAudit(audit);
      }
      return result.changes === 1;
    });
    return remove.immediate();
  }

  async setNote(
    tenantId: string,
    listId: string,
    entryId: string,
    version: number,
    note: Note | null,
    at: string,
    audit: AuditOfWrite = [],
  ): Promise<VersionedWrite<Entry>> {
    const set = this.db.transaction((): VersionedWrite<Entry> => {
      const result = this.statement(
        `UPDATE entries SET note_text = ?, note_author = ?, note_updated_at = ?, version = version + 1
           WHERE id = ? AND list_id = ? AND tenant_id = ? AND version = ?`,
      ).run(note?.text ?? null, note?.author ?? null, note?.updatedAt ?? null, entryId, listId, tenantId, version);
      const current = this.readEntry(tenantId, listId, entryId);
      if (!current) return { status: 'not-found' };
      if (result.changes !== 1) return { status: 'conflict', current };
      this.touch(listId, at);
      this.insertAudit(audit);
      return { status: 'ok', value: current };
    });
    return set.immediate();
  }

  async bindRoster(tenantId: string, context: ListContext): Promise<number> {
    const roster = rosterColumnOf(context);
    if (!roster) return 0;
    const result = this.statement(
      `UPDATE lists SET ${roster.column} = ? WHERE tenant_id = ? AND context_kind = ? AND context_id = ? AND ${roster.column} IS NULL`,
    ).run(roster.value, tenantId, context.kind, context.id);
    return result.changes;
  }

  async appendAudit(events: readonly StoredAuditEvent[]): Promise<void> {
    if (events.length > 0) this.db.transaction(() => this.insertAudit(events)).immediate();
  }

  async auditForList(tenantId: string, listId: string, limit: number, page: AuditPage = {}): Promise<StoredAuditEvent[]> {
    const { sql, values } = auditPageFilter(page, () => '?');
    const rows = this.statement(
      `SELECT * FROM audit_events WHERE tenant_id = ? AND list_id = ?${sql} ORDER BY seq DESC LIMIT ?`,
    ).all(tenantId, listId, ...values, limit) as AuditRow[];
    return rows.map(toAuditEvent);
  }

  async ping(): Promise<void> {
    this.statement('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
    return ;
  }
}
/* eslint-enable @typescript-eslint/require-await */
