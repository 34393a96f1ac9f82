// The list stores an API suite runs against: SQLite always, PostgreSQL when reachable (STYLE.md habit 12).
import type { ListStore } from '../../server/lists/list-store.js';
import { openPostgresStore } from '../../server/lists/open-postgres.js';
import { openSqliteStore } from '../../server/lists/open-sqlite.js';
import { TEST_DATABASE_URL, dropSchema, freshSchemaName, requirePostgres } from './postgres.js';

export interface StoreUnderTest {
  name: 'SQLite' | 'PostgreSQL';
  /** A fresh, empty store. */
  open(): Promise<ListStore>;
  /** Drops what open() made, once the store is closed. */
  cleanUp(): Promise<void>;
}

export async function storesUnderTest(suite: string): Promise<StoreUnderTest[]> {
  const sqlite: StoreUnderTest = {
    name: 'SQLite',
    open: () => Promise.resolve(openSqliteStore(':memory:')),
    cleanUp: () => Promise.resolve(),
  };
  if (!(await requirePostgres(`${suite} on PostgreSQL`))) return [sqlite];
  const schema = freshSchemaName();
  const postgres: StoreUnderTest = {
    name: 'PostgreSQL',
    open: () => openPostgresStore(TEST_DATABASE_URL, { schema }),
    cleanUp: () => dropSchema(schema),
  };
  return [sqlite, postgres];
}
