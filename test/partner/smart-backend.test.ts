// SMART Backend Services over real HTTP: the demo's SMART hospital discovers nothing for us; Rounds finds its token
// URL in .well-known/smart-configuration, signs an assertion, and the hospital verifies it against the JWKS it
// fetches from Rounds (signature, iss/sub, aud, exp window, jti never twice) before any row is read.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_TENANT_R4_ID, startDemoPartner, type RunningDemoPartner, type RunningSmartHospital } from '../../server/demo/demo-partner.js';
import { isApiError } from '../../server/errors.js';
import { createLogger } from '../../server/logger.js';
import type { SmartBackendConfig } from '../../server/partner/endpoint-config.js';
import { SmartBackendGrant } from '../../server/partner/smart-backend-grant.js';
import { startFakeAad, type FakeAad } from '../support/fake-aad.js';
import { diagnosticsOf, startRoundsFor, type RoundsForPartner } from '../support/rounds-for-partner.js';
import { rowPatientIds, rowsThrough } from '../support/rows-through.js';

const CLIENT_ID = 'rounds-test-backend';
const TENANT = DEMO_TENANT_R4_ID;

let partner: RunningDemoPartner;
let hospital: RunningSmartHospital;
let aad: FakeAad;
let dir: string;
const started: RoundsForPartner[] = [];

const ecKey = (): KeyObject => generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey;
function keyFile(name: string, key: KeyObject): string {
  const file = join(dir, name);
  writeFileSync(file, key.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  return file;
}

interface KeyRef {
  keyId: string;
  alg: 'ES384' | 'RS384';
  privateKeyFile: string;
}

async function roundsSigningWith(key: KeyRef, publishedKeys: KeyRef[] = []): Promise<RoundsForPartner> {
  const rounds = await startRoundsFor({
    aad,
    routes: { [TENANT]: { auth: 'smart-backend', fhirUrl: hospital.url, clientId: CLIENT_ID, ...key, publishedKeys } },
  });
  started.push(rounds);
  return rounds;
}

let keyA: KeyRef;
let keyB: KeyRef;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'smart-backend-'));
  partner = await startDemoPartner({ host: '127.0.0.1', port: 0, patientsPerTenant: 12, hospitals: [{ tenantId: TENANT }] });
  hospital = partner.hospitals[0]!;
  aad = await startFakeAad();
  keyA = { keyId: 'rounds-a', alg: 'ES384', privateKeyFile: keyFile('a.pem', ecKey()) };
  keyB = { keyId: 'rounds-b', alg: 'ES384', privateKeyFile: keyFile('b.pem', ecKey()) };
});
afterEach(async () => {
  hospital.setQuirks({});
  await Promise.all(started.splice(0).map((rounds) => rounds.close()));
});
afterAll(async () => {
  await partner.close();
  await aad.close();
});

const samplePatients = (): string[] => partner.tenants.find((t) => t.tenantId === TENANT)!.samplePatientIds.slice(0, 3);

