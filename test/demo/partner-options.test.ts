import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  startDemoPartner,
  DEMO_TENANT_R4_ID,
  DEMO_TENANT_STU3_ID,
  type RunningDemoPartner,
} from '../../server/demo/demo-partner.js';
import { fhirGet, patientQueries, postBatch, tenantOf, tokenFor } from './helpers.js';

describe('request counting', () => {
  let partner: RunningDemoPartner;
  beforeAll(async () => {
    partner = await startDemoPartner({ host: '127.0.0.1', port: 0, patientsPerTenant: 10 });
  });
  afterAll(() => partner.close());

  test('counts token requests, FHIR round trips and batches per tenant, until reset', async () => {
    const token = await tokenFor(partner, DEMO_TENANT_R4_ID);
    await fhirGet(partner, undefined, 'metadata');
    await fhirGet(partner, token, `Patient/${tenantOf(partner, 'R4').patientIds[0]!}`);
    const id = tenantOf(partner, 'R4').patientIds[1]!;
    await postBatch(partner, token, patientQueries('R4', id));

    expect(partner.stats).toMatchObject({
      tokenRequests: 1,
      tokensIssued: 1,
      fhirRequests: 3,
      metadataRequests: 1,
      batchRequests: 1,
      batchEntries: 7,
    });
    expect(partner.stats.perTenant[DEMO_TENANT_R4_ID]).toEqual({ tokenRequests: 1, fhirRequests: 2, batchRequests: 1 });
    expect(partner.stats.perTenant[DEMO_TENANT_STU3_ID]).toEqual({
      tokenRequests: 0,
      fhirRequests: 0,
      batchRequests: 0,
    });
    const last = partner.stats.log.at(-1)!;
    expect(last).toMatchObject({ method: 'POST', path: '/fhir/', tenantId: DEMO_TENANT_R4_ID, status: 200 });
    expect(last.entries).toEqual(patientQueries('R4', id));
    expect(partner.stats.log.map((e) => e.path)).toEqual([
      '/oauth2/token',
      '/fhir/metadata',
      `/fhir/Patient/${tenantOf(partner, 'R4').patientIds[0]!}`,
      '/fhir/',
    ]);

    const stats = partner.stats;
    partner.resetStats();
    expect(stats).toMatchObject({ tokenRequests: 0, fhirRequests: 0, batchRequests: 0, log: [] });
    expect(stats.perTenant[DEMO_TENANT_R4_ID]).toEqual({ tokenRequests: 0, fhirRequests: 0, batchRequests: 0 });
  });
});

describe('a partner without batch', () => {
  let partner: RunningDemoPartner;
  beforeAll(async () => {
    partner = await startDemoPartner({ host: '127.0.0.1', port: 0, patientsPerTenant: 6, isBatchSupported: false });
  });
  afterAll(() => partner.close());

  test('answers a batch with 405 and does not declare batch in its capability statements', async () => {
    const token = await tokenFor(partner, DEMO_TENANT_STU3_ID);
    const { status, body } = await postBatch(partner, token, ['Patient?_count=1']);
    expect(status).toBe(405);
    expect(body.resourceType).toBe('OperationOutcome');
    expect((await fhirGet(partner, token, 'metadata')).body.rest[0].interaction).toBeUndefined();
    expect((await fhirGet(partner, undefined, 'metadata')).body.rest[0].interaction).toBeUndefined();
    expect((await fhirGet(partner, token, 'Patient?_count=1')).status).toBe(200);
  });
});

describe('a slow partner', () => {
  let partner: RunningDemoPartner;
  beforeAll(async () => {
    partner = await startDemoPartner({ host: '127.0.0.1', port: 0, patientsPerTenant: 4, delayMs: 150 });
  });
  afterAll(() => partner.close());

  test('adds delayMs to every request, token requests included', async () => {
    let started = performance.now();
    const token = await tokenFor(partner, DEMO_TENANT_R4_ID);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    started = performance.now();
    expect((await fhirGet(partner, token, 'Patient?_count=1')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('startDemoPartner', () => {
  test('offers two clinicians per tenant and describes each tenant', async () => {
    const partner = await startDemoPartner({ host: '127.0.0.1', port: 0, patientsPerTenant: 30 });
    await partner.close();
    expect(partner.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/fhir$/);
    expect(partner.tenants.map((t) => t.fhirVersion)).toEqual(['DSTU2', 'STU3', 'R4']);
    for (const tenant of partner.tenants) {
      const users = partner.users.filter((u) => u.tenantId === tenant.tenantId);
      expect(users).toHaveLength(2);
      expect(users.every((u) => u.fhirVersion === tenant.fhirVersion && u.tenantName === tenant.name)).toBe(true);
      expect(tenant.patientIds).toHaveLength(30);
      expect(tenant.samplePatientIds.length).toBeGreaterThanOrEqual(5);
    }
    expect(new Set(partner.users.map((u) => u.userId)).size).toBe(6);
  });
});

describe('the EHR at work', () => {
  test.each(['DSTU2', 'STU3', 'R4'] as const)('a vital recorded now is the newest one every later %s search finds', async (version) => {
    const partner = await startDemoPartner({ host: '127.0.0.1', port: 0 });
    try {
      const tenant = tenantOf(partner, version);
      const patientId = tenant.samplePatientIds[0]!;
      const id = partner.recordVital(tenant.tenantId, { patientId, kind: 'heartRate', value: 131 });
      const token = await tokenFor(partner, tenant.tenantId);
      const { body } = await fhirGet(partner, token, `Observation?patient=${patientId}&category=vital-signs&_sort=-date&_count=5`);
      const newest = body.entry[0].resource;
      expect(newest.id).toBe(id);
      expect(newest.valueQuantity.value).toBe(131);
    } finally {
      await partner.close();
    }
  });
});
