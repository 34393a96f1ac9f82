// Transactions and start-up migrations over a pg Pool.
import type pg from 'pg';
import { readMigrations } from './migrations.js';

/** Any constant: serialises migrations of several Rounds instances starting at once. */
const MIGRATION_LOCK = 72_610_011;

export async function inTransaction<T>(pool: pg.Pool, work: (db: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
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
