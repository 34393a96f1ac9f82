// What instances share through Redis (REDIS_URL): the per-user rate limit and partner tokens, against a real
// Redis (TEST_REDIS_URL), and what happens when Redis goes away (a redis-server of the test's own, stopped).
import { randomBytes, randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Redis } from 'ioredis';
import { createLogger } from '../../server/logger.js';
import { connectRedis, type RedisConnection } from '../../server/redis/redis-connection.js';
import { RedisRateCounter } from '../../server/redis/redis-rate-counter.js';
import { RedisTokens } from '../../server/redis/redis-tokens.js';
import type { TokenClient } from '../../server/partner/token-client.js';
import { partnerTokenClient } from '../../server/partner/partner-secret-grant.js';
import { startDemoPartner, type RunningDemoPartner } from '../../server/demo/demo-partner.js';
import { DEMO_TENANT_R4_ID } from '../../server/demo/tenants.js';
import { ownRedis, requireRedis, TEST_REDIS_URL } from '../support/redis.js';

const isAvailable = await requireRedis('the shared-state suite');
const silent = createLogger('silent');
const KEY = randomBytes(32);

/** A connection that is ready (or the test fails), as an instance's would be once Redis answered. */
async function connected(url: string, logger = silent): Promise<RedisConnection> {
  const connection = connectRedis(url, logger);
  await new Promise<void>((resolve) => {
    if (connection.isUp()) resolve();
    else connection.client.once('ready', () => resolve());
  });
  return connection;
}

describe.runIf(isAvailable)('with Redis', () => {
  const connections: RedisConnection[] = [];
  const open = async (logger = silent): Promise<RedisConnection> => {
    const connection = await connected(TEST_REDIS_URL, logger);
    connections.push(connection);
    return connection;
  };
  afterAll(async () => {
    await Promise.all(connections.map((c) => c.close()));
  });

  test('two instances count one user in one window, and the window ends when it should', async () => {
    const [a, b] = [new RedisRateCounter(await open()), new RedisRateCounter(await open())];
    const key = `tenant\n${randomUUID()}`;
    const counts = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).hit(key, 60_000)));
    expect(counts.map((c) => c.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(counts.every((c) => c.resetInMs > 0 && c.resetInMs <= 60_000)).toBe(true);
    const short = `tenant\n${randomUUID()}`;
    expect((await a.hit(short, 100)).count).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((await b.hit(short, 100)).count).toBe(1);
  });

  test('tokens are stored encrypted, readable only with the key, and a lock is held by one instance at a time', async () => {
    const redis = await open();
    const [a, b] = [new RedisTokens(redis, KEY), new RedisTokens(await open(), KEY)];
    const name = randomUUID();
    await a.set(name, { accessToken: 'secret-access-token-1', refreshAt: Date.now() + 60_000 });
    expect(await b.get(name)).toEqual({ accessToken: 'secret-access-token-1', refreshAt: expect.any(Number) as number });
    const reader = new Redis(TEST_REDIS_URL);
    const raw = await reader.getBuffer(`rounds:token:${name}`).finally(() => reader.disconnect());
    expect(raw?.toString('latin1')).not.toContain('secret-access-token');
    expect(await new RedisTokens(redis, randomBytes(32)).get(name)).toBeUndefined();

    expect(await a.lock(name, 5_000)).toBe(true);
    expect(await b.lock(name, 5_000)).toBe(false);
    await b.unlock(name); // not b's: changes nothing
    expect(await b.lock(name, 5_000)).toBe(false);
    await a.unlock(name);
    expect(await b.lock(name, 200)).toBe(true);
    // An instance that dies holding the lock blocks the others only until it expires.
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await a.lock(name, 5_000)).toBe(true);
  });

  describe('partner tokens', () => {
    let partner: RunningDemoPartner;
    beforeAll(async () => {
      partner = await startDemoPartner({ host: '127.0.0.1', port: 0 });
    });
    afterAll(() => partner?.close());

    test('500 concurrent first requests split across two instances make one token request for the tenant', async () => {
      // One run's own key space, shared by both instances.
      const prefix = `rounds:token:${randomUUID()}:`;
      const client = async (): Promise<TokenClient> =>
        partnerTokenClient({
          fhirUrl: partner.url,
          credentials: { fhirUrl: partner.url, clientId: partner.clientId, clientSecret: partner.clientSecret },
          logger: silent,
          who: 'The partner',
          timeoutMs: 5_000,
          shared: new RedisTokens(await open(), KEY, prefix),
        });
      const [a, b] = [await client(), await client()];
      partner.resetStats();
      const tokens = await Promise.all(Array.from({ length: 500 }, (_, i) => (i % 2 ? a : b).getToken(DEMO_TENANT_R4_ID)));
      expect(new Set(tokens).size).toBe(1);
      expect(partner.stats.tokenRequests).toBe(1);

      // The partner revokes it early: the instance that got the 401 asks for a new one instead of taking the
      // refused one back from Redis, and the other instance, refused in turn, finds the new one there.
      const [old] = tokens;
      a.invalidate(DEMO_TENANT_R4_ID, old!);
      const renewed = await a.getToken(DEMO_TENANT_R4_ID);
      expect(renewed).not.toBe(old);
      expect(partner.stats.tokenRequests).toBe(2);
      b.invalidate(DEMO_TENANT_R4_ID, old!);
      expect(await b.getToken(DEMO_TENANT_R4_ID)).toBe(renewed);
      expect(partner.stats.tokenRequests).toBe(2);
    });
  });
});

describe.runIf(isAvailable)('when Redis goes away', () => {
  test('counts fall back to the instance, the outage and the return are logged once each, and sharing resumes', async () => {
    const redis = await ownRedis();
    await redis.start();
    const lines: string[] = [];
    const sink = new PassThrough();
    sink.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').trim().split('\n')));
    const connection = await connected(redis.url, createLogger('info', sink));
    const counter = new RedisRateCounter(connection);
    const key = `tenant\n${randomUUID()}`;
    try {
      expect((await counter.hit(key, 60_000)).count).toBe(1);
      await redis.stop();
      await new Promise<void>((resolve) => (connection.isUp() ? connection.client.once('close', () => resolve()) : resolve()));
      // Down: every hit still answers, from this process's own counts.
      const down = await Promise.all(Array.from({ length: 5 }, () => counter.hit(key, 60_000)));
      expect(down.map((d) => d.count)).toEqual([1, 2, 3, 4, 5]);
      await redis.start();
      await new Promise<void>((resolve) => (connection.isUp() ? resolve() : connection.client.once('ready', () => resolve())));
      // Back: a fresh Redis (it keeps nothing on disk) counts again, shared.
      expect((await counter.hit(key, 60_000)).count).toBe(1);
      const messages = lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
      expect(messages.filter((m) => /Redis is unreachable/.test(m))).toHaveLength(1);
      expect(messages.filter((m) => /Redis is reachable again/.test(m))).toHaveLength(1);
      expect(lines.join('\n')).not.toContain(redis.url);
    } finally {
      await connection.close();
      await redis.stop();
    }
  });
});