describe('a tenant behind SMART Backend Services', () => {
  test('reads rows with a token got by a signed assertion the hospital verified against the JWKS fetched from Rounds', async () => {
    const rounds = await roundsSigningWith(keyA);
    hospital.registerClient({ clientId: CLIENT_ID, jwksUrl: `${rounds.url}/.well-known/jwks.json` });
    const acceptedBefore = hospital.assertions.accepted;

    const rows = await rowsThrough(rounds.url, aad, TENANT, samplePatients());

    expect(rows.status).toBe(200);
    expect(rowPatientIds(rows)).toEqual(samplePatients());
    expect(hospital.assertions.accepted).toBe(acceptedBefore + 1);
    const connection = await rounds.get('/api/connection', TENANT);
    expect(connection.body).toMatchObject({ mode: 'direct', auth: 'smart-backend', fhirVersion: 'R4' });
  });

  test('publishes the signing key and the next key, public halves only', async () => {
    const rounds = await roundsSigningWith(keyA, [keyB]);
    const res = await fetch(`${rounds.url}/.well-known/jwks.json`);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const { keys } = (await res.json()) as { keys: Record<string, unknown>[] };
    expect(keys.map((k) => [k.kid, k.alg, k.use, k.crv])).toEqual([
      ['rounds-a', 'ES384', 'sig', 'P-384'],
      ['rounds-b', 'ES384', 'sig', 'P-384'],
    ]);
    expect(keys.every((k) => !('d' in k))).toBe(true);
  });

  test('rotates keys without a failed request: old and new instances sign with different published keys', async () => {
    // The deployment publishes both keys; the old instances still sign with A while new ones sign with B.
    const old = await roundsSigningWith(keyA, [keyB]);
    const rotated = await roundsSigningWith(keyB, [keyA]);
    hospital.registerClient({ clientId: CLIENT_ID, jwksUrl: `${old.url}/.well-known/jwks.json` });
    const refusedBefore = hospital.assertions.refused.length;

    const [fromOld, fromRotated] = await Promise.all([
      rowsThrough(old.url, aad, TENANT, samplePatients()),
      rowsThrough(rotated.url, aad, TENANT, samplePatients()),
    ]);

    expect([fromOld.status, fromRotated.status]).toEqual([200, 200]);
    expect(hospital.assertions.refused.length).toBe(refusedBefore);
  });

  test('an EHR that does not know our key refuses the assertion, and Rounds answers a 502 that says what to check', async () => {
    const elsewhere = await roundsSigningWith(keyB);
    const rounds = await roundsSigningWith(keyA);
    // The EHR was given another deployment's JWKS URL: kid rounds-a is not in it.
    hospital.registerClient({ clientId: CLIENT_ID, jwksUrl: `${elsewhere.url}/.well-known/jwks.json` });

    const answer = await rounds.get('/api/patients?family=a', TENANT);

    expect(answer.status).toBe(502);
    expect(diagnosticsOf(answer.body)).toMatch(/refused our signed assertion \(invalid_client\): check that client rounds-test-backend is registered there with Rounds' JWKS URL/);
    expect(diagnosticsOf(answer.body)).toContain('key rounds-a');
    expect(hospital.assertions.refused.at(-1)).toBe("The client's JWKS has no key rounds-a");
  });

  test.each([
    ['an EHR clock ten minutes ahead finds the assertion expired', { clockSkewSeconds: 600 }, 'The assertion has expired'],
    ['an EHR that expects another token URL as audience refuses the aud', { audience: 'https://ehr.example.org/oauth2/token' }, 'The assertion\'s aud claim is not valid'],
  ])('%s, and Rounds answers a clear 502', async (_name, quirks, reason) => {
    const rounds = await roundsSigningWith(keyA);
    hospital.registerClient({ clientId: CLIENT_ID, jwksUrl: `${rounds.url}/.well-known/jwks.json` });
    hospital.setQuirks(quirks);

    const answer = await rounds.get('/api/patients?family=a', TENANT);

    expect(answer.status).toBe(502);
    expect(diagnosticsOf(answer.body)).toMatch(/refused our signed assertion \(invalid_client\)/);
    expect(hospital.assertions.refused.at(-1)).toBe(reason);
    expect(rounds.logs.join('\n')).toContain(reason);
  });

  test('refuses a server whose smart-configuration takes no signed assertions, naming private_key_jwt', async () => {
    // The partner's own endpoint takes client secrets only.
    const rounds = await startRoundsFor({
      aad,
      routes: { [TENANT]: { auth: 'smart-backend', fhirUrl: partner.url, clientId: CLIENT_ID, ...keyA } },
    });
    started.push(rounds);
    const answer = await rounds.get('/api/patients?family=a', TENANT);
    expect(answer.status).toBe(503);
    expect(diagnosticsOf(answer.body)).toMatch(/does not accept signed assertions .*private_key_jwt/);
  });
});

describe('the SMART Backend Services grant', () => {
  function grant(key: KeyObject, options: { newJti?: () => string; now?: () => number } = {}): SmartBackendGrant {
    const config: SmartBackendConfig = {
      auth: 'smart-backend',
      fhirUrl: hospital.url,
      clientId: CLIENT_ID,
      key: { keyId: 'grant-key', alg: 'ES384', privateKey: key },
      publishedKeys: [],
    };
    return new SmartBackendGrant({ config, logger: createLogger('silent'), who: 'The FHIR server', timeoutMs: 5_000, ...options });
  }

  let jwksServer: RoundsForPartner;
  const key = ecKey();
  beforeAll(async () => {
    // Any Rounds publishing this key serves as the client's JWKS URL.
    jwksServer = await startRoundsFor({
      aad,
      routes: { [TENANT]: { auth: 'smart-backend', fhirUrl: hospital.url, clientId: CLIENT_ID, keyId: 'grant-key', alg: 'ES384', privateKeyFile: keyFile('grant.pem', key) } },
    });
  });
  afterAll(() => jwksServer.close());

  test('sends a fresh jti with each assertion, so two token requests in a row both succeed', async () => {
    hospital.registerClient({ clientId: CLIENT_ID, jwksUrl: `${jwksServer.url}/.well-known/jwks.json` });
    const g = grant(key);
    const first = await g.request();
    const second = await g.request();
    expect(first.accessToken).not.toBe(second.accessToken);
    const [a, b] = hospital.assertions.jtis.slice(-2);
    expect(a).not.toBe(b);
  });

  test('a replayed jti is refused by the EHR and reported as a 502', async () => {
    hospital.registerClient({ clientId: CLIENT_ID, jwksUrl: `${jwksServer.url}/.well-known/jwks.json` });
    const g = grant(key, { newJti: () => 'always-the-same-jti' });
    await g.request();
    const error = await g.request().catch((e: unknown) => e);
    expect(isApiError(error) && error.status).toBe(502);
    expect(hospital.assertions.refused.at(-1)).toBe('The assertion jti was already used');
  });

  test('signs iss = sub = client id, aud = the discovered token URL, and exp under five minutes', async () => {
    hospital.registerClient({ clientId: CLIENT_ID, jwksUrl: `${jwksServer.url}/.well-known/jwks.json` });
    const now = Date.now();
    const assertion = await grant(key, { now: () => now }).assertion(hospital.tokenUrl);
    const [header, payload] = assertion.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>);
    expect(header).toEqual({ alg: 'ES384', kid: 'grant-key', typ: 'JWT' });
    expect(payload).toMatchObject({ iss: CLIENT_ID, sub: CLIENT_ID, aud: hospital.tokenUrl });
    expect(Number(payload!.exp) - Math.floor(now / 1000)).toBeLessThanOrEqual(300);
    expect(Number(payload!.exp)).toBeGreaterThan(Math.floor(now / 1000));
  });
});
