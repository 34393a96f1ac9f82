// PostgreSQL for tests: TEST_DATABASE_URL (default: the local trust-auth server), a fresh schema per run.
// Under CI=true an unreachable server fails the run; elsewhere the suites skip with a loud notice.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function isPostgresReachable(url: string = TEST_DATABASE_URL): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Decides whether a PostgreSQL suite runs: true, false (with a notice), or throws under CI. */
export async function requirePostgres(suite: string): Promise<boolean> {
  if (await isPostgresReachable()) return true;
  const message = `PostgreSQL at ${TEST_DATABASE_URL.replace(/\/\/[^@]*@/, '//…@')} is unreachable`;
  if (process.env.CI === 'true') throw new Error(`${message}: CI needs it for ${suite}`);
  console.warn(`\n!!!!! ${message}: SKIPPING ${suite} (set TEST_DATABASE_URL) !!!!!\n`);
  return false;
}

export function freshSchemaName(): string {
  return `rounds_test_${randomBytes(6).toString('hex')}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** A database of the caller's own, empty, dropped by `drop()` (for tests that start Rounds on a URL). */
export async function freshDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `rounds_test_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.href,
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
