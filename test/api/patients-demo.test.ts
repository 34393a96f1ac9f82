// The embedded demo partner reached through exactly the production code path: a demo patient's detail
// in each FHIR version, its cost in round trips, and demo mode wired by startRounds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FhirVersion, PatientDetail } from '../../server/wire/contract.js';
import { startRounds } from '../../server/bootstrap.js';
import { loadConfig } from '../../server/config.js';
import { startDemoPartner, type RunningDemoPartner } from '../../server/demo/demo-partner.js';
import { createLogger } from '../../server/logger.js';
import { FAKE_CLIENT_ID, startFakeAad, type FakeAad } from '../support/fake-aad.js';
import { startRoundsFor, type RoundsForPartner } from '../support/rounds-for-partner.js';

let aad: FakeAad;
let demo: RunningDemoPartner;
let rounds: RoundsForPartner;

beforeAll(async () => {
  aad = await startFakeAad();
  demo = await startDemoPartner({ host: '127.0.0.1', port: 0 });
  rounds = await startRoundsFor({ aad, partner: { url: demo.url, clientId: demo.clientId, secret: demo.clientSecret } });
});
afterAll(async () => {
  await rounds.close();
  await demo.close();
  await aad.close();
});

function tenantOf(version: FhirVersion): { tenantId: string; patientId: string } {
  const tenant = demo.tenants.find((t) => t.fhirVersion === version);
  if (!tenant?.samplePatientIds[0]) throw new Error(`the demo partner has no complete ${version} patient`);
  return { tenantId: tenant.tenantId, patientId: tenant.samplePatientIds[0] };
}

describe.each(['DSTU2', 'STU3', 'R4'] as const)('a demo patient in %s', (version) => {
  test('shows location, conditions, blood pressure with both components, allergies, medications and coverage', async () => {
    const { tenantId, patientId } = tenantOf(version);
    const { status, body } = await rounds.get(`/api/patients/${patientId}`, tenantId);
    expect(status).toBe(200);
    const detail = body as unknown as PatientDetail;
    expect(detail.patient.id).toBe(patientId);
    expect(detail.patient.mrn).toMatch(/\S/);
    expect(detail.encounter?.location).toMatch(/\S/);
    expect(detail.conditions.length).toBeGreaterThan(0);
    const bp = detail.vitals.find((v) => v.components.some((c) => c.code === '8480-6'));
    expect(bp?.components.map((c) => c.code).sort()).toEqual(['8462-4', '8480-6']);
    expect(bp?.components.every((c) => typeof c.value === 'number')).toBe(true);
    expect(detail.allergies.length).toBeGreaterThan(0);
    expect(detail.medications.length).toBeGreaterThan(0);
    expect(detail.medications.every((m) => m.name.length > 0)).toBe(true);
    expect(detail.coverage.length).toBeGreaterThan(0);
    expect(detail.issues).toEqual([]);
  });

  test('costs one batch round trip, plus one token and one metadata read for the tenant the first time', async () => {
    const { tenantId, patientId } = tenantOf(version);
    const before = { ...demo.stats.perTenant[tenantId]! };
    await rounds.get(`/api/patients/${patientId}`, tenantId);
    const after = demo.stats.perTenant[tenantId]!;
    expect(after.batchRequests - before.batchRequests).toBe(1);
    expect(after.fhirRequests - before.fhirRequests).toBe(1);
    expect(after.tokenRequests - before.tokenRequests).toBe(0);
    // Over the whole run: one token and one tenant metadata read, however many details were read.
    expect(after.tokenRequests).toBe(1);
    expect(after.fhirRequests - after.batchRequests).toBe(1);
  });

  test('answers the connection with the version of the tenant', async () => {
    const { tenantId } = tenantOf(version);
    const { body } = await rounds.get('/api/connection', tenantId);
    expect(body).toMatchObject({ mode: 'partner', fhirVersion: version, resources: { Patient: true, Coverage: true } });
  });
});

