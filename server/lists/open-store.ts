// DATABASE_URL picks the dialect of the one store (kysely-store.ts): `sqlite:<path>` (its folder created;
// `sqlite::memory:` for a throwaway one) or `postgres://…` / `postgresql://…` (with DATABASE_SSL for a managed server).
// Each dialect's driver is loaded only when it is the one configured: a SQLite start does not load pg.
import { readFileSync } from 'node:fs';
import type { ListStore } from './list-store.js';

export interface StoreOptions {
  /** DATABASE_SSL and DATABASE_SSL_CA (a file of PEM certificates). */
  ssl?: { mode: 'require' | 'verify-full'; caFile?: string };
}

export async function openStore(databaseUrl: string, options: StoreOptions = {}): Promise<ListStore> {
  if (databaseUrl.startsWith('sqlite:')) {
    const { openSqliteStore } = await import('./open-sqlite.js');
    return openSqliteStore(databaseUrl.slice('sqlite:'.length) || ':memory:');
  }
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const { openPostgresStore } = await import('./open-postgres.js');
    const { ssl } = options;
    return openPostgresStore(databaseUrl, {
      ssl: ssl && { mode: ssl.mode, ca: ssl.caFile ? readFileSync(ssl.caFile, 'utf8') : undefined },
    });
  }
  throw new Error('DATABASE_URL must start with sqlite: or postgres://');
}
