// The rows of the demo's discharged and deceased patients over real HTTP, in each FHIR version: the finished
// stay reaches the tab with its end (so it can say "Discharged <date>"), and death with its date.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { List, RowsResponse } from '../../server/wire/contract.js';
import { startListsAppOnDemoPartner, type ListsDemoApp } from '../support/lists-app.js';

let app: ListsDemoApp;
beforeAll(async () => {
  app = await startListsAppOnDemoPartner();
});
afterAll(() => app.close());

describe.each(['DSTU2', 'STU3', 'R4'] as const)('discharged and deceased rows over the %s demo EHR', (version) => {
  test('carry the finished encounter with its end, and the death with its date', async () => {
    const tenant = app.demoPartner.tenants.find((t) => t.fhirVersion === version)!;
    const userId = app.demoPartner.users.find((u) => u.tenantId === tenant.tenantId)!.userId;
    const { discharged, deceased } = tenant.edgeCases;
    const sample = tenant.samplePatientIds[0];
    const created = await app.call(userId, 'POST', '/api/lists', {
      name: 'Discharges',
      context: { kind: 'channel', id: `19:${randomUUID()}@thread.tacv2` },
      columns: ['name', 'location'],
    });
    const list = created.body as List;
    for (const patientId of [discharged, deceased, sample]) {
      expect((await app.call(userId, 'POST', `/api/lists/${list.id}/entries`, { patientId })).status).toBe(201);
    }
    const { rows } = (await app.call(userId, 'GET', `/api/lists/${list.id}/rows`)).body as RowsResponse;
    const rowOf = (id: string | undefined) => rows.find((r) => r.patient?.id === id)!;

    const gone = rowOf(discharged);
    expect(gone.encounter).toMatchObject({ status: 'finished', end: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    expect(Date.parse(gone.encounter!.end!)).toBeLessThan(Date.now());
    expect(gone.patient?.deceased).not.toBe(true);

    const died = rowOf(deceased);
    expect(died.patient).toMatchObject({ deceased: true, deceasedDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    expect(died.encounter?.status).toBe('finished');

    const admitted = rowOf(sample);
    expect(admitted.encounter?.status).toBe('in-progress');
    expect(admitted.encounter?.end).toBeUndefined();
    expect(admitted.patient?.deceased).toBe(false);
  });
});
