import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('the app shell', () => {
  test('answers /api/health without a token', async () => {
    const res = await fetch(`${app.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', version: '0.0.0', teamsAccessCheck: 'off' });
  });

  test('refuses /api/me without a token with a 401 OperationOutcome', async () => {
    const res = await fetch(`${app.url}/api/me`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/application\/fhir\+json/);
    const body = (await res.json()) as { resourceType: string; issue: { diagnostics: string }[] };
    expect(body.resourceType).toBe('OperationOutcome');
    expect(body.issue[0]?.diagnostics).toMatch(/token/);
  });

  test('answers /api/me with the user and tenant of a demo token', async () => {
    const token = await app.tokenFor('demo-user-b');
    const res = await fetch(`${app.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      tenantId: 'bbbbbbbb-0000-4000-8000-000000000002',
      userId: 'demo-user-b',
      name: 'Dr. Bo Test',
      username: 'bo@tenant-b.example',
      isDemo: true,
    });
  });

  test('refuses a tampered demo token', async () => {
    const token = await app.tokenFor('demo-user-a');
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    payload.tid = 'bbbbbbbb-0000-4000-8000-000000000002';
    const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    const res = await fetch(`${app.url}/api/me`, { headers: { authorization: `Bearer ${forged}` } });
    expect(res.status).toBe(401);
  });

  test('signs in a demo user through the demo sign-in endpoint', async () => {
    const users = (await (await fetch(`${app.url}/api/demo/users`)).json()) as { users: { userId: string }[] };
    expect(users.users.map((u) => u.userId)).toEqual(['demo-user-a', 'demo-user-b']);
    const res = await fetch(`${app.url}/api/demo/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'demo-user-a' }),
    });
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    const me = await fetch(`${app.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await me.json()) as { userId: string }).userId).toBe('demo-user-a');
  });

  test('answers malformed JSON with a 400 that says so', async () => {
    const res = await fetch(`${app.url}/api/demo/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"userId":',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { issue: { diagnostics: string }[] }).issue[0]?.diagnostics).toMatch(/not valid JSON/);
  });

  test('answers an unknown API path with a 404 OperationOutcome', async () => {
    const token = await app.tokenFor('demo-user-a');
    const res = await fetch(`${app.url}/api/nothing-here`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
  });

  test('lets Teams frame the app and sends no X-Frame-Options', async () => {
    const res = await fetch(`${app.url}/api/health`);
    expect(res.headers.get('x-frame-options')).toBeNull();
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/frame-ancestors 'self' https:\/\/\*\.cloud\.microsoft https:\/\/teams\.microsoft\.com/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('request bodies', () => {
  test('refuses a request without a token before reading its body', async () => {
    const res = await fetch(`${app.url}/api/lists`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"this is": not json',
    });
    expect(res.status).toBe(401);
  });
});
