import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { FAKE_CLIENT_ID, startFakeAad, TENANT_A, TENANT_B, type FakeAad } from '../support/fake-aad.js';
import { startDemoPartner, type RunningDemoPartner } from '../../server/demo/demo-partner.js';
import { partnerCounts } from '../support/partner-counts.js';
import { seededPatients } from '../support/partner-records.js';
import { diagnosticsOf, startRoundsFor, type RoundsForPartner } from '../support/rounds-for-partner.js';
import type { PatientDetail, PatientSearchResult } from '../../server/wire/contract.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../server/lists/open-sqlite.js';
import { loadConfig } from '../../server/config.js';
import { createEhr } from '../../server/fhir/create-ehr.js';
import { createLogger } from '../../server/logger.js';
import { startTestApp, TEST_DEMO_USERS } from '../support/app.js';

let aad: FakeAad;
let partner: RunningDemoPartner;
let rounds: RoundsForPartner;
const stats = (): ReturnType<typeof partnerCounts> => partnerCounts(partner);

beforeAll(async () => {
  aad = await startFakeAad();
  // The two Azure AD tenants as tenants of the demo partner, each an R4 server holding only these patients.
  partner = await startDemoPartner({
    host: '127.0.0.1',
    port: 0,
    patientsPerTenant: 1,
    emptyTenants: [
      { tenantId: TENANT_A, name: 'Tenant A', fhirVersion: 'R4' },
      { tenantId: TENANT_B, name: 'Tenant B', fhirVersion: 'R4' },
    ],
  });
  partner.addRecords(
    TENANT_A,
    seededPatients([
      { id: 'a1', family: 'Alder', given: 'Ann', mrn: 'MRN-A1' },
      { id: 'a2', family: 'Alder', given: 'Abe', mrn: 'MRN-A2', isLocationDisplayMissing: true },
    ]),
  );
  partner.addRecords(TENANT_B, seededPatients([{ id: 'b1', family: 'Birch', given: 'Bea', mrn: 'MRN-B1' }]));
  rounds = await startRoundsFor({ aad, partner: { url: partner.url, clientId: partner.clientId, secret: partner.clientSecret } });
});
afterAll(async () => {
  await rounds.close();
  await partner.close();
  await aad.close();
});
beforeEach(() => partner.resetStats());

describe('GET /api/patients/:id', () => {
  test('answers the full detail from one batch round trip', async () => {
    const { status, body } = await rounds.get('/api/patients/a1', TENANT_A);
    expect(status).toBe(200);
    const detail = body as unknown as PatientDetail;
    expect(detail.patient).toMatchObject({ id: 'a1', family: 'Alder', mrn: 'MRN-A1' });
    expect(detail.encounter?.location).toBe('Ward 1, Room a1');
    expect(detail.conditions.map((c) => c.text)).toEqual(['Hypertensive disorder']);
    const bp = detail.vitals.find((v) => v.code === '85354-6');
    expect(bp?.components.map((c) => [c.code, c.value])).toEqual([
      ['8480-6', 128],
      ['8462-4', 82],
    ]);
    expect(detail.allergies.map((a) => a.substance)).toEqual(['Penicillin']);
    expect(detail.medications.map((m) => m.name)).toEqual(['Amlodipine 5 mg tablet']);
    expect(detail.coverage.map((c) => c.payor)).toEqual(['Invented Health Plan']);
    expect(detail.issues).toEqual([]);
    // The first call of the tenant also got a token and read the tenant's capability statement.
    expect(stats().fhirRequests).toBe(1);
    expect(stats().batchRequests).toBe(1);
  });

  test('costs exactly one FHIR round trip once the token and capabilities are cached', async () => {
    await rounds.get('/api/patients/a1', TENANT_A);
    partner.resetStats();
    expect((await rounds.get('/api/patients/a1', TENANT_A)).status).toBe(200);
    expect(stats()).toMatchObject({ tokenRequests: 0, metadataRequests: 0, fhirRequests: 1, batchRequests: 1 });
  });

  test('reads Location/<id> in one more round trip when the encounter names its location without a display', async () => {
    await rounds.get('/api/patients/a1', TENANT_A);
    partner.resetStats();
    const { status, body } = await rounds.get('/api/patients/a2', TENANT_A);
    expect(status).toBe(200);
    expect((body as unknown as PatientDetail).encounter?.location).toBe('Ward 1, Room a2');
    expect(stats()).toMatchObject({ fhirRequests: 2, batchRequests: 2 });
  });

  test('answers 404 for a patient the EHR does not have', async () => {
    const { status, body } = await rounds.get('/api/patients/nobody', TENANT_A);
    expect(status).toBe(404);
    expect(diagnosticsOf(body)).toBe('Patient not found');
  });

  test('answers 404 for a patient of another tenant', async () => {
    expect((await rounds.get('/api/patients/b1', TENANT_A)).status).toBe(404);
    expect((await rounds.get('/api/patients/b1', TENANT_B)).status).toBe(200);
  });
});

