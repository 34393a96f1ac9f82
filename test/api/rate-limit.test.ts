// api.md: "429 rate limited (Retry-After)", counted per signed-in user (tenant and user of the verified token).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { diagnostics, startListsApp, USER_A, USER_A2, USER_B, type ListsApp } from '../support/lists-app.js';
import { InProcessCounter } from '../../server/http/rate-limit.js';

describe('a tiny limit of 3 requests a minute', () => {
  let app: ListsApp;
  let clock = Date.parse('2026-11-20T08:00:00Z');

  beforeAll(async () => {
    app = await startListsApp({ partner: false, deps: { rateLimit: { limit: 3, windowMs: 60_000, counter: new InProcessCounter(() => clock) } } });
  });
  afterAll(() => app.close());

  test('answers the 4th request of a user with a 429 OperationOutcome and Retry-After', async () => {
    for (let i = 0; i < 3; i += 1) expect((await app.call(USER_A, 'GET', '/api/me')).status).toBe(200);
    clock += 15_000;
    const refused = await app.call(USER_A, 'GET', '/api/lists?contextKind=channel&contextId=19:a');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('45');
    expect(refused.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect(refused.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'throttled' }] });
    expect(diagnostics(refused)).toMatch(/at most 3 every 60 s for each user; retry in 45 s/);
  });

  test('counts each user of each tenant apart', async () => {
    expect((await app.call(USER_A, 'GET', '/api/me')).status).toBe(429);
    expect((await app.call(USER_A2, 'GET', '/api/me')).status).toBe(200);
    expect((await app.call(USER_B, 'GET', '/api/me')).status).toBe(200);
  });

  test('does not count requests refused for want of a token, and lets the user in again once the window ends', async () => {
    const anonymous = await fetch(`${app.url}/api/me`);
    expect(anonymous.status).toBe(401);
    clock += 45_000;
    for (let i = 0; i < 3; i += 1) expect((await app.call(USER_A, 'GET', '/api/me')).status).toBe(200);
    expect((await app.call(USER_A, 'GET', '/api/me')).status).toBe(429);
  });

  test('leaves /api/health open to monitors', async () => {
    for (let i = 0; i < 5; i += 1) expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
  });
});

describe('the default limit', () => {
  let app: ListsApp;
  beforeAll(async () => {
    app = await startListsApp({ partner: false });
  });
  afterAll(() => app.close());

  test('lets a user make 600 requests a minute and refuses the 601st', async () => {
    const statuses: number[] = [];
    for (let batch = 0; batch < 12; batch += 1) {
      const answers = await Promise.all(Array.from({ length: 50 }, () => app.call(USER_A, 'GET', '/api/me')));
      statuses.push(...answers.map((res) => res.status));
    }
    expect(statuses.every((status) => status === 200)).toBe(true);
    const refused = await app.call(USER_A, 'GET', '/api/me');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await app.call(USER_B, 'GET', '/api/me')).status).toBe(200);
  });
});
