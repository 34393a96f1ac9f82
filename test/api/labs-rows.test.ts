// The labs column over real HTTP: what a 50-patient list with labs costs at the partner (labs join the same batch
// as every other part), the demo EHRs' lab series in DSTU2, STU3 and R4, LAB_CODES, and the patient detail.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FhirResource } from '../../server/fhir/adapters/adapter.js';
import type { Flag, FhirVersion, List, PatientDetail, RowsResponse } from '../../server/wire/contract.js';
import { DEFAULT_LAB_CODES } from '../../server/clinical/lab-ranges.js';
import { partnerData, startListsApp, startListsAppOnDemoPartner, TENANT_A, USER_A, type ListsApp, type ListsDemoApp } from '../support/lists-app.js';

async function newList(app: ListsApp, userId: string, columns: string[]): Promise<List> {
  const res = await app.call(userId, 'POST', '/api/lists', {
    name: 'Labs',
    context: { kind: 'channel', id: `19:${randomUUID()}@thread.tacv2` },
    columns,
  });
  expect(res.status).toBe(201);
  return res.body as List;
}

/** Puts entries straight into the store, as if added earlier: no EHR call. */
async function seed(app: ListsApp, tenantId: string, listId: string, patientIds: readonly string[]): Promise<void> {
  const at = new Date().toISOString();
  for (const patientId of patientIds)
    expect((await app.store.addEntry(tenantId, listId, { id: randomUUID(), patientId, display: patientId, addedBy: 'x', addedAt: at }, 500)).status).toBe('ok');
}

/** Two potassium results and a haemoglobin for a patient of the partner, R4 shapes, the newest a critical one. */
function labsOf(patientId: string): FhirResource[] {
  const laboratory = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }];
  const result = (id: string, code: string, value: number, unit: string, at: string): FhirResource => ({
    resourceType: 'Observation',
    id: `${id}-${patientId}`,
    status: 'final',
    category: laboratory,
    code: { coding: [{ system: 'http://loinc.org', code }] },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: at,
    valueQuantity: { value, unit },
  });
  return [
    result('k-old', '2823-3', 4.4, 'mmol/L', '2026-11-20T06:00:00Z'),
    result('k-new', '2823-3', 6.8, 'mmol/L', '2026-11-21T06:00:00Z'),
    result('hb', '718-7', 131, 'g/L', '2026-11-21T06:00:00Z'),
  ];
}

