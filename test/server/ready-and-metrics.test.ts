// /api/ready for the load balancer and /metrics for Prometheus, on Rounds started the production way.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startRounds, type RunningRounds } from '../../server/bootstrap.js';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { Readiness } from '../../server/http/readiness.js';
import type { List, RowsResponse } from '../../server/wire/contract.js';
import { ownRedis, requireRedis, type OwnRedis } from '../support/redis.js';

const dir = mkdtempSync(join(tmpdir(), 'rounds-ready-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function demoRounds(env: Record<string, string> = {}): Promise<RunningRounds> {
  return startRounds(
    loadConfig({ DEMO: '1', PORT: '0', DATABASE_URL: `sqlite:${join(dir, `${Math.random()}.db`)}`, LOG_LEVEL: 'silent', ...env }),
    { logger: createLogger('silent'), tabDir: '/nonexistent' },
  );
}

describe('/api/ready', () => {
  test('answers 200 when the database answers', async () => {
    const rounds = await demoRounds();
    try {
      const res = await fetch(`${rounds.url}/api/ready`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ready' });
    } finally {
      await rounds.close();
    }
  });

  test('says it is not ready while draining, and which dependency does not answer', async () => {
    const failing = new Readiness({ database: () => Promise.resolve(), Redis: () => Promise.reject(new Error('down')) });
    expect(await failing.problems()).toEqual(['Redis does not answer']);
    const fine = new Readiness({ database: () => Promise.resolve() });
    expect(await fine.problems()).toEqual([]);
    fine.drain();
    expect(await fine.problems()).toEqual(['shutting down (SIGTERM): draining requests in flight']);
  });

  describe('with REDIS_URL', () => {
    let redis: OwnRedis | undefined;
    beforeAll(async () => {
      if (await requireRedis('readiness with Redis')) redis = await ownRedis();
    });
    afterAll(() => redis?.stop());

    test('an instance started while Redis is down answers 503, then 200 once Redis is back', async (context) => {
      if (!redis) return context.skip();
      const rounds = await demoRounds({ REDIS_URL: redis.url, TOKEN_CACHE_KEY: Buffer.alloc(32, 7).toString('base64') });
      try {
        const down = await fetch(`${rounds.url}/api/ready`);
        expect(down.status).toBe(503);
        expect(down.headers.get('retry-after')).toBe('5');
        expect(((await down.json()) as { issue: { diagnostics: string }[] }).issue[0]!.diagnostics).toBe('Not ready: Redis does not answer');
        // Meanwhile it serves, with its own counts and tokens.
        expect((await fetch(`${rounds.url}/api/health`)).status).toBe(200);
        await redis.start();
        await expect.poll(async () => (await fetch(`${rounds.url}/api/ready`)).status, { timeout: 10_000, interval: 100 }).toBe(200);
      } finally {
        await rounds.close();
      }
    });
  });
});

describe('/metrics', () => {
  let rounds: RunningRounds;
  let scrape: string;
  const seen = { names: [] as string[], mrns: [] as string[], tenantId: '', token: '' };

  beforeAll(async () => {
    rounds = await demoRounds();
    const users = ((await (await fetch(`${rounds.url}/api/demo/users`)).json()) as { users: { userId: string; tenantId: string }[] }).users;
    const user = users.find((u) => u.userId.startsWith('demo-nuh'))!;
    const { token } = (await (
      await fetch(`${rounds.url}/api/demo/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: user.userId }) })
    ).json()) as { token: string };
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const found = (await (await fetch(`${rounds.url}/api/patients?name=a`, { headers })).json()) as { patients: { id: string }[] };
    const list = (await (
      await fetch(`${rounds.url}/api/lists`, { method: 'POST', headers, body: JSON.stringify({ name: 'Ward', context: { kind: 'personal', id: user.userId } }) })
    ).json()) as List;
    for (const patient of found.patients.slice(0, 3))
      await fetch(`${rounds.url}/api/lists/${list.id}/entries`, { method: 'POST', headers, body: JSON.stringify({ patientId: patient.id }) });
    const rows = (await (await fetch(`${rounds.url}/api/lists/${list.id}/rows`, { headers })).json()) as RowsResponse;
    seen.names = rows.rows.flatMap((r) => [r.patient?.family ?? '', ...(r.patient?.given ?? [])]).filter((n) => n.length > 2);
    seen.mrns = rows.rows.map((r) => r.patient?.mrn ?? '').filter(Boolean);
    seen.tenantId = user.tenantId;
    seen.token = token;
    const res = await fetch(`${rounds.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    scrape = await res.text();
  });
  afterAll(() => rounds?.close());

  test('is valid Prometheus text with the request, FHIR, token, cache, store and event-loop series', () => {
    const sample = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})? (-?[0-9.]+(e[+-]?[0-9]+)?|NaN|\+Inf|-Inf)$/;
    const lines = scrape.trim().split('\n');
    const bad = lines.filter((line) => line !== '' && !line.startsWith('#') && !sample.test(line));
    expect(bad).toEqual([]);
    for (const series of [
      'rounds_http_request_duration_seconds_bucket{le="0.005",route="/api/lists/:listId/rows",method="GET",status="200"}',
      'rounds_fhir_request_duration_seconds_count{tenant="',
      'rounds_token_requests_total{outcome="ok"}',
      'rounds_fhir_cache_lookups_total{result="miss"}',
      'rounds_store_query_duration_seconds_count{operation="getList",outcome="ok"}',
      'nodejs_eventloop_lag_p99_seconds',
      'rounds_rate_limit_refusals_total',
    ])
      expect(scrape).toContain(series);
  });

  test('holds no patient name, MRN, tenant ID or token', () => {
    expect(seen.names.length).toBeGreaterThan(0);
    for (const secret of [...seen.names, ...seen.mrns, seen.tenantId, seen.token]) expect(scrape).not.toContain(secret);
  });

  test('is refused to an address outside METRICS_ALLOW', async () => {
    const guarded = await demoRounds({ METRICS_ALLOW: '10.20.0.0/16, 192.168.1.7' });
    try {
      const res = await fetch(`${guarded.url}/metrics`);
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain('rounds_');
    } finally {
      await guarded.close();
    }
  });
});