describe('GET /api/patients', () => {
  test('searches by family name and answers summaries with the total', async () => {
    const { status, body } = await rounds.get('/api/patients?family=alder', TENANT_A);
    expect(status).toBe(200);
    const result = body as unknown as PatientSearchResult;
    expect(result.total).toBe(2);
    expect(result.patients.map((p) => p.id).sort()).toEqual(['a1', 'a2']);
  });

  test('searches by MRN', async () => {
    const { body } = await rounds.get('/api/patients?mrn=MRN-A2', TENANT_A);
    expect((body as unknown as PatientSearchResult).patients.map((p) => p.id)).toEqual(['a2']);
  });
});

describe('tokens and tenants', () => {
  test('accepts a token whose audience is the App ID URI /api/client-config advertises, with AAD_APP_ID_URI unset', async () => {
    // v1 tokens carry the App ID URI as audience; the fake signs for this loopback authority, so a v2 issuer here.
    const advertised = ((await (await fetch(`${rounds.url}/api/client-config`)).json()) as { appIdUri?: string }).appIdUri;
    expect(advertised).toBe(`api://localhost:3978/${FAKE_CLIENT_ID}`);
    const token = await aad.mint({ claims: { aud: advertised, tid: TENANT_A } });
    const me = await fetch(`${rounds.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
  });

  test('20 concurrent requests of a new tenant cost exactly one token request and one metadata read', async () => {
    const fresh = await startRoundsFor({ aad, partner: { url: partner.url, clientId: partner.clientId, secret: partner.clientSecret } });
    partner.resetStats();
    const answers = await Promise.all(Array.from({ length: 20 }, () => fresh.get('/api/patients/a1', TENANT_A)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(stats().tokenRequests).toBe(1);
    // One open read to find the token URL, one with the tenant's token for its version.
    expect(stats().metadataRequests).toBe(2);
    await fresh.close();
  });

  test('20 concurrent requests refused with 401 share one fresh token request', async () => {
    await rounds.get('/api/patients/a1', TENANT_A);
    partner.revokeTokens();
    partner.resetStats();
    const token = await aad.mint({ claims: { tid: TENANT_A } });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => fetch(`${rounds.url}/api/patients/a1`, { headers: { authorization: `Bearer ${token}` } })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(stats().tokenRequests).toBe(1);
    // How many were refused depends on timing; every refused one was retried with the one fresh token.
    expect(stats().unauthorized).toBeGreaterThanOrEqual(1);
  });

  test('routes two tenants to their own data, each with a token scoped to it', async () => {
    const [a, b] = await Promise.all([
      rounds.get('/api/patients?family=a', TENANT_A),
      rounds.get('/api/patients?family=b', TENANT_B),
    ]);
    expect((a.body as unknown as PatientSearchResult).patients.map((p) => p.id).sort()).toEqual(['a1', 'a2']);
    expect((b.body as unknown as PatientSearchResult).patients.map((p) => p.id)).toEqual(['b1']);
    expect((await rounds.get('/api/patients?family=birch', TENANT_A)).body).toMatchObject({ patients: [], total: 0 });
    expect((await rounds.get('/api/patients?family=alder', TENANT_B)).body).toMatchObject({ patients: [], total: 0 });
  });

  test('a 401 from the FHIR server drops the token and retries once with a fresh one', async () => {
    await rounds.get('/api/patients/a1', TENANT_A);
    partner.revokeTokens();
    partner.resetStats();
    const { status } = await rounds.get('/api/patients/a1', TENANT_A);
    expect(status).toBe(200);
    expect(stats()).toMatchObject({ tokenRequests: 1, unauthorized: 1, batchRequests: 1 });
    expect(stats().tokenScopes).toEqual([TENANT_A]);
  });
});

describe('GET /api/connection', () => {
  test("answers the tenant's mode, FHIR version and the resource types its server declares", async () => {
    const { status, body } = await rounds.get('/api/connection', TENANT_A);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      mode: 'partner',
      fhirVersion: 'R4',
      resources: { Patient: true, Encounter: true, MedicationRequest: true, Coverage: true, Location: true },
    });
  });
});

describe('bad input answers 400 naming the field', () => {
  test.each([
    ['/api/patients/bad%20id!', /id: must be 1–64 letters/],
    [`/api/patients/${'x'.repeat(65)}`, /id:/],
    ['/api/patients', /at least one of name, family, given, mrn, birthdate, gender/],
    ['/api/patients?birthdate=1970-02-30', /birthdate: is not a real date/],
    ['/api/patients?birthdate=01/02/1970', /birthdate: must be a date written YYYY-MM-DD/],
    ['/api/patients?gender=robot', /gender: must be male, female, other or unknown/],
    ['/api/patients?family=x&count=51', /count: must be at most 50/],
    ['/api/patients?family=x&count=ten', /count:/],
    ['/api/patients?family=x&family=y', /family:/],
    ['/api/patients?family=', /family: must not be empty/],
    ['/api/patients?surname=x', /surname/],
    ['/api/patients?mrn=a%20b', /mrn:/],
  ])('%s', async (path, reason) => {
    const { status, body } = await rounds.get(path, TENANT_A);
    expect(status).toBe(400);
    expect(diagnosticsOf(body)).toMatch(reason);
  });

  test('sends nothing to the partner for a bad request', async () => {
    await rounds.get('/api/patients?gender=robot', TENANT_A);
    expect(stats().fhirRequests + stats().tokenRequests).toBe(0);
  });
});

describe('the audit trail of patient reads', () => {
  test('records a search by the kinds of its criteria and a patient view, never the search terms', async () => {
    const user = TEST_DEMO_USERS[0]!;
    const own = await startDemoPartner({
      host: '127.0.0.1',
      port: 0,
      patientsPerTenant: 1,
      emptyTenants: [{ tenantId: user.tenantId, name: 'Tenant A', fhirVersion: 'R4' }],
    });
    own.addRecords(user.tenantId, seededPatients([{ id: 'x1', family: 'Xu', given: 'Xi', mrn: 'MRN-X1' }]));
    const config = loadConfig({ DEMO: '1', NODE_ENV: 'test', FHIR_CACHE_SECONDS: '0' });
    config.partner = { fhirUrl: own.url, clientId: own.clientId, clientSecret: own.clientSecret };
    const dir = mkdtempSync(join(tmpdir(), 'rounds-audit-'));
    const store = openSqliteStore(join(dir, 'rounds.db'));
    const app = await startTestApp({ config, ehr: createEhr(config, new Map(), createLogger('silent')), store });
    try {
      const headers = { authorization: `Bearer ${await app.tokenFor(user.userId)}` };
      expect((await fetch(`${app.url}/api/patients?family=Xu`, { headers })).status).toBe(200);
      expect((await fetch(`${app.url}/api/patients/x1`, { headers })).status).toBe(200);
      expect((await fetch(`${app.url}/api/patients/nobody`, { headers })).status).toBe(404);
      const db = new Database(join(dir, 'rounds.db'), { readonly: true });
      const events = db.prepare('SELECT type, tenant_id, user_id, patient_id, detail FROM audit_events ORDER BY seq').all();
      db.close();
      expect(events).toEqual([
        { type: 'patient.searched', tenant_id: user.tenantId, user_id: user.userId, patient_id: null, detail: 'family' },
        { type: 'patient.viewed', tenant_id: user.tenantId, user_id: user.userId, patient_id: 'x1', detail: null },
      ]);
      expect(JSON.stringify(events)).not.toMatch(/Xu/);
    } finally {
      await app.close();
      await own.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