describe('the cost of a 50-patient list with labs at the partner', () => {
  let app: ListsApp;
  beforeAll(async () => {
    const tenants = partnerData(50);
    const ids = Array.from({ length: 50 }, (_, i) => `a${i + 1}`);
    // 20 ms per request, like a real network: requests sent together overlap at the partner.
    app = await startListsApp({ partner: { tenants: { ...tenants, [TENANT_A]: [...tenants[TENANT_A]!, ...ids.flatMap(labsOf)] }, delayMs: 20 } });
  });
  afterAll(() => app.close());

  test('still costs one FHIR round trip: the labs searches join the batches of the other parts, sent together', async () => {
    const list = await newList(app, USER_A, ['name', 'location', 'vitals', 'news2', 'labs']);
    await seed(app, TENANT_A, list.id, Array.from({ length: 50 }, (_, i) => `a${i + 1}`));
    app.partner!.resetStats();
    const { rows } = (await app.call(USER_A, 'GET', `/api/lists/${list.id}/rows`)).body as RowsResponse;
    expect(rows.filter((r) => r.patient !== undefined && r.issues.length === 0)).toHaveLength(50);
    for (const row of rows) {
      expect(row.labs.map((l) => [l.code, l.value, l.flag, l.effective])).toEqual([
        ['718-7', 131, 'normal', '2026-11-21T06:00:00Z'],
        ['2823-3', 6.8, 'critical-high', '2026-11-21T06:00:00Z'],
      ]);
      expect(row.vitals.length).toBeGreaterThan(0);
    }
    const { stats } = app.partner!;
    // 50 × (Encounter + vital signs + labs) + one Patient search = 151 reads, in 4 batches of at most 50.
    expect(stats.batchSizes.reduce((sum, size) => sum + size, 0)).toBe(151);
    expect(stats.batchRequests).toBe(4);
    expect(stats.fhirRequests).toBe(4);
    expect(stats.roundTrips).toBe(1);
    expect(stats.tokenRequests).toBeLessThanOrEqual(1);
  });

  test('exports the labs cell to CSV with units and flags in words', async () => {
    const list = await newList(app, USER_A, ['name', 'labs']);
    await seed(app, TENANT_A, list.id, ['a1']);
    const res = await app.call(USER_A, 'GET', `/api/lists/${list.id}/export?format=csv`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Haemoglobin 131 g/L; Potassium 6.8 mmol/L (critical-high)');
  });

  test('reads no lab for a list without the labs column', async () => {
    const list = await newList(app, USER_A, ['name', 'vitals']);
    await seed(app, TENANT_A, list.id, ['a1', 'a2']);
    app.partner!.resetStats();
    const { rows } = (await app.call(USER_A, 'GET', `/api/lists/${list.id}/rows`)).body as RowsResponse;
    expect(rows.map((r) => r.labs)).toEqual([[], []]);
    // Vital signs and the Patient search only.
    expect(app.partner!.stats.batchSizes).toEqual([3]);
  });
});

describe('labs over the demo EHRs', () => {
  let demo: ListsDemoApp;
  beforeAll(async () => {
    demo = await startListsAppOnDemoPartner();
  });
  afterAll(() => demo.close());

  function tenantOf(version: FhirVersion): { tenantId: string; userId: string; patientIds: string[] } {
    const tenant = demo.demoPartner.tenants.find((t) => t.fhirVersion === version)!;
    const userId = demo.demoPartner.users.find((u) => u.tenantId === tenant.tenantId)!.userId;
    return { tenantId: tenant.tenantId, userId, patientIds: tenant.patientIds };
  }

  test.each(['DSTU2', 'STU3', 'R4'] as const)(
    '%s: every inpatient has timed, flagged labs in the default order; some abnormal, a few critical',
    async (version) => {
      const { tenantId, userId, patientIds } = tenantOf(version);
      const list = await newList(demo, userId, ['name', 'labs']);
      await seed(demo, tenantId, list.id, patientIds);
      const { rows } = (await demo.call(userId, 'GET', `/api/lists/${list.id}/rows`)).body as RowsResponse;
      const withLabs = rows.filter((r) => r.labs.length > 0);
      expect(withLabs.length).toBeGreaterThan(rows.length / 2);
      for (const row of withLabs) {
        const order = row.labs.map((l) => DEFAULT_LAB_CODES.indexOf(l.code!));
        expect(order.every((index) => index >= 0)).toBe(true);
        expect(order).toEqual([...order].sort((a, b) => a - b));
        for (const lab of row.labs) {
          expect(Date.parse(lab.effective!)).toBeLessThan(Date.now());
          expect(typeof lab.value).toBe('number');
          expect(lab.unit).toBeTruthy();
          expect(lab.flag).toBeDefined();
        }
      }
      const flags = new Set<Flag | undefined>(withLabs.flatMap((r) => r.labs.map((l) => l.flag)));
      expect(flags).toContain('normal');
      expect([...flags].some((f) => f === 'high' || f === 'low')).toBe(true);
      expect([...flags].some((f) => f === 'critical-high' || f === 'critical-low')).toBe(true);
      // Some results carry the laboratory's range, some do not (their flags then come from the defaults).
      const ranges = withLabs.flatMap((r) => r.labs.map((l) => l.referenceRange));
      expect(ranges.some((r) => r !== undefined)).toBe(true);
      expect(ranges.some((r) => r === undefined)).toBe(true);
    },
  );

  test('the patient detail has the labs too', async () => {
    const { tenantId, userId } = tenantOf('R4');
    const patientId = demo.demoPartner.tenants.find((t) => t.tenantId === tenantId)!.samplePatientIds[0]!;
    const res = await demo.call(userId, 'GET', `/api/patients/${patientId}`);
    expect(res.status).toBe(200);
    const detail = res.body as PatientDetail;
    expect(detail.labs.length).toBeGreaterThan(0);
    expect(detail.labs.every((l) => l.effective !== undefined && l.flag !== undefined)).toBe(true);
  });
});

describe('LAB_CODES', () => {
  test('chooses the labs the column shows, and the labs search asks for those codes only', async () => {
    const demo = await startListsAppOnDemoPartner({}, { env: { LAB_CODES: '2823-3,2951-2' } });
    try {
      const tenant = demo.demoPartner.tenants.find((t) => t.fhirVersion === 'STU3')!;
      const userId = demo.demoPartner.users.find((u) => u.tenantId === tenant.tenantId)!.userId;
      const list = await newList(demo, userId, ['name', 'labs']);
      await seed(demo, tenant.tenantId, list.id, tenant.samplePatientIds);
      demo.demoPartner.resetStats();
      const { rows } = (await demo.call(userId, 'GET', `/api/lists/${list.id}/rows`)).body as RowsResponse;
      expect(rows.every((r) => r.labs.map((l) => l.code).join() === '2823-3,2951-2')).toBe(true);
      const searches = demo.demoPartner.stats.log.flatMap((entry) => entry.entries ?? []).filter((url) => url.includes('laboratory'));
      expect(searches).toHaveLength(tenant.samplePatientIds.length);
      for (const url of searches) expect(url).toContain('&code=http://loinc.org|2823-3,http://loinc.org|2951-2&');
    } finally {
      await demo.close();
    }
  });
});
