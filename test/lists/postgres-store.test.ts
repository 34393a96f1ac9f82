import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { openPostgresStore } from '../../server/lists/open-postgres.js';
import { TEST_DATABASE_URL, dropSchema, freshSchemaName, requirePostgres } from '../support/postgres.js';
import { describeListStoreContract } from './list-store.contract.js';

const isReachable = await requirePostgres('the PostgreSQL store suite');
const schema = freshSchemaName();
afterAll(async () => {
  if (isReachable) await dropSchema(schema);
});

describe.runIf(isReachable)('the store on PostgreSQL', () => {
  describeListStoreContract('KyselyStore on PostgreSQL', () => openPostgresStore(TEST_DATABASE_URL, { schema }));

  test('applies its migrations once even when two instances start together', async () => {
    const own = `${schema}_m`;
    try {
      const [a, b] = await Promise.all([
        openPostgresStore(TEST_DATABASE_URL, { schema: own }),
        openPostgresStore(TEST_DATABASE_URL, { schema: own }),
      ]);
      await Promise.all([a.close(), b.close()]);
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      const { rows } = await client.query(`SELECT version, name FROM ${own}.schema_migrations`);
      await client.end();
      expect(rows).toEqual([
        { version: 1, name: 'init' },
        { version: 2, name: 'audit_no_truncate' },
        { version: 3, name: 'context_rosters_and_audit_detail' },
        { version: 4, name: 'audit_context_roster' },
        { version: 5, name: 'row_views_and_stale_after' },
      ]);
    } finally {
      await dropSchema(own);
    }
  });

  test('asks for TLS with DATABASE_SSL: a server without it is refused at start-up, saying so', async () => {
    await expect(openPostgresStore(TEST_DATABASE_URL, { schema, ssl: { mode: 'require' } })).rejects.toThrow(/SSL/i);
  });

  test('refuses to change, delete or truncate audit events', async () => {
    const store = await openPostgresStore(TEST_DATABASE_URL, { schema });
    await store.appendAudit([{ id: `e-${schema}`, type: 'list.created', tenantId: 't', userId: 'u', at: '2026-01-01T00:00:00.000Z' }]);
    await store.close();
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    const count = async (): Promise<unknown> => (await client.query(`SELECT count(*)::int AS n FROM ${schema}.audit_events`)).rows;
    try {
      const before = await count();
      await expect(client.query(`UPDATE ${schema}.audit_events SET user_id = 'x'`)).rejects.toThrow(/append-only/);
      await expect(client.query(`DELETE FROM ${schema}.audit_events`)).rejects.toThrow(/append-only/);
      await expect(client.query(`TRUNCATE ${schema}.audit_events`)).rejects.toThrow(/append-only/);
      expect(await count()).toEqual(before);
    } finally {
      await client.end();
    }
  });
});
