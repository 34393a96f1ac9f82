// Blank is not "none" (#11 item 12) over the embedded demo EHR: a patient whose record says "no known allergy"
// comes back marked as that recorded answer, in DSTU2, STU3 and R4 alike, and one with no allergy record with none.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateDemoData } from '../../server/demo/data/generator.js';
import type { FhirVersion, List, RowsResponse } from '../../server/wire/contract.js';
import { startListsAppOnDemoPartner, type ListsDemoApp } from '../support/lists-app.js';

const ANCHOR = new Date().toISOString().slice(0, 10);
let app: ListsDemoApp;
beforeAll(async () => {
  app = await startListsAppOnDemoPartner({ anchorDate: ANCHOR });
});
afterAll(() => app.close());

describe.each(['DSTU2', 'STU3', 'R4'] as const)('allergies over the %s demo EHR', (version: FhirVersion) => {
  test('a recorded "no known allergy" reads as such, and a patient with no allergy record has none', async () => {
    const tenant = app.demoPartner.tenants.find((t) => t.fhirVersion === version)!;
    const userId = app.demoPartner.users.find((u) => u.tenantId === tenant.tenantId)!.userId;
    // The same seed and day as the partner's: which of its patients has which answer.
    const data = generateDemoData({ seed: 'rounds-demo', patientsPerTenant: 60, anchorDate: ANCHOR }).find(
      (d) => d.tenant.tenantId === tenant.tenantId,
    )!;
    const noKnownAllergy = data.allergies.find((a) => a.isNoKnownAllergy)!.patientId;
    const noneRecorded = tenant.edgeCases.noAllergiesRecorded!;
    const withAllergy = data.allergies.find((a) => !a.isNoKnownAllergy)!.patientId;

    const created = await app.call(userId, 'POST', '/api/lists', {
      name: 'Allergies',
      context: { kind: 'channel', id: `19:${randomUUID()}@thread.tacv2` },
      columns: ['name', 'allergies'],
    });
    const list = created.body as List;
    for (const patientId of [noKnownAllergy, noneRecorded, withAllergy]) {
      expect((await app.call(userId, 'POST', `/api/lists/${list.id}/entries`, { patientId })).status).toBe(201);
    }
    const { rows } = (await app.call(userId, 'GET', `/api/lists/${list.id}/rows`)).body as RowsResponse;
    const rowOf = (id: string): RowsResponse['rows'][number] => rows.find((r) => r.patient?.id === id)!;
    expect(rowOf(noKnownAllergy).allergies).toEqual([expect.objectContaining({ isNoKnownAllergy: true })]);
    expect(rowOf(noneRecorded).allergies).toEqual([]);
    expect(rowOf(withAllergy).allergies.length).toBeGreaterThan(0);
    expect(rowOf(withAllergy).allergies.every((a) => a.isNoKnownAllergy === undefined)).toBe(true);

    // The CSV export writes the screen's words.
    const csv = await app.call(userId, 'GET', `/api/lists/${list.id}/export?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('No known allergies');
    expect(csv.text).toContain('None recorded');
  });
});
