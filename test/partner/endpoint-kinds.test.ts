// TENANT_ROUTES_FILE entries and PARTNER_* of the three kinds: read, keys loaded and checked against their alg,
// every bad field named, no secret or key material in a message; /.well-known/jwks.json publishes public halves.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { problemsOf } from '../support/config-problems.js';
import { loadConfig } from '../../server/config.js';
import type { SmartBackendConfig } from '../../server/partner/endpoint-config.js';
import { jwksOf } from '../../server/partner/jwks.js';
import { loadTenantRoutes, parseTenantRoutes } from '../../server/partner/tenant-routes-file.js';
import { defaultScopeOf } from '../../server/partner/smart-backend-grant.js';
import { checkedTokenUrl } from '../../server/partner/discovery.js';
import { makeCertificate } from '../support/fake-entra.js';
import { TENANT_A, TENANT_B } from '../support/fake-aad.js';

const pemOf = (key: KeyObject): string => key.export({ type: 'pkcs8', format: 'pem' }) as string;
const ec384 = (): KeyObject => generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey;
const rsa = (bits: number): KeyObject => generateKeyPairSync('rsa', { modulusLength: bits }).privateKey;


let dir: string;
let es384Pem: string;
let certificatePem: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'endpoint-kinds-'));
  mkdirSync(join(dir, 'keys'));
  es384Pem = pemOf(ec384());
  writeFileSync(join(dir, 'keys', 'es384.pem'), es384Pem);
  writeFileSync(join(dir, 'keys', 'rsa3072.pem'), pemOf(rsa(3072)));
  writeFileSync(join(dir, 'keys', 'rsa1024.pem'), pemOf(rsa(1024)));
  writeFileSync(join(dir, 'keys', 'not-a-key.pem'), 'hello');
  certificatePem = (await makeCertificate()).pem;
  writeFileSync(join(dir, 'keys', 'entra.pem'), certificatePem);
});

const smart = (fields: Record<string, unknown> = {}): Record<string, unknown> => ({
  auth: 'smart-backend',
  fhirUrl: 'https://ehr.example.org/fhir/r4',
  clientId: 'rounds',
  keyId: 'rounds-2026-12',
  privateKeyFile: 'keys/es384.pem',
  alg: 'ES384',
  ...fields,
});

const entra = (fields: Record<string, unknown> = {}): Record<string, unknown> => ({
  auth: 'entra',
  fhirUrl: 'https://ws-fhir.fhir.azurehealthcareapis.com',
  entraTenantId: TENANT_B,
  clientId: '22222222-3333-4444-8555-666666666666',
  clientSecret: 'entra-secret-value',
  ...fields,
});

