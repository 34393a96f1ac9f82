// The lists over the embedded demo partner: the same behaviour for a DSTU2, an STU3 and an R4 EHR, and what a
// 50-patient list's rows cost at the partner.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FhirVersion, ImportReport, List, Row, RowsResponse } from '../../server/wire/contract.js';
import { startListsAppOnDemoPartner, type ListsDemoApp } from '../support/lists-app.js';

let app: ListsDemoApp;
beforeAll(async () => {
  // Today's data whatever the hour: before 08:00 UTC the default day is yesterday's, whose vitals fall out of NEWS2's 24 h.
  app = await startListsAppOnDemoPartner({ anchorDate: new Date().toISOString().slice(0, 10) });
});
afterAll(() => app.close());

function tenantOf(version: FhirVersion): { tenantId: string; userId: string; patientIds: string[]; samples: string[] } {
  const tenant = app.demoPartner.tenants.find((t) => t.fhirVersion === version)!;
  const user = app.demoPartner.users.find((u) => u.tenantId === tenant.tenantId)!;
  return { tenantId: tenant.tenantId, userId: user.userId, patientIds: tenant.patientIds, samples: tenant.samplePatientIds };
}

async function newList(userId: string, columns?: string[]): Promise<List> {
  const res = await app.call(userId, 'POST', '/api/lists', {
    name: 'Demo ward',
    context: { kind: 'channel', id: `19:${randomUUID()}@thread.tacv2` },
    ...(columns ? { columns } : {}),
  });
  expect(res.status).toBe(201);
  return res.body as List;
}

describe.each(['DSTU2', 'STU3', 'R4'] as const)('clinical signal over the %s demo EHR', (version) => {
  test('rows of the news2 column carry a score from the latest vitals, partial when parameters are missing, and flagged values', async () => {
    const { userId, patientIds } = tenantOf(version);
    const list = await newList(userId, ['name', 'vitals', 'news2']);
    for (const patientId of patientIds.slice(0, 10)) await app.call(userId, 'POST', `/api/lists/${list.id}/entries`, { patientId });
    const { rows } = (await app.call(userId, 'GET', `/api/lists/${list.id}/rows`)).body as RowsResponse;
    const scored = rows.filter((r) => r.news2 !== undefined);
    expect(scored.length).toBeGreaterThan(0);
    for (const row of scored) {
      const news2 = row.news2!;
      expect(news2.score).toBe(news2.parameters.reduce((sum, p) => sum + p.points, 0));
      // A score is never shown as complete with a parameter missing (test/api/news2-demo-rows.test.ts: most are complete).
      expect(news2.partial).toBe(news2.missing.length > 0);
    }
    const flags = rows.flatMap((r) => r.vitals.flatMap((v) => [v.flag, ...v.components.map((c) => c.flag)]));
    expect(flags).toContain('normal');
    // Without the column, no score is worked out.
    const plain = await newList(userId, ['name', 'vitals']);
    await app.call(userId, 'POST', `/api/lists/${plain.id}/entries`, { patientId: patientIds[0] });
    const without = (await app.call(userId, 'GET', `/api/lists/${plain.id}/rows`)).body as RowsResponse;
    expect(without.rows[0]?.news2).toBeUndefined();
  });
});

describe.each(['DSTU2', 'STU3', 'R4'] as const)('lists over the %s demo EHR', (version) => {
  test('adds a patient by id with its name and MRN, shows its live row, and imports it back by MRN', async () => {
    const { userId, samples } = tenantOf(version);
    const list = await newList(userId, ['name', 'mrn', 'location', 'vitals', 'allergies', 'medications', 'coverage']);
    const added = await app.call(userId, 'POST', `/api/lists/${list.id}/entries`, { patientId: samples[0] });
    expect(added.status).toBe(201);
    const rows = (await app.call(userId, 'GET', `/api/lists/${list.id}/rows`)).body as RowsResponse;
    const row = rows.rows[0] as Row;
    expect(row.issues).toEqual([]);
    expect(row.patient?.id).toBe(samples[0]);
    expect(added.body).toMatchObject({ display: row.patient?.name, mrn: row.patient?.mrn });
    expect(row.mrn).toBeTruthy();
    expect(row.encounter?.location).toBeTruthy();
    expect(row.vitals.find((v) => v.code === '85354-6')?.components).toHaveLength(2);
    expect(row.allergies.length).toBeGreaterThan(0);
    expect(row.medications.length).toBeGreaterThan(0);
    expect(row.coverage.length).toBeGreaterThan(0);

    const csv = `name,mrn\nTyped By Hand,${row.mrn}\nNot In The EHR,NOPE-000\n`;
    const imported = await app.call(userId, 'POST', `/api/lists/import?contextKind=chat&contextId=19:${randomUUID()}`, csv, {
      'content-type': 'text/csv',
    });
    expect(imported.status).toBe(201);
    const report = imported.body as ImportReport;
    expect(report.list.entries.map((e) => e.patientId)).toEqual([samples[0], undefined]);
    expect(report.keptAsManual).toEqual(['row 3 (Not In The EHR)']);
  });

  test("refuses another tenant's patient id as unknown to this EHR", async () => {
    const { userId } = tenantOf(version);
    const other = tenantOf(version === 'R4' ? 'STU3' : 'R4');
    const list = await newList(userId);
    const res = await app.call(userId, 'POST', `/api/lists/${list.id}/entries`, { patientId: other.samples[0] });
    expect(res.status).toBe(400);
  });
});

describe('the cost of a 50-patient list at the demo partner', () => {
  // A fresh Rounds (no token, no capability statement cached yet) over the same partner.
  let fresh: ListsDemoApp;
  beforeAll(async () => {
    fresh = await startListsAppOnDemoPartner({ anchorDate: new Date().toISOString().slice(0, 10) });
  });
  afterAll(() => fresh.close());

  test.each(['DSTU2', 'STU3', 'R4'] as const)(
    '%s: the first load costs one token request and at most 2 FHIR round trips besides the capability statement',
    async (version) => {
      const tenant = fresh.demoPartner.tenants.find((t) => t.fhirVersion === version)!;
      const userId = fresh.demoPartner.users.find((u) => u.tenantId === tenant.tenantId)!.userId;
      const created = await fresh.call(userId, 'POST', '/api/lists', {
        name: 'Fifty',
        context: { kind: 'channel', id: `19:${randomUUID()}@thread.tacv2` },
        columns: ['name', 'mrn', 'age', 'conditions', 'note'],
      });
      const list = created.body as List;
      const at = new Date().toISOString();
      for (const patientId of tenant.patientIds.slice(0, 50)) {
        await fresh.store.addEntry(tenant.tenantId, list.id, { id: randomUUID(), patientId, display: patientId, addedBy: 'x', addedAt: at }, 500);
      }
      fresh.demoPartner.resetStats();
      const rows = (await fresh.call(userId, 'GET', `/api/lists/${list.id}/rows`)).body as RowsResponse;
      expect(rows.rows.filter((r) => r.patient !== undefined && r.issues.length === 0)).toHaveLength(50);
      const stats = fresh.demoPartner.stats;
      // Besides the capability statements (the open one once, then the tenant's own), only batches.
      expect(stats.tokenRequests).toBe(1);
      expect(stats.perTenant[tenant.tenantId]?.tokenRequests).toBe(1);
      expect(stats.fhirRequests - stats.metadataRequests).toBeLessThanOrEqual(2);
      expect(stats.batchRequests).toBe(stats.fhirRequests - stats.metadataRequests);
    },
  );
});
