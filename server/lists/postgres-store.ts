// ListStore over PostgreSQL (pg Pool). Writes run in transactions; a list's row is locked (FOR UPDATE) while
// its entries change, so limits hold under concurrency, and versions are checked in `UPDATE … WHERE version = $n`.
import pg from 'pg';
import type { Entry, List, ListContext, ListSummary, Note } from '../wire/contract.js';
import type {
  AddEntryResult,
  AuditOfWrite,
  AuditPage,
  ListChanges,
  ListStore,
  NewEntry,
  NewList,
  StoredAuditEvent,
  VersionedWrite,
  RowView,
} from './list-store.js';
import { guarded, inTransaction, migratePostgres } from './postgres-tx.js';
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
  postgresValues,
  rosterColumnOf,
  rosterFilter,
  toAuditEvent,
  toEntry,
  toList,
  toSummary,
  toRowView,
  type AuditRow,
  type EntryRow,
  type RowViewRow,
  type ListRow,
} from './store-rows.js';

type Db = pg.Pool | pg.PoolClient;

const INSERT_ENTRY = `INSERT INTO entries (${ENTRY_INSERT_COLUMNS}) VALUES ${postgresValues(ENTRY_INSERT_COLUMNS)}`;
const INSERT_LIST = `INSERT INTO lists (${LIST_INSERT_COLUMNS}) VALUES ${postgresValues(LIST_INSERT_COLUMNS)}`;
/** Audit events per INSERT: 11 parameters each, well under PostgreSQL's 65,535. */
const AUDIT_ROWS_PER_INSERT = 1_000;

export interface PostgresStoreOptions {
  /** A schema to work in (created when missing); tests use a fresh one per run. */
  schema?: string;
  maxConnections?: number;
  /** DATABASE_SSL: `require` (encrypted), or `verify-full` (the server's certificate checked, against `ca` when given). */
  ssl?: { mode: 'require' | 'verify-full'; ca?: string };
  /** The longest a statement may run, on the server and, with a second more, on the client (a silent network). */
  statementTimeoutMs?: number;
}

