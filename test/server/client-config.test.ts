import { afterEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { startTestApp, type TestApp } from '../support/app.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('GET /api/client-config', () => {
  test('answers without a token that demo mode is on and no Azure AD app is configured', async () => {
    app = await startTestApp();
    const res = await fetch(`${app.url}/api/client-config`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ isDemo: true, authority: 'https://login.microsoftonline.com', autoRefreshSeconds: 60 });
  });

  test('derives the App ID URI from PUBLIC_URL and the client id when AAD_APP_ID_URI is unset', async () => {
    const config = loadConfig({
      DEMO: '0',
      AAD_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
      PUBLIC_URL: 'https://rounds.example.org',
      PARTNER_FHIR_URL: 'https://partner.example.org/fhir',
      PARTNER_CLIENT_ID: 'rounds',
      PARTNER_CLIENT_SECRET: 'not-a-real-secret',
      TEAMS_ACCESS_CHECK: 'off',
    });
    app = await startTestApp({ config });
    const body = (await (await fetch(`${app.url}/api/client-config`)).json()) as Record<string, unknown>;
    expect(body).toEqual({
      isDemo: false,
      aadClientId: '11111111-2222-4333-8444-555555555555',
      appIdUri: 'api://rounds.example.org/11111111-2222-4333-8444-555555555555',
      authority: 'https://login.microsoftonline.com',
      autoRefreshSeconds: 60,
    });
    expect(JSON.stringify(body)).not.toContain('not-a-real-secret');
  });
});
