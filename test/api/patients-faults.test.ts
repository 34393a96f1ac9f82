// The partner misbehaves: down, slow, rotating its secret, without batch, without a token URL, speaking
// an unknown FHIR version, failing one resource type. Rounds answers clearly and loses no request.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { PatientDetail } from '../../server/wire/contract.js';
import { startFakeAad, TENANT_A, TENANT_B, type FakeAad } from '../support/fake-aad.js';
import { startDemoPartner, type DemoFaults, type DemoPartnerOptions, type RunningDemoPartner } from '../../server/demo/demo-partner.js';
import { partnerCounts } from '../support/partner-counts.js';
import { seededPatients, type PatientSeed } from '../support/partner-records.js';
import { diagnosticsOf, startRoundsFor, type RoundsForPartner, type RoundsSetup } from '../support/rounds-for-partner.js';

let aad: FakeAad;
const opened: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  aad = await startFakeAad();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});
afterAll(() => aad.close());

const dataA: PatientSeed[] = [{ id: 'a1', family: 'Alder', given: 'Ann', mrn: 'MRN-A1' }];
const dataB: PatientSeed[] = [{ id: 'b1', family: 'Birch', given: 'Bea', mrn: 'MRN-B1' }];

interface PartnerSetup {
  faults?: DemoFaults;
  secrets?: string[];
  delayMs?: number;
  tenants?: Record<string, PatientSeed[]>;
  clientId?: DemoPartnerOptions['clientId'];
}

/** A demo partner serving the Azure AD tenants (R4, only these patients), accepting secret-1 unless told. */
async function partnerWith(setup: PartnerSetup = {}): Promise<RunningDemoPartner> {
  const tenants = setup.tenants ?? { [TENANT_A]: dataA, [TENANT_B]: dataB };
  const partner = await startDemoPartner({
    host: '127.0.0.1',
    port: 0,
    patientsPerTenant: 1,
    delayMs: setup.delayMs,
    clientId: setup.clientId,
    emptyTenants: Object.keys(tenants).map((tenantId) => ({ tenantId, name: tenantId, fhirVersion: 'R4' as const })),
  });
  for (const [tenantId, seeds] of Object.entries(tenants)) partner.addRecords(tenantId, seededPatients(seeds));
  partner.setClientSecrets(setup.secrets ?? ['secret-1']);
  partner.setFaults(setup.faults ?? {});
  opened.push(partner);
  return partner;
}

async function roundsWith(partner: RunningDemoPartner | undefined, extra: Partial<RoundsSetup> = {}): Promise<RoundsForPartner> {
  const rounds = await startRoundsFor({
    aad,
    partner: partner && { url: partner.url, clientId: partner.clientId, secret: 'secret-1' },
    ...extra,
  });
  opened.push(rounds);
  return rounds;
}

describe('an unreachable or slow partner', () => {
  test('answers 502 "could not be reached" when the partner is down', async () => {
    const partner = await partnerWith();
    const rounds = await roundsWith(partner);
    await partner.close();
    const { status, body } = await rounds.get('/api/patients/a1', TENANT_A);
    expect(status).toBe(502);
    expect(diagnosticsOf(body)).toBe('The partner could not be reached');
  });

  test('answers 504 with the timeout when the partner is too slow', async () => {
    const partner = await partnerWith({ delayMs: 600 });
    const rounds = await roundsWith(partner, { tuning: { tokenTimeoutMs: 200, fhirTimeoutMs: 200 } });
    const { status, body } = await rounds.get('/api/patients/a1', TENANT_A);
    expect(status).toBe(504);
    expect(diagnosticsOf(body)).toBe('The partner did not answer within 0.2 s');
  });

  test('answers 504 when only the FHIR reads are too slow', async () => {
    const partner = await partnerWith({ delayMs: 150 });
    const rounds = await roundsWith(partner, { tuning: { tokenTimeoutMs: 2_000, fhirTimeoutMs: 100 } });
    const { status, body } = await rounds.get('/api/connection', TENANT_A);
    expect(status).toBe(504);
    expect(diagnosticsOf(body)).toBe('The partner did not answer within 0.1 s');
  });
});

describe('secret rotation', () => {
  test('no request fails when the partner stops accepting the first secret mid-run', async () => {
    const partner = await partnerWith({ secrets: ['secret-1', 'secret-2'] });
    const rounds = await roundsWith(undefined, {
      partner: { url: partner.url, clientId: partner.clientId, secret: 'secret-1', secretNext: 'secret-2' },
    });
    const statuses: number[] = [];
    const wave = async (): Promise<void> => {
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) => rounds.get(i % 2 ? '/api/patients/a1' : '/api/patients/b1', i % 2 ? TENANT_A : TENANT_B)),
      );
      statuses.push(...answers.map((a) => a.status));
    };
    await wave();
    // The partner invalidates the old secret and every token made with it.
    partner.setClientSecrets(['secret-2']);
    partner.revokeTokens();
    await Promise.all([wave(), wave()]);
    await wave();
    expect(statuses).toHaveLength(40);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const warnings = rounds.logs.filter((l) => l.includes('invalid_client'));
    expect(warnings).toHaveLength(1);
    expect(rounds.logs.join('\n')).not.toMatch(/secret-1|secret-2/);
  });
});

