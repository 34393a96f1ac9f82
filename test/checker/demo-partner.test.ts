// The checker against the embedded demo partner, which follows the spec in all three FHIR versions.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDemoPartner, type RunningDemoPartner } from '../../server/demo/demo-partner.js';
import { runConformanceChecks, type CheckResult } from '../../scripts/check-partner/run.js';

let partner: RunningDemoPartner;
beforeAll(async () => {
  partner = await startDemoPartner({ host: '127.0.0.1', port: 0 });
});
afterAll(() => partner.close());

const notPassed = (results: CheckResult[]): CheckResult[] => results.filter((r) => r.status !== 'pass');

describe('the checker against the demo partner', () => {
  test.each(['DSTU2', 'STU3', 'R4'] as const)('passes every check for the %s tenant', async (version) => {
    const tenant = partner.tenants.find((t) => t.fhirVersion === version)!;
    const results = await runConformanceChecks({
      url: partner.url,
      clientId: partner.clientId,
      clientSecret: partner.clientSecret,
      tenant: tenant.tenantId,
      patientId: tenant.samplePatientIds[0],
    });
    expect(notPassed(results)).toEqual([]);
    expect(results.find((r) => r.id === 'metadata.fhir-version')?.reason).toMatch(new RegExp(`^${version} `));
    expect(results).toHaveLength(31);
  });

  test('sends each version its own query forms (DSTU2 MedicationOrder, family:contains, _sort:desc)', async () => {
    const tenant = partner.tenants.find((t) => t.fhirVersion === 'DSTU2')!;
    const results = await runConformanceChecks({
      url: partner.url,
      clientId: partner.clientId,
      clientSecret: partner.clientSecret,
      tenant: tenant.tenantId,
      patientId: tenant.samplePatientIds[0],
    });
    const names = results.map((r) => r.name);
    expect(names).toContain('Patient/_search by family:contains');
    expect(names).toContain('GET MedicationOrder?patient=Patient/<id>&_count=50');
    expect(names).toContain('GET Encounter?patient=Patient/<id>&_sort:desc=date&_count=1');
    expect(names).toContain('GET Coverage?subscriber=Patient/<id>');
  });

  test('finds a test patient by itself when none is named', async () => {
    const tenant = partner.tenants.find((t) => t.fhirVersion === 'R4')!;
    const results = await runConformanceChecks({
      url: partner.url,
      clientId: partner.clientId,
      clientSecret: partner.clientSecret,
      tenant: tenant.tenantId,
    });
    expect(notPassed(results)).toEqual([]);
  });

  test('reports a refused secret after the partner rotated it away', async () => {
    const rotated = await startDemoPartner({ host: '127.0.0.1', port: 0, patientsPerTenant: 5 });
    try {
      rotated.setClientSecrets(['the-new-secret']);
      const results = await runConformanceChecks({
        url: rotated.url,
        clientId: rotated.clientId,
        clientSecret: rotated.clientSecret,
        tenant: rotated.tenants[0]!.tenantId,
      });
      expect(results.find((r) => r.id === 'token.grant')).toEqual({
        id: 'token.grant',
        name: 'Client credentials give a token for the tenant',
        status: 'fail',
        reason: 'refused with 401 invalid_client: check the client id and PARTNER_CLIENT_SECRET',
      });
    } finally {
      await rotated.close();
    }
  });

  test('fails the batch checks against the demo partner without batch', async () => {
    const noBatch = await startDemoPartner({ host: '127.0.0.1', port: 0, isBatchSupported: false, patientsPerTenant: 5 });
    try {
      const results = await runConformanceChecks({
        url: noBatch.url,
        clientId: noBatch.clientId,
        clientSecret: noBatch.clientSecret,
        tenant: noBatch.tenants[1]!.tenantId,
      });
      expect(notPassed(results).map((r) => [r.id, r.reason?.slice(0, 12)])).toEqual([
        ['batch.base', 'answered 405'],
        ['batch.base-slash', 'answered 405'],
      ]);
    } finally {
      await noBatch.close();
    }
  });
});