/** A statement that takes longer is cancelled: a request fails in seconds, never hangs with its connection. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 5_000;

export class PostgresStore implements ListStore {
  readonly dialect = 'postgres';
  private constructor(private readonly pool: pg.Pool) {}

  /** Connects, applies pending migrations and returns the store. */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const { schema } = options;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error('Invalid schema name');
    const statementTimeout = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
    const pool = new pg.Pool({
      connectionString: url,
      max: options.maxConnections ?? 10,
      // Connecting, and waiting for a free connection, both give up after this.
      connectionTimeoutMillis: 5_000,
      // Idle connections are closed after a while and probed meanwhile: a dead one is found before it is used.
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      // The server cancels a long statement; the client gives up on an answer that never comes (a silent network).
      statement_timeout: statementTimeout,
      query_timeout: statementTimeout + 1_000,
      ...(options.ssl ? { ssl: options.ssl.mode === 'require' ? { rejectUnauthorized: false } : { rejectUnauthorized: true, ca: options.ssl.ca } } : {}),
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // An idle client that loses its server must not crash the process; the next query reports the problem.
    pool.on('error', () => undefined);
    const store = new PostgresStore(pool);
    try {
      await migratePostgres(pool, schema);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  private async readList(db: Db, tenantId: string, listId: string): Promise<List | undefined> {
    const list = await db.query<ListRow>(`SELECT ${LIST_SELECT_COLUMNS} FROM lists WHERE id = $1 AND tenant_id = $2`, [
      listId,
      tenantId,
    ]);
    const row = list.rows[0];
    if (!row) return undefined;
    const entries = await db.query<EntryRow>(
      `SELECT ${ENTRY_SELECT_COLUMNS} FROM entries WHERE list_id = $1 AND tenant_id = $2 ORDER BY seq`,
      [listId, tenantId],
    );
    return toList(row, entries.rows);
  }

  private async readEntry(db: Db, tenantId: string, listId: string, entryId: string): Promise<Entry | undefined> {
    const { rows } = await db.query<EntryRow>(
      `SELECT ${ENTRY_SELECT_COLUMNS} FROM entries WHERE id = $1 AND list_id = $2 AND tenant_id = $3`,
      [entryId, listId, tenantId],
    );
    return rows[0] ? toEntry(rows[0]) : undefined;
  }

  /** Locks the list's row for the rest of the transaction; false when it is not this tenant's list. */
  private async lockList(db: pg.PoolClient, tenantId: string, listId: string): Promise<boolean> {
    const { rowCount } = await db.query('SELECT 1 FROM lists WHERE id = $1 AND tenant_id = $2 FOR UPDATE', [
      listId,
      tenantId,
    ]);
    return rowCount === 1;
  }

  /** The events of a write, in as few inserts as they need (one for up to AUDIT_ROWS_PER_INSERT). */
  private async insertAudit(db: Db, events: AuditOfWrite): Promise<void> {
    for (let start = 0; start < events.length; start += AUDIT_ROWS_PER_INSERT) {
      const chunk = events.slice(start, start + AUDIT_ROWS_PER_INSERT);
      await db.query(
        `INSERT INTO audit_events (${AUDIT_INSERT_COLUMNS}) VALUES ${postgresValues(AUDIT_INSERT_COLUMNS, chunk.length)}`,
        chunk.flatMap(auditValues),
      );
    }
  }

  private async touch(db: pg.PoolClient, listId: string, at: string): Promise<void> {
    await db.query('UPDATE lists SET updated_at = $2 WHERE id = $1', [listId, at]);
  }

  async listsInContext(tenantId: string, context: ListContext): Promise<ListSummary[]> {
    const roster = rosterFilter(context, (n) => `$${n + 3}`);
    const { rows } = await guarded(() => this.pool.query<ListRow>(
      `SELECT ${LIST_SELECT_COLUMNS}, (SELECT count(*) FROM entries e WHERE e.list_id = lists.id) AS size
       FROM lists WHERE tenant_id = $1 AND context_kind = $2 AND context_id = $3${roster.sql} ORDER BY created_at, id`,
      [tenantId, context.kind, context.id, ...roster.values],
    ));
    return rows.map(toSummary);
  }

  createList(
    tenantId: string,
    list: NewList,
    entries: readonly NewEntry[],
    maxLists: number,
    audit: AuditOfWrite = [],
  ): Promise<List | undefined> {
    return inTransaction(this.pool, async (db) => {
      // Serialise list creation per context so two concurrent creations cannot both pass the limit.
      await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `${tenantId}\n${list.context.kind}\n${list.context.id}`,
      ]);
      const roster = rosterFilter(list.context, (n) => `$${n + 3}`);
      const { rows } = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM lists WHERE tenant_id = $1 AND context_kind = $2 AND context_id = $3${roster.sql}`,
        [tenantId, list.context.kind, list.context.id, ...roster.values],
      );
      if (Number(rows[0]?.n ?? 0) >= maxLists) return undefined;
      await db.query(INSERT_LIST, listValues(tenantId, list));
      for (const entry of entries) await db.query(INSERT_ENTRY, entryValues(tenantId, list.id, entry));
      await this.insertAudit(db, audit);
      return this.readList(db, tenantId, list.id);
    });
  }

  getList(tenantId: string, listId: string): Promise<List | undefined> {
    return guarded(() => this.readList(this.pool, tenantId, listId));
  }

  updateList(
    tenantId: string,
    listId: string,
    version: number,
    changes: ListChanges,
    at: string,
    audit: AuditOfWrite = [],
  ): Promise<VersionedWrite<List>> {
    return inTransaction(this.pool, async (db) => {
      const values: unknown[] = [listId, tenantId, version, at];
      const sets = ['version = version + 1', 'updated_at = $4'];
      const add = (column: string, value: unknown): void => {
        values.push(value);
        sets.push(`${column} = $${values.length}`);
      };
      if (changes.name !== undefined) add('name', changes.name);
      if (changes.columns !== undefined) add('columns', JSON.stringify(changes.columns));
      if (changes.sort !== undefined) {
        add('sort_column', changes.sort?.column ?? null);
        add('sort_direction', changes.sort?.direction ?? null);
      }
      if (changes.staleAfterHours !== undefined) add('stale_after_hours', changes.staleAfterHours);
      const result = await db.query(
        `UPDATE lists SET ${sets.join(', ')} WHERE id = $1 AND tenant_id = $2 AND version = $3`,
        values,
      );
      const current = await this.readList(db, tenantId, listId);
      if (!current) return { status: 'not-found' };
      if (result.rowCount !== 1) return { status: 'conflict', current };
      await this.insertAudit(db, audit);
      return { status: 'ok', value: current };
    });
  }

  rowViews(tenantId: string, listId: string, userId: string): Promise<RowView[]> {
    return guarded(async () => {
      const { rows } = await this.pool.query<RowViewRow>(
        'SELECT entry_id, seen, seen_at, latest, latest_at FROM row_views WHERE tenant_id = $1 AND list_id = $2 AND user_id = $3',
        [tenantId, listId, userId],
      );
      return rows.map(toRowView);
    });
  }

  saveRowViews(tenantId: string, listId: string, userId: string, views: readonly RowView[]): Promise<void> {
    if (views.length === 0) return Promise.resolve();
    return guarded(async () => {
      // One statement for every row: the entries still on the list (a row removed meanwhile is skipped).
      await this.pool.query(
        `INSERT INTO row_views (list_id, entry_id, tenant_id, user_id, seen, seen_at, latest, latest_at)
         SELECT $1, e.id, $2, $3, v.seen, v.seen_at, v.latest, v.latest_at
         FROM jsonb_to_recordset($4::jsonb) AS v(entry_id text, seen jsonb, seen_at timestamptz, latest jsonb, latest_at timestamptz)
         JOIN entries e ON e.id = v.entry_id AND e.list_id = $1 AND e.tenant_id = $2
         ON CONFLICT (list_id, user_id, entry_id) DO UPDATE SET
           seen = excluded.seen || row_views.seen, latest = excluded.latest, latest_at = excluded.latest_at`,
        [
          listId,
          tenantId,
          userId,
          JSON.stringify(views.map((v) => ({ entry_id: v.entryId, seen: v.seen, seen_at: v.seenAt, latest: v.latest, latest_at: v.latestAt }))),
        ],
      );
    });
  }

  acknowledge(tenantId: string, listId: string, userId: string, entryId: string, column: string, hash: string): Promise<void> {
    return guarded(async () => {
      await this.pool.query(
        `UPDATE row_views SET seen = jsonb_set(seen, ARRAY[$5], to_jsonb($6::text)), latest = jsonb_set(latest, ARRAY[$5], to_jsonb($6::text))
         WHERE tenant_id = $1 AND list_id = $2 AND user_id = $3 AND entry_id = $4 AND latest ? $5`,
        [tenantId, listId, userId, entryId, column, hash],
      );
    });
  }

  markSeen(
    tenantId: string,
    listId: string,
    userId: string,
    entryIds: readonly string[] | undefined,
    at: string,
    viewedAt?: string,
  ): Promise<number> {
    if (entryIds?.length === 0) return Promise.resolve(0);
    return guarded(async () => {
      const values: unknown[] = [at, tenantId, listId, userId];
      let sql = 'UPDATE row_views SET seen = latest, seen_at = $1 WHERE tenant_id = $2 AND list_id = $3 AND user_id = $4';
      if (viewedAt !== undefined) {
        values.push(viewedAt);
        sql += ` AND latest_at <= $${values.length}`;
      }
      if (entryIds !== undefined) {
        values.push(entryIds);
        sql += ` AND entry_id = ANY($${values.length}::text[])`;
      }
      const { rowCount } = await this.pool.query(sql, values);
      return rowCount ?? 0;
    });
  }

  deleteList(tenantId: string, listId: string, audit: AuditOfWrite = []): Promise<boolean> {
    return inTransaction(this.pool, async (db) => {
      const { rowCount } = await db.query('DELETE FROM lists WHERE id = $1 AND tenant_id = $2', [listId, tenantId]);
      if (rowCount === 1) await this.insertAudit(db, audit);
      return rowCount === 1;
    });
  }

  addEntry(
    tenantId: string,
    listId: string,
    entry: NewEntry,
    maxEntries: number,
    audit: AuditOfWrite = [],
  ): Promise<AddEntryResult> {
    return inTransaction(this.pool, async (db): Promise<AddEntryResult> => {
      if (!(await this.lockList(db, tenantId, listId))) return { status: 'not-found' };
      const key = dedupeKeyOf(entry);
      if (key !== null) {
        const existing = await db.query<{ id: string }>('SELECT id FROM entries WHERE list_id = $1 AND dedupe_key = $2', [
          listId,
          key,
        ]);
        if (existing.rows[0]) return { status: 'duplicate', existingEntryId: existing.rows[0].id };
      }
      const count = await db.query<{ n: string }>('SELECT count(*) AS n FROM entries WHERE list_id = $1', [listId]);
      if (Number(count.rows[0]?.n ?? 0) >= maxEntries) return { status: 'full' };
      await db.query(INSERT_ENTRY, entryValues(tenantId, listId, entry));
      await this.touch(db, listId, entry.addedAt);
      await this.insertAudit(db, audit);
      const stored = await this.readEntry(db, tenantId, listId, entry.id);
      if (!stored) throw new Error('The entry just written could not be read back');
      return { status: 'ok', entry: stored };
    });
  }

  removeEntry(tenantId: string, listId: string, entryId: string, at: string, audit: AuditOfWrite = []): Promise<boolean> {
    return inTransaction(this.pool, async (db) => {
      if (!(await this.lockList(db, tenantId, listId))) return false;
      const { rowCount } = await db.query('DELETE FROM entries WHERE id = $1 AND list_id = $2 AND tenant_id = $3', [
        entryId,
        listId,
        tenantId,
      ]);
      if (rowCount !== 1) return false;
      await this.touch(db, listId, at);
      await this.insertAudit(db, audit);
      return true;
    });
  }

  setNote(
    tenantId: string,
    listId: string,
    entryId: string,
    version: number,
    note: Note | null,
    at: string,
    audit: AuditOfWrite = [],
  ): Promise<VersionedWrite<Entry>> {
    return inTransaction(this.pool, async (db): Promise<VersionedWrite<Entry>> => {
      if (!(await this.lockList(db, tenantId, listId))) return { status: 'not-found' };
      const { rowCount } = await db.query(
        `UPDATE entries SET note_text = $5, note_author = $6, note_updated_at = $7, version = version + 1
         WHERE id = $1 AND list_id = $2 AND tenant_id = $3 AND version = $4`,
        [entryId, listId, tenantId, version, note?.text ?? null, note?.author ?? null, note?.updatedAt ?? null],
      );
      const current = await this.readEntry(db, tenantId, listId, entryId);
      if (!current) return { status: 'not-found' };
      if (rowCount !== 1) return { status: 'conflict', current };
      await this.touch(db, listId, at);
      await this.insertAudit(db, audit);
      return { status: 'ok', value: current };
    });
  }

  async bindRoster(tenantId: string, context: ListContext): Promise<number> {
    const roster = rosterColumnOf(context);
    if (!roster) return 0;
    const { rowCount } = await guarded(() => this.pool.query(
      `UPDATE lists SET ${roster.column} = $1 WHERE tenant_id = $2 AND context_kind = $3 AND context_id = $4 AND ${roster.column} IS NULL`,
      [roster.value, tenantId, context.kind, context.id],
    ));
    return rowCount ?? 0;
  }

  async appendAudit(events: readonly StoredAuditEvent[]): Promise<void> {
    // A single insert is atomic by itself; more than one chunk shares a transaction.
    if (events.length <= AUDIT_ROWS_PER_INSERT) await guarded(() => this.insertAudit(this.pool, events));
    else await inTransaction(this.pool, (db) => this.insertAudit(db, events));
  }

  async auditForList(tenantId: string, listId: string, limit: number, page: AuditPage = {}): Promise<StoredAuditEvent[]> {
    const { sql, values } = auditPageFilter(page, (n) => `$${n + 2}`);
    const { rows } = await guarded(() => this.pool.query<AuditRow>(
      `SELECT * FROM audit_events WHERE tenant_id = $1 AND list_id = $2${sql} ORDER BY seq DESC LIMIT $${values.length + 3}`,
      [tenantId, listId, ...values, limit],
    ));
    return rows.map(toAuditEvent);
  }

  /** Readiness: the database answers a trivial query within the statement timeout. */
  async ping(): Promise<void> {
    await guarded(() => this.pool.query('SELECT 1'));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
