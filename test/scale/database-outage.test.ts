// PostgreSQL going away silently (a proxy that stops forwarding without closing anything) under writes: requests
// answer 503 within the statement timeout, /api/ready says 503, and once the path works again every request
// succeeds within seconds, with no restart and no acknowledged write lost.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startRounds, type RunningRounds } from '../../server/bootstrap.js';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { DEFAULT_STATEMENT_TIMEOUT_MS } from '../../server/lists/open-postgres.js';
import type { List } from '../../server/wire/contract.js';
import { freshDatabase, requirePostgres, TEST_DATABASE_URL } from '../support/postgres.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const isAvailable = await requirePostgres('the database outage suite');

interface Write {
  mrn: string;
  status: number;
  ms: number;
  startedAt: number;
  retryAfter: string | null;
}

describe.runIf(isAvailable)('PostgreSQL cut silently under writes', { timeout: 90_000 }, () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let proxy: TcpProxy;
  let rounds: RunningRounds;
  let headers: Record<string, string>;
  let listId: string;

  beforeAll(async () => {
    database = await freshDatabase();
    const target = new URL(TEST_DATABASE_URL);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const through = new URL(database.url);
    through.port = String(proxy.port);
    rounds = await startRounds(loadConfig({ DEMO: '1', PORT: '0', DATABASE_URL: through.href, LOG_LEVEL: 'silent' }), {
      logger: createLogger('silent'),
      tabDir: '/nonexistent',
    });
    const users = ((await (await fetch(`${rounds.url}/api/demo/users`)).json()) as { users: { userId: string }[] }).users;
    const userId = users[0]!.userId;
    const { token } = (await (
      await fetch(`${rounds.url}/api/demo/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) })
    ).json()) as { token: string };
    headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await fetch(`${rounds.url}/api/lists`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'Outage', context: { kind: 'personal', id: userId } }),
    });
    listId = ((await created.json()) as List).id;
  });
  afterAll(async () => {
    await rounds?.close();
    await proxy?.close();
    await database?.drop();
  });

  async function write(): Promise<Write> {
    const mrn = `O-${randomUUID().slice(0, 8)}`;
    const startedAt = Date.now();
    try {
      const res = await fetch(`${rounds.url}/api/lists/${listId}/entries`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ manual: { name: `Patient ${mrn}`, mrn } }),
      });
      await res.arrayBuffer();
      return { mrn, status: res.status, ms: Date.now() - startedAt, startedAt, retryAfter: res.headers.get('retry-after') };
    } catch {
      return { mrn, status: 0, ms: Date.now() - startedAt, startedAt, retryAfter: null };
    }
  }

  test('503 within the statement timeout while cut, /api/ready 503, then every request succeeds within 10 s, nothing acknowledged lost', async () => {
    const writes: Write[] = [];
    let isWriting = true;
    // Four clinicians saving one after another, all along.
    const writers = Array.from({ length: 4 }, async () => {
      while (isWriting) writes.push(await write());
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const cutAt = Date.now();
    proxy.cut();
    await expect.poll(async () => (await fetch(`${rounds.url}/api/ready`)).status, { timeout: 5_000, interval: 200 }).toBe(503);
    // Long enough for each writer to be refused at least twice.
    await new Promise((resolve) => setTimeout(resolve, 2 * (DEFAULT_STATEMENT_TIMEOUT_MS + 2_000)));
    const restoredAt = Date.now();
    proxy.restore();
    // Back: a write succeeds again within 10 s, with no restart.
    await expect.poll(async () => (await write()).status, { timeout: 10_000, interval: 200 }).toBe(201);
    const recoveredAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 500));
    isWriting = false;
    await Promise.all(writers);
    expect((await fetch(`${rounds.url}/api/ready`)).status).toBe(200);

    const duringCut = writes.filter((w) => w.startedAt >= cutAt + 100 && w.startedAt + w.ms < restoredAt);
    expect(duringCut.length).toBeGreaterThan(0);
    // Each answered 503 with Retry-After, within the statement timeout and the pool's wait for a connection.
    expect(duringCut.every((w) => w.status === 503 && w.retryAfter === '5')).toBe(true);
    expect(Math.max(...duringCut.map((w) => w.ms))).toBeLessThan(DEFAULT_STATEMENT_TIMEOUT_MS + 2_000);
    // After recovery, every write succeeded.
    const after = writes.filter((w) => w.startedAt >= recoveredAt);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((w) => w.status === 201)).toBe(true);
    expect(recoveredAt - restoredAt).toBeLessThan(10_000);

    // Every acknowledged write is there.
    const list = (await (await fetch(`${rounds.url}/api/lists/${listId}`, { headers })).json()) as List;
    const stored = new Set(list.entries.map((e) => e.mrn));
    const acknowledged = writes.filter((w) => w.status === 201);
    expect(acknowledged.filter((w) => !stored.has(w.mrn))).toEqual([]);
    expect(writes.filter((w) => w.status !== 201 && w.status !== 503)).toEqual([]);
    console.log(
      `database outage: ${acknowledged.length} writes acknowledged, ${duringCut.length} answered 503 during the cut (slowest ${Math.max(...duringCut.map((w) => w.ms))} ms), recovered ${recoveredAt - restoredAt} ms after the path returned`,
    );
  });
});
