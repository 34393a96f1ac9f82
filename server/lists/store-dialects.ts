// The few places where SQLite and PostgreSQL need different SQL: JSON functions, the order rows were inserted in,
// and locks (SQLite has one writer at a time and begins every transaction IMMEDIATE; PostgreSQL locks rows).
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';

/** Row views as sent to saveRowViews: a JSON array of these, read as a table. */
export interface ViewRow {
  entry_id: string;
  seen: string;
  seen_at: string;
  latest: string;
  latest_at: string;
}

export interface StoreDialect {
  name: 'sqlite' | 'postgres';
  /** Columns giving insertion order, where created_at ties. */
  listOrder: string;
  entryOrder: string;
  /** Row-level locks (`FOR UPDATE`) exist. */
  hasRowLocks: boolean;
  /** Serialises the rest of the transaction with every other one taking the same key. */
  lockKey(key: string): RawBuilder<unknown> | undefined;
  /** A JSON array of ViewRow as a table. */
  viewRows(json: string): RawBuilder<ViewRow>;
  /** Two JSON objects merged, `older`'s keys winning. */
  mergeJson(newer: Expression<unknown>, older: Expression<unknown>): RawBuilder<string>;
  /** The JSON object in `column` with `key` set to the string `value`. */
  setJsonKey(column: 'seen' | 'latest', key: string, value: string): RawBuilder<string>;
  hasJsonKey(column: 'seen' | 'latest', key: string): RawBuilder<SqlBool>;
}

export const SQLITE: StoreDialect = {
  name: 'sqlite',
  listOrder: 'rowid',
  entryOrder: 'rowid',
  hasRowLocks: false,
  lockKey: () => undefined,
  viewRows: (json) => sql<ViewRow>`(SELECT json_extract(value, '$.entry_id') AS entry_id, json_extract(value, '$.seen') AS seen,
    json_extract(value, '$.seen_at') AS seen_at, json_extract(value, '$.latest') AS latest,
    json_extract(value, '$.latest_at') AS latest_at FROM json_each(${json}))`,
  mergeJson: (newer, older) => sql<string>`json_patch(${newer}, ${older})`,
  setJsonKey: (column, key, value) => sql<string>`json_set(${sql.ref(column)}, ${`$.${key}`}, ${value})`,
  hasJsonKey: (column, key) => sql<SqlBool>`json_extract(${sql.ref(column)}, ${`$.${key}`}) IS NOT NULL`,
};

export const POSTGRES: StoreDialect = {
  name: 'postgres',
  listOrder: 'id',
  entryOrder: 'seq',
  hasRowLocks: true,
  lockKey: (key) => sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`,
  viewRows: (json) => sql<ViewRow>`(SELECT * FROM jsonb_to_recordset(${json}::jsonb)
    AS r(entry_id text, seen jsonb, seen_at timestamptz, latest jsonb, latest_at timestamptz))`,
  mergeJson: (newer, older) => sql<string>`${newer} || ${older}`,
  setJsonKey: (column, key, value) => sql<string>`jsonb_set(${sql.ref(column)}, ARRAY[${key}], to_jsonb(${value}::text))`,
  hasJsonKey: (column, key) => sql<SqlBool>`${sql.ref(column)} ? ${key}`,
};
