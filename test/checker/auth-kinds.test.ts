// The checker follows the three kinds of connection: SMART Backend Services against a demo SMART hospital (which
// fetches our JWKS from a loopback server here), and Microsoft Entra ID against the fake Entra in front of a demo
// hospital. Real HTTP on loopback throughout; the CLI runs as a child process.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runScript, type ScriptResult } from '../support/run-script.js';
import { startDemoPartner, type RunningDemoPartner } from '../../server/demo/demo-partner.js';
import { DEMO_TENANT_R4_ID, DEMO_TENANT_STU3_ID } from '../../server/demo/tenants.js';
import type { SigningKey } from '../../server/partner/endpoint-config.js';
import { publicJwkOf } from '../../server/partner/jwks.js';
import { formatTable } from '../../scripts/check-partner/report.js';
import { redact, secretsOf } from '../../scripts/check-partner/redact.js';
import { runConformanceChecks, type CheckResult } from '../../scripts/check-partner/run.js';
import type { EntraCheckOptions, SmartBackendCheckOptions } from '../../scripts/check-partner/types.js';
import { startFakeEntra, type FakeEntra } from '../support/fake-entra.js';
import { listen, type Listening } from '../support/http.js';

const CLI = join(import.meta.dirname, '..', '..', 'scripts', 'check-partner.ts');

const SMART_CLIENT = 'rounds-backend-client';
const KID = 'rounds-test-es384';
const HOSPITAL_TENANT = 'cccccccc-0000-4000-8000-00000000000c';
const ENTRA_APP = '22222222-3333-4444-8555-666666666666';
const ENTRA_SECRET = 'the-entra-secret-value';
const WRONG_SECRET = 'a-wrong-entra-secret-value';

const newEcKey = (): KeyObject => generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey;
const key: SigningKey = { keyId: KID, alg: 'ES384', privateKey: newEcKey() };
const pem = String(key.privateKey.export({ type: 'pkcs8', format: 'pem' }));
const pemBody = pem.split('\n').filter((line) => line !== '' && !line.startsWith('-----'));

let smart: RunningDemoPartner;
let jwks: Listening;
let entra: FakeEntra;
let entraHospital: RunningDemoPartner;
let fhirUrl = '';
let keyDir: string;
let keyFile: string;

beforeAll(async () => {
  const app = express();
  app.get('/.well-known/jwks.json', (_req, res) => {
    res.json({ keys: [publicJwkOf(key)] });
  });
  jwks = await listen(app);
  smart = await startDemoPartner({ host: '127.0.0.1', port: 0, hospitals: [{ tenantId: DEMO_TENANT_R4_ID }] });
  smart.hospitals[0]!.registerClient({ clientId: SMART_CLIENT, jwksUrl: `${jwks.url}/.well-known/jwks.json` });

  entra = await startFakeEntra();
  entra.addApp({ tenantId: HOSPITAL_TENANT, clientId: ENTRA_APP, secrets: [ENTRA_SECRET] });
  entraHospital = await startDemoPartner({
    host: '127.0.0.1',
    port: 0,
    hospitals: [{ tenantId: DEMO_TENANT_STU3_ID, acceptToken: (t) => entra.acceptTokensFor(fhirUrl, HOSPITAL_TENANT, DEMO_TENANT_STU3_ID)(t) }],
  });
  fhirUrl = entraHospital.hospitals[0]!.url;
  entra.addResource(HOSPITAL_TENANT, fhirUrl);

  keyDir = mkdtempSync(join(tmpdir(), 'rounds-checker-'));
  keyFile = join(keyDir, `${KID}.pem`);
  writeFileSync(keyFile, pem, { mode: 0o600 });
});

afterAll(async () => {
  await Promise.all([smart?.close(), jwks?.close(), entraHospital?.close(), entra?.close()]);
  if (keyDir) rmSync(keyDir, { recursive: true, force: true });
});

const patientOf = (partner: RunningDemoPartner, tenantId: string): string =>
  partner.tenants.find((t) => t.tenantId === tenantId)!.samplePatientIds[0]!;

const smartOptions = (overrides: Partial<SmartBackendCheckOptions> = {}): SmartBackendCheckOptions => ({
  auth: 'smart-backend',
  url: smart.hospitals[0]!.url,
  clientId: SMART_CLIENT,
  key,
  patientId: patientOf(smart, DEMO_TENANT_R4_ID),
  ...overrides,
});

const entraOptions = (clientSecret: string): EntraCheckOptions => ({
  auth: 'entra',
  url: fhirUrl,
  clientId: ENTRA_APP,
  entraTenantId: HOSPITAL_TENANT,
  clientSecret,
  authority: entra.authority,
  patientId: patientOf(entraHospital, DEMO_TENANT_STU3_ID),
});

