// DATABASE_URL picks the store: `sqlite:<path>` (its folder created; `sqlite::memory:` for a throwaway one)
// or `postgres://…` / `postgresql://…`.
// Each store's driver is loaded only when it is the one configured: a SQLite start does not load pg.
import type { ListStore } from './list-store.js';

export async function openStore(databaseUrl: string): Promise<ListStore> {
  if (databaseUrl.startsWith('sqlite:')) {
    const { SqliteStore } = await import('./sqlite-store.js');
    return new SqliteStore(databaseUrl.slice('sqlite:'.length) || ':memory:');
  }
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const { PostgresStore } = await import('./postgres-store.js');
    return PostgresStore.open(databaseUrl);
  }
  throw new Error('DATABASE_URL must start with sqlite: or postgres://');
}
