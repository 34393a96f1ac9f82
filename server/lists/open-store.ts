// DATABASE_URL picks the store: `sqlite:<path>` (its folder created; `sqlite::memory:` for a throwaway one)
// or `postgres://…` / `postgresql://…`.
import type { ListStore } from './list-store.js';
import { SqliteStore } from './sqlite-store.js';
import { PostgresStore } from './postgres-store.js';

export async function openStore(databaseUrl: string): Promise<ListStore> {
  if (databaseUrl.startsWith('sqlite:')) return new SqliteStore(databaseUrl.slice('sqlite:'.length) || ':memory:');
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return PostgresStore.open(databaseUrl);
  throw new Error('DATABASE_URL must start with sqlite: or postgres://');
}
