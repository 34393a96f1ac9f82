// Transactions and start-up migrations over a pg Pool.
import type pg from 'pg';
import { serviceUnavailable } from '../errors.js';
import { readMigrations } from './migrations.js';

/** Socket failures, and PostgreSQL's connection exceptions (08…), shutdowns (57P0…) and cancelled statements (57014). */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', '57014', '57P01', '57P02', '57P03']);
const UNAVAILABLE_MESSAGES = /Connection terminated|Query read timeout|timeout exceeded when trying to connect|connection error|Client was closed/i;

/** Whether an error says the database could not be reached or did not answer in time (not that a query was wrong). */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  return UNAVAILABLE_MESSAGES.test(error.message);
}

/** What a request gets while the database does not answer: 503, try again (writes carry versions: a retry is safe). */
export function storeError(error: unknown): unknown {
  return isUnavailable(error) ? serviceUnavailable('The database did not answer in time; try again in a few seconds', 5) : error;
}

/** Runs a query (or a few) outside a transaction, turning an unreachable database into a 503. */
export async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw storeError(error);
  }
}

/** Any constant: serialises migrations of several Rounds instances starting at once. */
const MIGRATION_LOCK = 72_610_011;

/**
 * Runs `work` in a transaction. A client whose connection failed (or timed out) is destroyed, not returned to
 * the pool: PostgreSQL rolls its transaction back when the connection goes, and the next request gets a new one.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (db: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await guarded(() => pool.connect());
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (error) {
    if (isUnavailable(error)) {
      client.release(error as Error);
      throw storeError(error);
    }
    const rolledBack = await client.query('ROLLBACK').then(
      () => true,
      () => false,
    );
    client.release(rolledBack ? undefined : true);
    throw error;
  }
}

/** Creates the schema when asked and applies the migrations `schema_migrations` has not recorded, under a lock. */
export async function migratePostgres(pool: pg.Pool, schema: string | undefined): Promise<void> {
  await inTransaction(pool, async (db) => {
    await db.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    if (schema) await db.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await db.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)',
    );
    const { rows } = await db.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    for (const m of readMigrations('postgres')) {
      if (applied.has(m.version)) continue;
      await db.query(m.sql);
      await db.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())', [m.version, m.name]);
    }
  });
}
