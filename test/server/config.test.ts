import { describe, expect, test } from 'vitest';
import { configProblems as problemsOf } from '../support/config-problems.js';
import { loadConfig } from '../../server/config.js';

const production = {
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://rounds.example.org',
  AAD_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
  PARTNER_FHIR_URL: 'https://partner.example.org/fhir',
  PARTNER_CLIENT_ID: 'rounds',
  PARTNER_CLIENT_SECRET: 'top-secret-value',
  AAD_CLIENT_SECRET: 'app-secret-value',
};


describe('loadConfig', () => {
  test('turns demo mode on when neither Azure AD nor a partner is configured', () => {
    const config = loadConfig({});
    expect(config.isDemo).toBe(true);
    expect(config.port).toBe(3978);
    expect(config.host).toBe('127.0.0.1');
    expect(config.publicUrl).toBe('http://localhost:3978');
    expect(config.databaseUrl).toBe('sqlite:data/rounds.db');
  });

  test('reads a complete production configuration', () => {
    const config = loadConfig(production);
    expect(config.isDemo).toBe(false);
    expect(config.host).toBe('0.0.0.0');
    expect(config.partner).toEqual({
      fhirUrl: 'https://partner.example.org/fhir',
      clientId: 'rounds',
      clientSecret: 'top-secret-value',
      clientSecretNext: undefined,
    });
    expect(config.aad.allowedTenants).toBeUndefined();
  });

  test('names every bad variable in one error', () => {
    const problems = problemsOf({ ...production, PORT: 'eighty', AAD_CLIENT_ID: 'not-a-guid', PARTNER_FHIR_URL: 'http://partner.example.org' });
    expect(problems.join('\n')).toMatch(/PORT/);
    expect(problems.join('\n')).toMatch(/AAD_CLIENT_ID/);
    expect(problems.join('\n')).toMatch(/PARTNER_FHIR_URL: must be an https URL/);
  });

  test('refuses demo mode in production', () => {
    expect(problemsOf({ NODE_ENV: 'production', DEMO: '1' })).toContain(
      'DEMO: demo mode is refused when NODE_ENV=production',
    );
  });

  test('requires the partner credentials and the public URL outside demo mode', () => {
    const problems = problemsOf({ AAD_CLIENT_ID: production.AAD_CLIENT_ID, PARTNER_FHIR_URL: production.PARTNER_FHIR_URL });
    expect(problems).toEqual(
      expect.arrayContaining([
        'PUBLIC_URL: required outside demo mode',
        'PARTNER_CLIENT_ID: required with PARTNER_FHIR_URL',
        'PARTNER_CLIENT_SECRET: required with PARTNER_FHIR_URL',
      ]),
    );
  });

  test('never puts a secret in the error message', () => {
    const problems = problemsOf({ ...production, PORT: 'x' });
    expect(problems.join('\n')).not.toContain('top-secret-value');
    expect(problems.join('\n')).not.toContain('app-secret-value');
  });

  test('checks Teams membership through Graph by default outside demo mode, and refuses to start without AAD_CLIENT_SECRET', () => {
    const { AAD_CLIENT_SECRET: _secret, ...withoutSecret } = production;
    const problems = problemsOf(withoutSecret);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^AAD_CLIENT_SECRET: required with TEAMS_ACCESS_CHECK=graph/);
    expect(loadConfig(production).teams).toEqual({
      accessCheck: 'graph',
      graphUrl: 'https://graph.microsoft.com',
      accessCacheSeconds: 300,
    });
    expect(loadConfig(production).aad.clientSecret).toBe('app-secret-value');
  });

  test('lets a deployment turn the membership check off, and needs no secret then', () => {
    const { AAD_CLIENT_SECRET: _secret, ...withoutSecret } = production;
    expect(loadConfig({ ...withoutSecret, TEAMS_ACCESS_CHECK: 'off' }).teams.accessCheck).toBe('off');
  });

  test('simulates membership in demo mode unless told otherwise, and asks for the secret when told graph', () => {
    expect(loadConfig({}).teams.accessCheck).toBe('demo');
    expect(problemsOf({ TEAMS_ACCESS_CHECK: 'graph' })).toEqual([
      'AAD_CLIENT_ID: required with TEAMS_ACCESS_CHECK=graph',
      expect.stringMatching(/^AAD_CLIENT_SECRET: required/),
    ]);
  });

  test('names bad Teams access variables', () => {
    const problems = problemsOf({
      ...production,
      TEAMS_ACCESS_CHECK: 'maybe',
      GRAPH_URL: 'http://graph.example.org',
      ACCESS_CACHE_SECONDS: 'forever',
    });
    expect(problems).toEqual([
      'TEAMS_ACCESS_CHECK: must be graph or off',
      'GRAPH_URL: must be an https URL (http only on loopback)',
      expect.stringMatching(/^ACCESS_CACHE_SECONDS: /),
    ]);
    expect(loadConfig({ ...production, GRAPH_URL: 'http://127.0.0.1:9999/' }).teams.graphUrl).toBe('http://127.0.0.1:9999');
  });

  test('allows plain http only on loopback', () => {
    expect(loadConfig({ ...production, NODE_ENV: 'test', PARTNER_FHIR_URL: 'http://127.0.0.1:9999/fhir' }).partner?.fhirUrl).toBe(
      'http://127.0.0.1:9999/fhir',
    );
  });

  test('parses an allow-list of tenants', () => {
    const config = loadConfig({ ...production, AAD_ALLOWED_TENANTS: 'AAAAAAAA-2222-3333-4444-555555555555, 11111111-2222-3333-4444-666666666666' });
    expect(config.aad.allowedTenants).toEqual([
      'aaaaaaaa-2222-3333-4444-555555555555',
      '11111111-2222-3333-4444-666666666666',
    ]);
  });

  test('tunes the FHIR side with the documented defaults', () => {
    expect(loadConfig(production).fhir).toEqual({
      timeoutMs: 15_000,
      maxConcurrency: 32,
      batchSize: 50,
      cacheSeconds: 30,
      cacheBytes: 64 * 1024 * 1024,
      maxResponseBytes: 20 * 1024 * 1024,
    });
    const tuned = loadConfig({ ...production, FHIR_CACHE_SECONDS: '0', FHIR_BATCH_SIZE: '20', FHIR_CACHE_MB: '8' }).fhir;
    expect(tuned).toMatchObject({ cacheSeconds: 0, batchSize: 20, cacheBytes: 8 * 1024 * 1024 });
  });

  test('names every bad FHIR tuning variable', () => {
    const problems = problemsOf({
      ...production,
      FHIR_TIMEOUT_MS: 'soon',
      FHIR_MAX_CONCURRENCY: '0',
      FHIR_BATCH_SIZE: '1000',
      FHIR_CACHE_SECONDS: '-1',
      FHIR_CACHE_MB: 'lots',
      FHIR_MAX_RESPONSE_MB: '0',
    });
    for (const name of ['FHIR_TIMEOUT_MS', 'FHIR_MAX_CONCURRENCY', 'FHIR_BATCH_SIZE', 'FHIR_CACHE_SECONDS', 'FHIR_CACHE_MB', 'FHIR_MAX_RESPONSE_MB'])
      expect(problems.some((p) => p.startsWith(`${name}:`))).toBe(true);
  });

  test('names the missing variables together with the badly written ones, not only once those are fixed', () => {
    const problems = problemsOf({ NODE_ENV: 'production', PORT: 'eighty' });
    for (const name of ['PORT', 'AAD_CLIENT_ID', 'PUBLIC_URL', 'PARTNER_FHIR_URL'])
      expect(problems.some((p) => p.startsWith(`${name}:`))).toBe(true);
  });

  test('names a badly written variable once, for its format', () => {
    const problems = problemsOf({ NODE_ENV: 'production', AAD_CLIENT_ID: 'not-a-guid', PUBLIC_URL: 'https://rounds.example.org' });
    expect(problems.filter((p) => p.startsWith('AAD_CLIENT_ID:'))).toEqual(['AAD_CLIENT_ID: must be a GUID']);
  });

  test('needs TOKEN_CACHE_KEY with REDIS_URL, and names bad scale-out variables', () => {
    expect(problemsOf({ ...production, REDIS_URL: 'redis://cache.internal:6379' })).toEqual([
      expect.stringMatching(/^TOKEN_CACHE_KEY: required with REDIS_URL/),
    ]);
    const problems = problemsOf({
      ...production,
      REDIS_URL: 'cache.internal',
      TOKEN_CACHE_KEY: 'c2hvcnQ=',
      METRICS_ALLOW: 'everyone',
      DATABASE_SSL: 'yes',
    });
    for (const name of ['REDIS_URL', 'TOKEN_CACHE_KEY', 'METRICS_ALLOW', 'DATABASE_SSL'])
      expect(problems.some((p) => p.startsWith(`${name}:`))).toBe(true);
    const key = Buffer.alloc(32, 1).toString('base64');
    const config = loadConfig({ ...production, REDIS_URL: 'rediss://cache.internal:6380', TOKEN_CACHE_KEY: key, DATABASE_SSL: 'verify-full', METRICS_ALLOW: 'loopback, 10.0.0.0/8' });
    expect(config.redis).toEqual({ url: 'rediss://cache.internal:6380', tokenKey: Buffer.alloc(32, 1) });
    expect(config.databaseSsl).toEqual({ mode: 'verify-full', caFile: undefined });
    expect(config.metricsAllow).toEqual(['loopback', '10.0.0.0/8']);
    expect(loadConfig(production).metricsAllow).toEqual(['loopback']);
  });
});

describe('AUTO_REFRESH_SECONDS', () => {
  test('is 60 by default, and a number of seconds between 5 and 3600', () => {
    expect(loadConfig({ DEMO: '1' }).autoRefreshSeconds).toBe(60);
    expect(loadConfig({ DEMO: '1', AUTO_REFRESH_SECONDS: '15' }).autoRefreshSeconds).toBe(15);
    expect(problemsOf({ DEMO: '1', AUTO_REFRESH_SECONDS: '1' })).toEqual([expect.stringMatching(/^AUTO_REFRESH_SECONDS: /)]);
    expect(problemsOf({ DEMO: '1', AUTO_REFRESH_SECONDS: 'often' })).toEqual([expect.stringMatching(/^AUTO_REFRESH_SECONDS: /)]);
  });
});
