// The store on PostgreSQL (a pg Pool): statement timeouts, TLS when asked, migrations under a lock at start-up,
// and a database that does not answer turned into a 503 (try again) rather than a 500 or a hang.
import { Kysely, PostgresDialect, type PostgresCursor, type PostgresPool, type PostgresQueryResult } from 'kysely';
import pg from 'pg';
import { serviceUnavailable } from '../errors.js';
import { KyselyStore } from './kysely-store.js';
import { readMigrations } from './migrations.js';
import { POSTGRES } from './store-dialects.js';
import type { Tables } from './store-tables.js';

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

/** Socket failures, and PostgreSQL's connection exceptions (08…), shutdowns (57P0…) and cancelled statements (57014). */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', '57014', '57P01', '57P02', '57P03']);
const UNAVAILABLE_MESSAGES = /Connection terminated|Query read timeout|timeout exceeded when trying to connect|connection error|Client was closed/i;

/** Whether an error says the database could not be reached or did not answer in time (not that a query was wrong). */
function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  return UNAVAILABLE_MESSAGES.test(error.message);
}

/** What a request gets while the database does not answer: 503, try again (writes carry versions: a retry is safe). */
function storeError(error: unknown): unknown {
  return isUnavailable(error) ? serviceUnavailable('The database did not answer in time; try again in a few seconds', 5) : error;
}

/**
 * The pool as Kysely sees it. A client whose connection failed (or timed out) is destroyed, not returned to the
 * pool: PostgreSQL rolls its transaction back when the connection goes, and the next request gets a new one.
 */
function guardedPool(pool: pg.Pool): PostgresPool {
  return {
    end: () => pool.end(),
    connect: async () => {
      const client = await pool.connect().catch((error: unknown) => {
        throw storeError(error);
      });
      let isBroken: unknown;
      const run = async (text: string, values: readonly unknown[]): Promise<PostgresQueryResult<unknown>> => {
        // A broken connection answers nothing more (not even Kysely's ROLLBACK, which would wait for a timeout).
        if (isBroken !== undefined) throw storeError(isBroken);
        try {
          const { command, rowCount, rows } = await client.query(text, [...values]);
          return { command: command as PostgresQueryResult<unknown>['command'], rowCount: rowCount ?? 0, rows };
        } catch (error) {
          if (isUnavailable(error)) isBroken = error;
          throw storeError(error);
        }
      };
      function query<R>(text: string, values: readonly unknown[]): Promise<PostgresQueryResult<R>>;
      function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
      function query(text: string | PostgresCursor<unknown>, values: readonly unknown[] = []): Promise<PostgresQueryResult<unknown>> | PostgresCursor<unknown> {
        if (typeof text !== 'string') throw new Error('Kysely streams with a cursor only when configured with one');
        return run(text, values);
      }
      return { query, release: (destroy?: boolean) => client.release(destroy === true || isBroken !== undefined) };
    },
  };
}

/** Any constant: serialises migrations of several Rounds instances starting at once. */
const MIGRATION_LOCK = 72_610_011;

/** Creates the schema when asked and applies the migrations `schema_migrations` has not recorded, under a lock. */
async function migrate(pool: pg.Pool, schema: string | undefined): Promise<void> {
  const db = await pool.connect();
  try {
    await db.query('BEGIN');
    await db.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    if (schema) await db.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await db.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)');
    const { rows } = await db.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    for (const m of readMigrations('postgres')) {
      if (applied.has(m.version)) continue;
      await db.query(m.sql);
      await db.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())', [m.version, m.name]);
    }
    await db.query('COMMIT');
    db.release();
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    db.release(true);
    throw error;
  }
}

/** Connects, applies pending migrations and returns the store. */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<KyselyStore> {
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
  try {
    await migrate(pool, schema);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new KyselyStore(new Kysely<Tables>({ dialect: new PostgresDialect({ pool: guardedPool(pool) }) }), POSTGRES);
}