const withStatus = (results: CheckResult[], status: CheckResult['status']): string[] =>
  results.filter((r) => r.status === status).map((r) => r.id);
const resultOf = (results: CheckResult[], id: string): CheckResult | undefined => results.find((r) => r.id === id);
const OAUTH_URIS = 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris';
const PARTNER_ONLY = ['metadata.open', 'metadata.oauth-service', 'metadata.token-url', 'token.grant', 'token.wrong-secret'];

function checkPartnerCli(args: string[], env: Record<string, string> = {}): Promise<ScriptResult> {
  return runScript(CLI, args, { env });
}

describe('--auth smart-backend', () => {
  test('passes every check against a SMART hospital, its signed assertion accepted and another key refused', async () => {
    const results = await runConformanceChecks(smartOptions());
    expect(results.filter((r) => r.status !== 'pass')).toEqual([]);
    expect(results.slice(0, 4).map((r) => r.id)).toEqual([
      'smart.configuration',
      'smart.assertion-accepted',
      'smart.wrong-key-refused',
      'metadata.fhir-version',
    ]);
    expect(resultOf(results, 'smart.wrong-key-refused')?.reason).toBe('401 invalid_client');
    expect(resultOf(results, 'metadata.fhir-version')?.reason).toMatch(/^R4 /);
    expect(results.filter((r) => PARTNER_ONLY.includes(r.id))).toEqual([]);
    expect(results).toHaveLength(29);
  });

  test.each([
    ['a kid its JWKS does not have', { keyId: 'rounds-unpublished', alg: 'ES384', privateKey: newEcKey() }],
    ['another key under the registered kid', { keyId: KID, alg: 'ES384', privateKey: newEcKey() }],
  ] as const)('fails at smart.assertion-accepted with %s, and skips the FHIR checks saying why', async (_case, unknownKey) => {
    const results = await runConformanceChecks(smartOptions({ key: unknownKey }));
    expect(withStatus(results, 'fail')).toEqual(['smart.assertion-accepted']);
    const failed = resultOf(results, 'smart.assertion-accepted')!;
    expect(failed.reason).toMatch(/^The FHIR server refused our signed assertion \(invalid_client\): check that client rounds-backend-client/);
    expect(formatTable(results)).toMatch(/^FAIL {4}An assertion signed with the key gets a token +The FHIR server refused/m);
    expect(withStatus(results, 'pass')).toEqual(['smart.configuration', 'smart.wrong-key-refused']);
    expect(resultOf(results, 'metadata.fhir-version')?.reason).toBe('needs a token or an open capability statement');
    expect(resultOf(results, 'patient.find')).toMatchObject({ status: 'skip', reason: 'needs a token and the FHIR version' });
    expect(resultOf(results, 'batch.base')).toMatchObject({ status: 'skip', reason: 'no test patient' });
  });

  test('fails smart.configuration against a server whose smart-configuration takes no private_key_jwt', async () => {
    const results = await runConformanceChecks(smartOptions({ url: smart.url }));
    expect(withStatus(results, 'fail')).toEqual(['smart.configuration']);
    expect(resultOf(results, 'smart.configuration')?.reason).toBe(
      'the smart-configuration lacks private_key_jwt in token_endpoint_auth_methods_supported (the server takes no signed assertions)',
    );
    expect(resultOf(results, 'smart.assertion-accepted')).toMatchObject({ status: 'skip', reason: 'no token endpoint that takes signed assertions' });
    expect(withStatus(results, 'pass')).toEqual([]);
  });

  test('warns, and goes on, when only the metadata names the token URL (no smart-configuration)', async () => {
    const app = express();
    app.get('/fhir/metadata', (_req, res) => {
      const oauthUris = { url: OAUTH_URIS, extension: [{ url: 'token', valueUri: smart.hospitals[0]!.tokenUrl }] };
      res.json({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1', rest: [{ mode: 'server', security: { extension: [oauthUris] } }] });
    });
    const bare = await listen(app);
    try {
      const results = await runConformanceChecks(smartOptions({ url: `${bare.url}/fhir` }));
      expect(results.slice(0, 3).map((r) => [r.id, r.status])).toEqual([
        ['smart.configuration', 'warn'],
        ['smart.assertion-accepted', 'pass'],
        ['smart.wrong-key-refused', 'pass'],
      ]);
      expect(resultOf(results, 'smart.configuration')?.reason).toMatch(
        /^\/\.well-known\/smart-configuration answered 404: the token URL comes from the metadata's oauth-uris extension/,
      );
    } finally {
      await bare.close();
    }
  });

  test('hides the key material and the token should a server echo them into a reason', () => {
    const { d } = key.privateKey.export({ format: 'jwk' });
    const echoed: CheckResult[] = [{ id: 'x', name: 'x', status: 'fail', reason: `echoed ${d!} and ${pemBody[1]!} and the-token-1234` }];
    const [hidden] = redact(echoed, secretsOf(smartOptions(), 'the-token-1234'));
    expect(hidden!.reason).toBe('echoed [redacted] and [redacted] and [redacted]');
  });
});

describe('--auth entra', () => {
  test('passes every check with a token from Microsoft Entra ID for the FHIR service', async () => {
    const results = await runConformanceChecks(entraOptions(ENTRA_SECRET));
    expect(results.filter((r) => r.status !== 'pass')).toEqual([]);
    expect(results.slice(0, 3).map((r) => r.id)).toEqual(['entra.token', 'entra.wrong-secret-refused', 'metadata.fhir-version']);
    expect(resultOf(results, 'entra.wrong-secret-refused')?.reason).toBe('401 invalid_client, AADSTS7000215');
    expect(resultOf(results, 'metadata.fhir-version')?.reason).toMatch(/^STU3 /);
    expect(results).toHaveLength(28);
  });

  test('fails at entra.token with the AADSTS7000215 advice when the secret is wrong, never showing it', async () => {
    const results = await runConformanceChecks(entraOptions(WRONG_SECRET));
    expect(withStatus(results, 'fail')).toEqual(['entra.token']);
    expect(resultOf(results, 'entra.token')?.reason).toMatch(
      new RegExp(`^Microsoft Entra ID refused the client secret of application ${ENTRA_APP} \\(AADSTS7000215\\)`),
    );
    expect(resultOf(results, 'patient.find')).toMatchObject({ status: 'skip', reason: 'needs a token and the FHIR version' });
    expect(JSON.stringify(results)).not.toContain(WRONG_SECRET);
  });
});

describe('npm run check-partner with the new kinds', () => {
  test('--auth smart-backend --key <file> --kid <kid> exits 0 with every check passed, printing no key material', async () => {
    const result = await checkPartnerCli([
      '--auth', 'smart-backend',
      '--url', smart.hospitals[0]!.url,
      '--client-id', SMART_CLIENT,
      '--key', keyFile,
      '--kid', KID,
      '--patient-id', patientOf(smart, DEMO_TENANT_R4_ID),
    ]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Checking http:\/\/127\.0\.0\.1:\d+\/fhir with SMART Backend Services \(client rounds-backend-client, key rounds-test-es384, ES384\)/);
    expect(result.out).toMatch(/^PASS {4}An assertion signed with the key gets a token/m);
    expect(result.out).toMatch(/29 passed, 0 failed, 0 warnings, 0 skipped/);
    for (const line of pemBody) expect(result.out).not.toContain(line);
  });

  test('--auth entra with a wrong ENTRA_CLIENT_SECRET exits 1 naming the step, the secret nowhere in the output', async () => {
    const result = await checkPartnerCli(
      ['--auth', 'entra', '--url', fhirUrl, '--client-id', ENTRA_APP, '--entra-tenant', HOSPITAL_TENANT],
      { ENTRA_CLIENT_SECRET: WRONG_SECRET, AAD_AUTHORITY: entra.authority },
    );
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^FAIL {4}Microsoft Entra ID gives a token for the FHIR service +Microsoft Entra ID refused the client secret .*\(AADSTS7000215\)/m);
    expect(result.out + result.err).not.toContain(WRONG_SECRET);
  });

  test('exits 2 before any request when the key does not fit --alg, or a kind is given flags of another', async () => {
    const mismatch = await checkPartnerCli([
      '--auth', 'smart-backend', '--url', 'http://127.0.0.1:9/fhir', '--client-id', SMART_CLIENT, '--key', keyFile, '--kid', KID, '--alg', 'RS384',
    ]);
    expect(mismatch.code).toBe(2);
    expect(mismatch.err).toMatch(/^--alg: RS384 needs an RSA private key\n/);
    const stray = await checkPartnerCli(['--auth', 'entra', '--url', fhirUrl, '--client-id', ENTRA_APP, '--entra-tenant', HOSPITAL_TENANT, '--tenant', HOSPITAL_TENANT], {
      ENTRA_CLIENT_SECRET: ENTRA_SECRET,
    });
    expect(stray.code).toBe(2);
    expect(stray.err).toMatch(/^--tenant: not used with --auth entra\n/);
    expect(mismatch.err + stray.err).not.toContain(ENTRA_SECRET);
  });
});