const routesFile = (routes: unknown): string => {
  const file = join(dir, `routes-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(routes));
  return file;
};

describe('routes entries of three kinds', () => {
  test('a smart-backend entry loads its key from a path relative to the routes file', () => {
    const route = loadTenantRoutes(routesFile({ [TENANT_A]: smart({ scope: 'system/Patient.read system/Encounter.read' }) })).get(TENANT_A);
    expect(route).toMatchObject({ auth: 'smart-backend', clientId: 'rounds', scope: 'system/Patient.read system/Encounter.read' });
    expect((route as SmartBackendConfig).key).toMatchObject({ keyId: 'rounds-2026-12', alg: 'ES384' });
    expect((route as SmartBackendConfig).key.privateKey.asymmetricKeyType).toBe('ec');
  });

  test('a smart-backend key can come from an environment variable the entry names', () => {
    const routes = parseTenantRoutes(
      { [TENANT_A]: smart({ privateKeyFile: undefined, privateKeyEnv: 'ROUNDS_SMART_KEY' }) },
      { baseDir: dir, env: { ROUNDS_SMART_KEY: es384Pem } },
    );
    expect((routes.get(TENANT_A) as SmartBackendConfig).key.keyId).toBe('rounds-2026-12');
  });

  test('an entra entry defaults its scope to the FHIR service URL with /.default and reads a certificate file', () => {
    const routes = loadTenantRoutes(
      routesFile({ [TENANT_A]: entra(), [TENANT_B]: entra({ clientSecret: undefined, certificateFile: 'keys/entra.pem' }) }),
    );
    expect(routes.get(TENANT_A)).toMatchObject({ auth: 'entra', scope: 'https://ws-fhir.fhir.azurehealthcareapis.com/.default' });
    expect(routes.get(TENANT_B)).toMatchObject({ auth: 'entra', certificate: { x5tS256: expect.stringMatching(/^[\w-]{43}$/) } });
  });

  test('names every bad field of every kind, and never a secret or a key', () => {
    const problems = problemsOf(() =>
      parseTenantRoutes(
        {
          [TENANT_A]: smart({ alg: 'RS384', keyId: 'no spaces allowed', clientSecret: 'misplaced-secret' }),
          [TENANT_B]: entra({ certificateFile: 'keys/entra.pem' }),
          '33333333-0000-4000-8000-000000000003': smart({ privateKeyFile: 'keys/rsa1024.pem', alg: 'RS384' }),
          '44444444-0000-4000-8000-000000000004': smart({ privateKeyFile: 'keys/missing.pem' }),
          '55555555-0000-4000-8000-000000000005': smart({ privateKeyFile: 'keys/not-a-key.pem' }),
          '66666666-0000-4000-8000-000000000006': { auth: 'kerberos', fhirUrl: 'https://x.example' },
          '77777777-0000-4000-8000-000000000007': smart({ privateKeyEnv: 'ALSO_A_KEY' }),
          '88888888-0000-4000-8000-000000000008': smart({ publishedKeys: [{ keyId: 'rounds-2026-12', alg: 'ES384', privateKeyFile: 'keys/es384.pem' }] }),
        },
        { baseDir: dir, env: {} },
      ),
    );
    const text = problems.join('\n');
    expect(text).toContain(`${TENANT_A}.keyId: must be 1–128 letters`);
    expect(text).toContain(`${TENANT_A}.clientSecret: is not a known field`);
    expect(text).toContain(`${TENANT_B}.clientSecret: give either clientSecret or certificateFile`);
    expect(text).toContain('33333333-0000-4000-8000-000000000003.alg: RS384 needs an RSA key of 2048 bits or more');
    expect(text).toContain('44444444-0000-4000-8000-000000000004.privateKeyFile: keys/missing.pem cannot be read');
    expect(text).toContain('55555555-0000-4000-8000-000000000005.privateKeyFile: is not a PEM private key');
    expect(text).toContain('66666666-0000-4000-8000-000000000006.auth: must be partner-secret, smart-backend, entra');
    expect(text).toContain('77777777-0000-4000-8000-000000000007.privateKeyFile: give either privateKeyFile or privateKeyEnv');
    expect(text).toContain('88888888-0000-4000-8000-000000000008.publishedKeys: every key needs its own keyId');
    expect(text).not.toMatch(/misplaced-secret|entra-secret-value|PRIVATE KEY|hello/);
  });

  test('an ES384 entry refuses an RSA key, naming the alg', () => {
    const problems = problemsOf(() => parseTenantRoutes({ [TENANT_A]: smart({ privateKeyFile: 'keys/rsa3072.pem' }) }, { baseDir: dir, env: {} }));
    expect(problems).toEqual([`TENANT_ROUTES_FILE: ${TENANT_A}.alg: ES384 needs an EC P-384 private key`]);
  });
});

describe('the single partner of any kind (PARTNER_*)', () => {
  const base = {
    NODE_ENV: 'test',
    DEMO: '0',
    AAD_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
    PUBLIC_URL: 'https://rounds.example.org',
    TEAMS_ACCESS_CHECK: 'off',
    PARTNER_FHIR_URL: 'https://ehr.example.org/fhir/r4',
    PARTNER_CLIENT_ID: 'rounds',
  };

  test('PARTNER_AUTH=smart-backend takes a key instead of a secret', () => {
    const config = loadConfig({ ...base, PARTNER_AUTH: 'smart-backend', PARTNER_KEY_ID: 'k1', PARTNER_ALG: 'ES384', PARTNER_PRIVATE_KEY_FILE: join(dir, 'keys', 'es384.pem') });
    expect(config.partner).toMatchObject({ auth: 'smart-backend', clientId: 'rounds', key: { keyId: 'k1', alg: 'ES384' } });
  });

  test('PARTNER_PUBLISHED_KEYS publishes the next key for a rotation, naming a bad one by its place', () => {
    const smartPartner = { ...base, PARTNER_AUTH: 'smart-backend', PARTNER_KEY_ID: 'k1', PARTNER_ALG: 'ES384', PARTNER_PRIVATE_KEY_FILE: join(dir, 'keys', 'es384.pem') };
    const next = JSON.stringify([{ keyId: 'k2', alg: 'RS384', privateKeyFile: join(dir, 'keys', 'rsa3072.pem') }]);
    const config = loadConfig({ ...smartPartner, PARTNER_PUBLISHED_KEYS: next });
    expect(jwksOf([config.partner!]).keys.map((k) => k.kid)).toEqual(['k1', 'k2']);
    const bad = JSON.stringify([{ keyId: 'k2', alg: 'ES384', privateKeyFile: join(dir, 'keys', 'missing.pem') }]);
    expect(problemsOf(() => loadConfig({ ...smartPartner, PARTNER_PUBLISHED_KEYS: bad }))).toEqual([
      expect.stringMatching(/^PARTNER_PUBLISHED_KEYS\[0\]\.privateKeyFile: .*missing\.pem cannot be read$/),
    ]);
    expect(problemsOf(() => loadConfig({ ...smartPartner, PARTNER_PUBLISHED_KEYS: '[{' }))).toEqual([
      'PARTNER_PUBLISHED_KEYS: must be a JSON array of { keyId, alg, privateKeyFile or privateKeyEnv }',
    ]);
  });

  test('names the PARTNER_* variables that are wrong, once each', () => {
    const problems = problemsOf(() => loadConfig({ ...base, PARTNER_AUTH: 'smart-backend', PARTNER_ALG: 'HS256' }));
    expect(problems).toContain('PARTNER_KEY_ID: Invalid input: expected string, received undefined');
    expect(problems).toContain('PARTNER_ALG: must be RS384 or ES384');
    expect(problems.filter((p) => p.startsWith('PARTNER_CLIENT_SECRET'))).toEqual([]);
  });

  test('today’s partner secret stays the default', () => {
    expect(loadConfig({ ...base, PARTNER_CLIENT_SECRET: 's3cret' }).partner).toEqual({
      fhirUrl: 'https://ehr.example.org/fhir/r4',
      clientId: 'rounds',
      clientSecret: 's3cret',
    });
  });
});

describe('the published key set', () => {
  test('holds the public half of every signing and published key, with kid, alg and use', () => {
    const routes = loadTenantRoutes(
      routesFile({
        [TENANT_A]: smart({ publishedKeys: [{ keyId: 'rounds-next', alg: 'RS384', privateKeyFile: 'keys/rsa3072.pem' }] }),
        [TENANT_B]: entra(),
      }),
    );
    const { keys } = jwksOf(routes.values());
    expect(keys.map(({ kid, alg, use, kty }) => ({ kid, alg, use, kty }))).toEqual([
      { kid: 'rounds-2026-12', alg: 'ES384', use: 'sig', kty: 'EC' },
      { kid: 'rounds-next', alg: 'RS384', use: 'sig', kty: 'RSA' },
    ]);
    for (const key of keys) for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(key).not.toHaveProperty(secret);
  });

  test('refuses two different keys under one keyId', () => {
    const routes = parseTenantRoutes(
      {
        [TENANT_A]: smart(),
        [TENANT_B]: smart({ alg: 'RS384', privateKeyFile: 'keys/rsa3072.pem' }),
      },
      { baseDir: dir, env: {} },
    );
    expect(problemsOf(() => jwksOf(routes.values()))).toEqual(['keyId rounds-2026-12: names two different keys; give each key its own keyId']);
  });
});

describe('the default SMART scope', () => {
  test('is system/*.read, or system/*.rs for a server that declares SMART 2 permissions only', () => {
    expect(defaultScopeOf({ capabilities: ['client-confidential-asymmetric'] })).toBe('system/*.read');
    expect(defaultScopeOf({ capabilities: ['permission-v1', 'permission-v2'] })).toBe('system/*.read');
    expect(defaultScopeOf({ capabilities: ['permission-v2'] })).toBe('system/*.rs');
  });
});

describe('a published token URL', () => {
  test('may be on loopback only when the FHIR server is too: a remote server cannot send our credentials here', () => {
    expect(checkedTokenUrl('http://127.0.0.1:8080/token', 'http://127.0.0.1:9000/fhir', 'The FHIR server')).toBe('http://127.0.0.1:8080/token');
    expect(() => checkedTokenUrl('http://127.0.0.1:8080/token', 'https://ehr.example.org/fhir', 'The FHIR server')).toThrow(/loopback/);
    expect(() => checkedTokenUrl('https://localhost/token', 'https://ehr.example.org/fhir', 'The FHIR server')).toThrow(/loopback/);
    expect(() => checkedTokenUrl('http://auth.example.org/token', 'https://ehr.example.org/fhir', 'The FHIR server')).toThrow(/not https/);
    expect(checkedTokenUrl('/oauth2/token', 'https://ehr.example.org/fhir', 'The FHIR server')).toBe('https://ehr.example.org/oauth2/token');
  });
});