describe('a demo partner without batch', () => {
  test('answers the same detail through single GETs', async () => {
    const plain = await startDemoPartner({ host: '127.0.0.1', port: 0, isBatchSupported: false });
    const through = await startRoundsFor({ aad, partner: { url: plain.url, clientId: plain.clientId, secret: plain.clientSecret } });
    try {
      const { tenantId, patientId } = tenantOf('R4');
      const withBatch = (await rounds.get(`/api/patients/${patientId}`, tenantId)).body;
      const before = { ...plain.stats.perTenant[tenantId]! };
      const { status, body } = await through.get(`/api/patients/${patientId}`, tenantId);
      expect(status).toBe(200);
      expect(body).toEqual(withBatch);
      const after = plain.stats.perTenant[tenantId]!;
      expect(after.batchRequests).toBe(0);
      // The tenant's metadata read, then Patient and the seven patient-scoped searches.
      expect(after.fhirRequests - before.fhirRequests).toBe(1 + 8);
    } finally {
      await through.close();
      await plain.close();
    }
  });
});

describe('demo mode started by startRounds', () => {
  test('serves the demo partner as mode "demo" to demo tokens and, with AAD_CLIENT_ID set, to Azure AD tokens', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rounds-demo-test-'));
    const started = await startRounds(
      loadConfig({
        NODE_ENV: 'test',
        DEMO: '1',
        PORT: '0',
        AAD_CLIENT_ID: FAKE_CLIENT_ID,
        AAD_AUTHORITY: aad.authority,
        DATABASE_URL: `sqlite:${join(dir, 'rounds.db')}`,
      }),
      { logger: createLogger('silent'), tabDir: '/nonexistent' },
    );
    try {
      const { users } = (await (await fetch(`${started.url}/api/demo/users`)).json()) as {
        users: { userId: string; tenantId: string; fhirVersion: FhirVersion }[];
      };
      const user = users.find((u) => u.fhirVersion === 'STU3')!;
      const signIn = await fetch(`${started.url}/api/demo/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: user.userId }),
      });
      const { token } = (await signIn.json()) as { token: string };
      const viaDemo = await fetch(`${started.url}/api/connection`, { headers: { authorization: `Bearer ${token}` } });
      expect(await viaDemo.json()).toMatchObject({ mode: 'demo', fhirVersion: 'STU3' });

      const aadToken = await aad.mint({ claims: { tid: user.tenantId } });
      const viaAad = await fetch(`${started.url}/api/patients?gender=female&count=3`, {
        headers: { authorization: `Bearer ${aadToken}` },
      });
      expect(viaAad.status).toBe(200);
      const found = (await viaAad.json()) as { patients: { id: string }[] };
      expect(found.patients.length).toBeGreaterThan(0);
      const detail = await fetch(`${started.url}/api/patients/${found.patients[0]!.id}`, {
        headers: { authorization: `Bearer ${aadToken}` },
      });
      expect(detail.status).toBe(200);
    } finally {
      await started.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('reaches the R4 demo hospital through SMART Backend Services, with the key Rounds made and publishes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rounds-demo-test-'));
    const started = await startRounds(loadConfig({ NODE_ENV: 'test', DEMO: '1', PORT: '0', DATABASE_URL: `sqlite:${join(dir, 'rounds.db')}` }), {
      logger: createLogger('silent'),
      tabDir: '/nonexistent',
    });
    try {
      const { keys } = (await (await fetch(`${started.url}/.well-known/jwks.json`)).json()) as { keys: Record<string, unknown>[] };
      expect(keys.map((k) => [k.kid, k.alg, k.use, 'd' in k])).toEqual([['rounds-demo-es384', 'ES384', 'sig', false]]);
      const { users } = (await (await fetch(`${started.url}/api/demo/users`)).json()) as { users: { userId: string; fhirVersion: FhirVersion }[] };
      const auths: Record<string, unknown>[] = [];
      for (const version of ['DSTU2', 'STU3', 'R4'] as const) {
        const user = users.find((u) => u.fhirVersion === version)!;
        const signIn = await fetch(`${started.url}/api/demo/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ userId: user.userId }),
        });
        const { token } = (await signIn.json()) as { token: string };
        const headers = { authorization: `Bearer ${token}` };
        auths.push((await (await fetch(`${started.url}/api/connection`, { headers })).json()) as Record<string, unknown>);
        expect((await fetch(`${started.url}/api/patients?gender=female&count=3`, { headers })).status).toBe(200);
      }
      expect(auths.map((a) => [a.fhirVersion, a.auth])).toEqual([
        ['DSTU2', 'partner-secret'],
        ['STU3', 'partner-secret'],
        ['R4', 'smart-backend'],
      ]);
    } finally {
      await started.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
