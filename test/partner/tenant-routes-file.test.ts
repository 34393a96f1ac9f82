import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { problemsOf } from '../support/config-problems.js';
import { ConfigError, loadConfig } from '../../server/config.js';
import { startRounds } from '../../server/bootstrap.js';
import { createLogger } from '../../server/logger.js';
import { loadTenantRoutes, parseTenantRoutes } from '../../server/partner/tenant-routes-file.js';
import { TENANT_A } from '../support/fake-aad.js';

const good = { fhirUrl: 'https://fhir.hospital.example/r4/', clientId: 'rounds', clientSecret: 'top-secret' };


describe('TENANT_ROUTES_FILE', () => {
  test('reads a route per tenant, lower-casing the tenant and trimming the URL', () => {
    const routes = parseTenantRoutes({ [TENANT_A.toUpperCase()]: good });
    expect(routes.get(TENANT_A)).toEqual({ ...good, fhirUrl: 'https://fhir.hospital.example/r4' });
  });

  test('names every bad entry and never a secret', () => {
    const problems = problemsOf(() =>
      parseTenantRoutes({
        'not-a-guid': good,
        [TENANT_A]: { fhirUrl: 'http://fhir.hospital.example', clientId: '', clientSecret: 'top-secret', extra: 1 },
      }),
    );
    expect(problems.join('\n')).toMatch(/tenant ids must be GUIDs/);
    expect(problems.join('\n')).toMatch(new RegExp(`${TENANT_A}\\.fhirUrl: must be an https URL`));
    expect(problems.join('\n')).toMatch(new RegExp(`${TENANT_A}\\.clientId`));
    expect(problems.join('\n')).toMatch(/extra/);
    expect(problems.join('\n')).not.toMatch(/top-secret/);
    expect(problems.every((p) => p.startsWith('TENANT_ROUTES_FILE: '))).toBe(true);
  });

  test('says so when the file is not JSON or missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'routes-'));
    writeFileSync(join(dir, 'bad.json'), '{ nope');
    expect(problemsOf(() => loadTenantRoutes(join(dir, 'bad.json')))[0]).toMatch(/is not valid JSON/);
    expect(problemsOf(() => loadTenantRoutes(join(dir, 'missing.json')))[0]).toMatch(/cannot be read/);
  });
});

describe('start-up with a bad TENANT_ROUTES_FILE', () => {
  test('stops with a ConfigError naming the problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'routes-'));
    const file = join(dir, 'routes.json');
    writeFileSync(file, JSON.stringify({ [TENANT_A]: { fhirUrl: 'ftp://x', clientId: 'c', clientSecret: 's' } }));
    const config = loadConfig({
      NODE_ENV: 'test',
      DEMO: '0',
      PORT: '0',
      AAD_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
      PUBLIC_URL: 'https://rounds.example.org',
      TENANT_ROUTES_FILE: file,
      TEAMS_ACCESS_CHECK: 'off',
      DATABASE_URL: `sqlite:${join(dir, 'rounds.db')}`,
    });
    const error = await startRounds(config, { logger: createLogger('silent') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.join('\n')).toMatch(new RegExp(`${TENANT_A}\\.fhirUrl`));
  });
});
