// The store on SQLite (better-sqlite3): WAL, foreign keys, a busy timeout, and one connection that Kysely lends to
// one transaction at a time, so a version check and its write cannot interleave.
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, type Driver, type SqliteDatabase } from 'kysely';
import { KyselyStore } from './kysely-store.js';
import { readMigrations } from './migrations.js';
import { SQLITE } from './store-dialects.js';
import type { Tables } from './store-tables.js';

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

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  // IMMEDIATE: a second process starting on the same file waits here, then finds the work done.
  db.transaction(() => {
    const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
    for (const m of readMigrations('sqlite')) {
      if (applied.has(m.version)) continue;
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    }
  }).immediate();
}

/** Statements prepared once per SQL text (up to a bound): the hot reads (a list, its entries) run on every request. */
function preparingOnce(db: Database.Database): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => {
      if (db.open) db.close();
    },
    prepare: (text) => {
      let statement = statements.get(text);
      if (!statement) {
        if (statements.size >= 500) statements.clear();
        statement = db.prepare(text);
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

/** Every transaction takes the write lock at once (BEGIN IMMEDIATE): another process waits for it, never fails mid-way. */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw('BEGIN IMMEDIATE'));
    };
    return driver;
  }
}

/** `file` is a path (its folder is created) or `:memory:`. */
export function openSqliteStore(file: string): KyselyStore {
  if (file !== ':memory:') createPrivately(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL: an acknowledged write survives a power cut too, not only a crash of the process.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return new KyselyStore(new Kysely<Tables>({ dialect: new ImmediateSqliteDialect({ database: preparingOnce(db) }) }), SQLITE);
}
