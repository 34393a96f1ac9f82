// Two Rounds instances (separate processes, the compiled server) on one PostgreSQL database and one Redis,
// against one partner on loopback: what a hospital's two instances behind a load balancer must hold to.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import pg from 'pg';
import type { Entry, List } from '../../server/wire/contract.js';
import { startDemoPartner, type RunningDemoPartner } from '../../server/demo/demo-partner.js';
import { DEMO_TENANT_R4_ID } from '../../server/demo/tenants.js';
import { FAKE_CLIENT_ID, startFakeAad, type FakeAad } from '../support/fake-aad.js';
import { freshDatabase, requirePostgres } from '../support/postgres.js';
import { requireRedis, TEST_REDIS_URL } from '../support/redis.js';
import { startRoundsProcess, type RoundsProcess } from '../support/rounds-process.js';

const isAvailable = (await requirePostgres('the two-instance suite')) && (await requireRedis('the two-instance suite'));

describe.runIf(isAvailable)('two instances on one PostgreSQL and one Redis', { timeout: 120_000 }, () => {
  let aad: FakeAad;
  let partner: RunningDemoPartner;
  let database: { url: string; drop(): Promise<void> };
  let instances: RoundsProcess[];
  const tokens = new Map<string, string>();
  // This run's users: Redis is shared with other runs, and the rate limit counts per tenant and user.
  const run = randomUUID().slice(0, 8);

  const env = (): Record<string, string> => ({
    NODE_ENV: 'test',
    DEMO: '0',
    // info: startRoundsProcess waits for the "Rounds is listening" line.
    LOG_LEVEL: 'info',
    PUBLIC_URL: 'http://localhost:3978',
    AAD_CLIENT_ID: FAKE_CLIENT_ID,
    AAD_AUTHORITY: aad.authority,
    TEAMS_ACCESS_CHECK: 'off',
    PARTNER_FHIR_URL: partner.url,
    PARTNER_CLIENT_ID: partner.clientId,
    PARTNER_CLIENT_SECRET: partner.clientSecret,
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    TOKEN_CACHE_KEY: randomBytesKey,
    FHIR_CACHE_SECONDS: '0',
  });
  const randomBytesKey = randomBytes(32).toString('base64');

  async function tokenOf(user: string): Promise<string> {
    let token = tokens.get(user);
    if (!token) {
      token = await aad.mint({ claims: { tid: DEMO_TENANT_R4_ID, oid: `${run}-${user}`, name: `Dr. ${user}` } });
      tokens.set(user, token);
    }
    return token;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON, checked by expect()
  type Answer = { status: number; body: any };

  async function call(on: RoundsProcess, user: string, method: string, path: string, body?: unknown): Promise<Answer> {
    const res = await fetch(`${on.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${await tokenOf(user)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  beforeAll(async () => {
    aad = await startFakeAad();
    partner = await startDemoPartner({ host: '127.0.0.1', port: 0 });
    database = await freshDatabase();
    // Started at the same moment on an empty database: both migrate, under the advisory lock.
    instances = await Promise.all([startRoundsProcess(env()), startRoundsProcess(env())]);
  });
  afterAll(async () => {
    await Promise.all((instances ?? []).map((i) => i.kill('SIGTERM')));
    await partner?.close();
    await aad?.close();
    await database?.drop();
  });

  test('two instances starting at once on an empty database run each migration once, without error', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    await client.end();
    expect(rows.map((r) => r.version)).toEqual([1, 2, 3, 4, 5]);
    for (const instance of instances) expect(instance.output()).not.toMatch(/"level":(50|60)/);
  });

  test('500 concurrent first requests split across both make exactly one partner token request', async () => {
    partner.resetStats();
    const answers = await Promise.all(
      Array.from({ length: 500 }, (_, i) => call(instances[i % 2]!, `searcher-${i % 10}`, 'GET', '/api/patients?name=a&count=5')),
    );
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    expect(partner.stats.tokenRequests).toBe(1);
  });

  test("one user's 700 requests split across both are refused after the 600th of the window", async () => {
    const statuses: number[] = [];
    for (let batch = 0; batch < 700; batch += 50)
      statuses.push(...(await Promise.all(Array.from({ length: 50 }, (_, i) => call(instances[(batch + i) % 2]!, 'busy', 'GET', '/api/me')))).map((a) => a.status));
    expect(statuses.filter((s) => s === 200)).toHaveLength(600);
    expect(statuses.filter((s) => s === 429)).toHaveLength(100);
  });

  test('a list made on one instance is read, changed and exported on the other', async () => {
    const [a, b] = instances as [RoundsProcess, RoundsProcess];
    const created = await call(a, 'owner', 'POST', '/api/lists', { name: 'Ward 9', context: { kind: 'channel', id: `19:${run}@thread.tacv2` } });
    expect(created.status).toBe(201);
    const list = created.body as List;
    const entry = await call(b, 'owner', 'POST', `/api/lists/${list.id}/entries`, { manual: { name: 'Quill, Zed', mrn: 'Q-1' } });
    expect(entry.status).toBe(201);
    expect((await call(a, 'owner', 'PUT', `/api/lists/${list.id}/entries/${(entry.body as Entry).id}/note`, { text: 'Seen on A', version: 1 })).status).toBe(200);
    const read = await call(b, 'owner', 'GET', `/api/lists/${list.id}`);
    expect(read.body.entries[0].note.text).toBe('Seen on A');
    const renamed = await call(b, 'owner', 'PATCH', `/api/lists/${list.id}`, { version: list.version, name: 'Ward 9 (B)' });
    expect(renamed.status).toBe(200);
    expect((await call(a, 'owner', 'PATCH', `/api/lists/${list.id}`, { version: list.version, name: 'Stale on A' })).status).toBe(409);
    const exported = await fetch(`${a.url}/api/lists/${list.id}/export?format=csv`, { headers: { authorization: `Bearer ${await tokenOf('owner')}` } });
    expect(exported.status).toBe(200);
    expect(await exported.text()).toContain('Quill, Zed');
  });

  test('SIGKILL of one instance mid-burst loses no acknowledged write, and retries on the other all succeed', async () => {
    const [victim, survivor] = instances as [RoundsProcess, RoundsProcess];
    const created = await call(survivor, 'burst', 'POST', '/api/lists', { name: 'Burst', context: { kind: 'channel', id: `19:${run}-burst@thread.tacv2` } });
    const listId = (created.body as List).id;
    const targets: Entry[] = [];
    for (let i = 0; i < 250; i += 1)
      targets.push((await call(survivor, 'burst-setup', 'POST', `/api/lists/${listId}/entries`, { manual: { name: `Note target ${i}`, mrn: `T-${i}` } })).body as Entry);

    type Write = { kind: 'entry'; mrn: string } | { kind: 'note'; entryId: string; text: string };
    const writes: Write[] = [
      ...Array.from({ length: 250 }, (_, i): Write => ({ kind: 'entry', mrn: `B-${i}` })),
      ...targets.map((t, i): Write => ({ kind: 'note', entryId: t.id, text: `Burst note ${i}` })),
    ];
    // Ten clinicians write (one alone would meet the rate limit of 600 a minute).
    const send = (on: RoundsProcess, w: Write, i: number): Promise<Answer> =>
      w.kind === 'entry'
        ? call(on, `burst-${i % 10}`, 'POST', `/api/lists/${listId}/entries`, { manual: { name: `Added ${w.mrn}`, mrn: w.mrn } })
        : call(on, `burst-${i % 10}`, 'PUT', `/api/lists/${listId}/entries/${w.entryId}/note`, { text: w.text, version: 1 });

    let ackedOnVictim = 0;
    let killed: Promise<void> | undefined;
    const outcomes = await Promise.all(
      writes.map(async (w, i) => {
        const on = i % 2 ? survivor : victim;
        try {
          const answer = await send(on, w, i);
          if (on === victim && answer.status < 300 && (ackedOnVictim += 1) === 60) killed = victim.kill('SIGKILL');
          return { w, acked: answer.status < 300, status: answer.status, body: answer.body as unknown };
        } catch {
          return { w, acked: false, status: 0, body: undefined };
        }
      }),
    );
    await killed;
    expect(victim.child.signalCode).toBe('SIGKILL');
    const failed = outcomes.filter((o) => !o.acked);
    expect(failed.length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => !o.acked && o.status !== 0)).toEqual([]);

    // The clients retry what failed on the survivor: done now, or already done (409: a duplicate or a note at
    // a newer version), never lost.
    for (const [i, { w }] of failed.entries()) {
      const answer = await send(survivor, w, i);
      expect([200, 201, 409]).toContain(answer.status);
      if (answer.status === 409 && w.kind === 'note') expect(answer.body.current.note.text).toBe(w.text);
    }
    const list = (await call(survivor, 'burst', 'GET', `/api/lists/${listId}`)).body as List;
    const mrns = new Set(list.entries.map((e) => e.mrn));
    const notes = new Map(list.entries.map((e) => [e.id, e.note?.text]));
    for (const w of writes) {
      if (w.kind === 'entry') expect(mrns.has(w.mrn)).toBe(true);
      else expect(notes.get(w.entryId)).toBe(w.text);
    }
    console.log(`two instances: ${outcomes.length - failed.length} writes acknowledged before and around the SIGKILL, ${failed.length} retried on the survivor; all present`);
  });
});