describe('batch and its fallback', () => {
  test('reads the detail with single GETs when the server declares no batch', async () => {
    const partner = await partnerWith({ faults: { noBatch: true } });
    const rounds = await roundsWith(partner);
    const { status, body } = await rounds.get('/api/patients/a1', TENANT_A);
    expect(status).toBe(200);
    const detail = body as unknown as PatientDetail;
    expect(detail.encounter?.location).toBe('Ward 1, Room a1');
    expect(detail.vitals).toHaveLength(1);
    expect(detail.coverage).toHaveLength(1);
    expect(partnerCounts(partner).batchRequests).toBe(0);
    // Patient, Encounter, Condition, Observation (vital signs, then labs), AllergyIntolerance, MedicationRequest, Coverage.
    expect(partnerCounts(partner).fhirRequests).toBe(8);
  });

  test('falls back to single GETs, and stays with them, when a declared batch is refused with 405', async () => {
    const partner = await partnerWith({ faults: { refusesBatch: true } });
    const rounds = await roundsWith(partner);
    expect((await rounds.get('/api/patients/a1', TENANT_A)).status).toBe(200);
    expect(partnerCounts(partner).fhirRequests).toBe(1 + 8);
    partner.resetStats();
    expect((await rounds.get('/api/patients/a1', TENANT_A)).status).toBe(200);
    expect(partnerCounts(partner).fhirRequests).toBe(8);
  });

  test('shows the rest of the detail with an issue line when one resource type fails', async () => {
    const partner = await partnerWith({ faults: { failingTypes: { Coverage: 404, Condition: 500 } } });
    const rounds = await roundsWith(partner);
    const { status, body } = await rounds.get('/api/patients/a1', TENANT_A);
    expect(status).toBe(200);
    const detail = body as unknown as PatientDetail;
    expect(detail.issues.sort()).toEqual(['Condition: 500 from the EHR', 'Coverage: 404 from the EHR']);
    expect(detail.allergies).toHaveLength(1);
    expect(detail.coverage).toEqual([]);
  });
});

describe('discovery and versions', () => {
  test('finds the token URL through smart-configuration when the metadata has none', async () => {
    const partner = await partnerWith({ faults: { discovery: 'smart-configuration' } });
    const rounds = await roundsWith(partner);
    expect((await rounds.get('/api/patients/a1', TENANT_A)).status).toBe(200);
  });

  test('answers 503 saying the partner publishes no token URL', async () => {
    const partner = await partnerWith({ faults: { discovery: 'none' } });
    const rounds = await roundsWith(partner);
    const { status, body } = await rounds.get('/api/patients/a1', TENANT_A);
    expect(status).toBe(503);
    expect(diagnosticsOf(body)).toMatch(/publishes no token URL/);
  });

  test('answers 502 naming a FHIR version Rounds does not read', async () => {
    const partner = await partnerWith({ faults: { fhirVersion: '5.0.0' } });
    const rounds = await roundsWith(partner);
    const { status, body } = await rounds.get('/api/connection', TENANT_A);
    expect(status).toBe(502);
    expect(diagnosticsOf(body)).toMatch(/speaks FHIR 5\.0\.0, which Rounds does not read/);
  });
});

describe('tenant routes', () => {
  test('a routed tenant uses its own endpoint and credentials; the others still use the partner', async () => {
    const partner = await partnerWith();
    const own = await partnerWith({ tenants: { [TENANT_B]: [{ id: 'own1', family: 'Oak', given: 'Ola', mrn: 'MRN-O1' }] }, clientId: 'hospital-b', secrets: ['b-secret'] });
    const rounds = await roundsWith(partner, {
      routes: { [TENANT_B]: { fhirUrl: own.url, clientId: 'hospital-b', clientSecret: 'b-secret' } },
    });
    expect((await rounds.get('/api/connection', TENANT_B)).body).toMatchObject({ mode: 'direct', fhirVersion: 'R4' });
    expect((await rounds.get('/api/patients/own1', TENANT_B)).status).toBe(200);
    expect((await rounds.get('/api/patients/b1', TENANT_B)).status).toBe(404);
    expect((await rounds.get('/api/connection', TENANT_A)).body).toMatchObject({ mode: 'partner' });
    expect(partnerCounts(partner).tokenScopes).toEqual([TENANT_A]);
    expect(partnerCounts(own).tokenScopes).toEqual([TENANT_B]);
  });

  test('answers 503 for a tenant with neither a route nor a partner', async () => {
    const own = await partnerWith({ tenants: { [TENANT_B]: dataB } });
    const rounds = await roundsWith(undefined, {
      routes: { [TENANT_B]: { fhirUrl: own.url, clientId: own.clientId, clientSecret: 'secret-1' } },
    });
    const { status, body } = await rounds.get('/api/patients/a1', TENANT_A);
    expect(status).toBe(503);
    expect(diagnosticsOf(body)).toMatch(/No FHIR endpoint is configured/);
    expect((await rounds.get('/api/patients/b1', TENANT_B)).status).toBe(200);
  });
});
