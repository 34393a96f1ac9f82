// Practitioners and locations named by a bare reference get their names in one more round trip for the whole
// list, and a patient search's further pages are reached with an opaque cursor.
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { List, PatientSearchResult, RowsResponse } from '../../server/wire/contract.js';
import type { FhirResource } from '../../server/fhir/adapters/adapter.js';
import { r4PatientBundle } from '../support/r4-patient-bundle.js';
import {
  startListsApp,
  startListsAppOnDemoPartner,
  TENANT_A,
  TENANT_B,
  USER_A,
  type ListsApp,
  type ListsDemoApp,
} from '../support/lists-app.js';

/** A patient whose encounter and prescriptions name Dr. Quill only as `Practitioner/dr-quill`. */
function withBareReferences(id: string, index: number): FhirResource[] {
  return r4PatientBundle({ id, family: `Fam${index}`, given: 'Ann', mrn: `MRN-${index}`, isLocationDisplayMissing: true }).map(
    (resource) => {
      if (resource.resourceType === 'Encounter')
        return { ...resource, participant: [{ individual: { reference: 'Practitioner/dr-quill' } }] };
      if (resource.resourceType === 'MedicationRequest') return { ...resource, requester: { reference: 'Practitioner/dr-quill' } };
      return resource;
    },
  );
}

const QUILL: FhirResource = {
  resourceType: 'Practitioner',
  id: 'dr-quill',
  name: [{ family: 'Quill', given: ['Iris'], prefix: ['Dr.'] }],
};

describe('references without a display', () => {
  let app: ListsApp;
  const ids = Array.from({ length: 8 }, (_, i) => `q${i}`);

  beforeAll(async () => {
    app = await startListsApp({
      partner: { tenants: { [TENANT_A]: [...ids.flatMap(withBareReferences), QUILL], [TENANT_B]: [] } },
    });
  });
  afterAll(() => app.close());

  test('the attending and prescriber names come from one more batch for the whole list, each practitioner read once', async () => {
    const created = await app.call(USER_A, 'POST', '/api/lists', {
      name: 'Bare references',
      context: { kind: 'channel', id: `19:${randomUUID()}@thread.tacv2` },
      columns: ['name', 'location', 'attending', 'medications'],
    });
    const list = created.body as List;
    for (const patientId of ids) await app.call(USER_A, 'POST', `/api/lists/${list.id}/entries`, { patientId });
    app.partner!.resetStats();

    const res = await app.call(USER_A, 'GET', `/api/lists/${list.id}/rows`);
    const { rows } = res.body as RowsResponse;
    expect(rows.map((r) => r.encounter?.participants)).toEqual(ids.map(() => ['Dr. Iris Quill']));
    expect(rows.map((r) => r.medications[0]?.prescriber)).toEqual(ids.map(() => 'Dr. Iris Quill'));
    expect(rows.map((r) => r.encounter?.location)).toEqual(ids.map((id) => `Ward 1, Room ${id}`));
    expect(rows.flatMap((r) => r.issues)).toEqual([]);
    // Wave 1: 8 × (encounter + medications) + one Patient search; wave 2: 8 Locations + 1 Practitioner.
    expect(app.partner!.stats.batchSizes).toEqual([17, 9]);
  });
});

describe('more search results', () => {
  let app: ListsDemoApp;
  let userId: string;
  let otherUserId: string;

  beforeAll(async () => {
    app = await startListsAppOnDemoPartner({ patientsPerTenant: 30 });
    const r4 = app.demoPartner.tenants.find((t) => t.fhirVersion === 'R4')!;
    const stu3 = app.demoPartner.tenants.find((t) => t.fhirVersion === 'STU3')!;
    userId = app.demoPartner.users.find((u) => u.tenantId === r4.tenantId)!.userId;
    otherUserId = app.demoPartner.users.find((u) => u.tenantId === stu3.tenantId)!.userId;
  });
  afterAll(() => app.close());

  test('a search that matches more than a page answers an opaque cursor that reaches the next page', async () => {
    const first = await app.call(userId, 'GET', '/api/patients?gender=female&count=5');
    const page1 = first.body as PatientSearchResult;
    expect(page1.patients).toHaveLength(5);
    expect(page1.total).toBeGreaterThan(5);
    expect(page1.next).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(first.text).not.toMatch(/https?:/);

    const second = await app.call(userId, 'GET', `/api/patients?cursor=${page1.next}`);
    const page2 = second.body as PatientSearchResult;
    expect(second.status).toBe(200);
    expect(page2.patients.length).toBeGreaterThan(0);
    const seen = new Set(page1.patients.map((p) => p.id));
    expect(page2.patients.some((p) => seen.has(p.id))).toBe(false);
    expect(page2.patients.every((p) => p.gender === 'female')).toBe(true);
  });

  test('the last page has no cursor', async () => {
    const first = (await app.call(userId, 'GET', '/api/patients?gender=female&count=50')).body as PatientSearchResult;
    expect(first.patients.length).toBeLessThan(50);
    expect(first.next).toBeUndefined();
  });

  test("another tenant's cursor reads as an unknown one: 400 naming the field", async () => {
    const mine = (await app.call(userId, 'GET', '/api/patients?gender=female&count=5')).body as PatientSearchResult;
    const theirs = await app.call(otherUserId, 'GET', `/api/patients?cursor=${mine.next}`);
    const unknown = await app.call(otherUserId, 'GET', `/api/patients?cursor=${'x'.repeat(24)}`);
    expect(theirs.status).toBe(400);
    expect(theirs.body).toEqual(unknown.body);
    expect(JSON.stringify(theirs.body)).toMatch(/cursor/);
  });
});

describe('a server that refuses `_id=a,b,c` searches', () => {
  let app: ListsApp;

  beforeAll(async () => {
    const ids = ['r1', 'r2', 'r3'];
    app = await startListsApp({
      partner: {
        tenants: {
          [TENANT_A]: ids.flatMap((id, i) => r4PatientBundle({ id, family: `Ref${i}`, given: 'Ann', mrn: `MRN-R${i}` })),
          [TENANT_B]: [],
        },
        // Patient searches answer 400; reads by id still work.
        faults: { failingTypes: { Patient: 400 } },
      },
    });
  });
  afterAll(() => app.close());

  test('gets each patient by a read of its own in one more round trip, and every row is whole', async () => {
    const created = await app.call(USER_A, 'POST', '/api/lists', {
      name: 'Refused searches',
      context: { kind: 'channel', id: `19:${randomUUID()}@thread.tacv2` },
      columns: ['name', 'mrn', 'conditions'],
    });
    const list = created.body as List;
    for (const patientId of ['r1', 'r2', 'r3']) await app.call(USER_A, 'POST', `/api/lists/${list.id}/entries`, { patientId });
    app.partner!.resetStats();
    const { rows } = (await app.call(USER_A, 'GET', `/api/lists/${list.id}/rows`)).body as RowsResponse;
    expect(rows.map((r) => r.patient?.mrn)).toEqual(['MRN-R0', 'MRN-R1', 'MRN-R2']);
    expect(rows.flatMap((r) => r.issues)).toEqual([]);
    expect(app.partner!.stats.batchSizes).toEqual([4, 3]);
  });
});

describe('a read answered with another patient', () => {
  let app: ListsApp;

  beforeAll(async () => {
    app = await startListsApp({
      partner: {
        tenants: {
          [TENANT_A]: [
            ...r4PatientBundle({ id: 'asked', family: 'Asked', given: 'Ann', mrn: 'MRN-ASKED' }),
            ...r4PatientBundle({ id: 'other', family: 'Other', given: 'Oscar', mrn: 'MRN-OTHER' }),
          ],
          [TENANT_B]: [],
        },
        faults: { wrongPatients: { asked: 'other' } },
      },
    });
  });
  afterAll(() => app.close());

  test("is never shown: the detail is a 502 that says so and names nobody, and the patient can't be added", async () => {
    const detail = await app.call(USER_A, 'GET', '/api/patients/asked');
    expect(detail.status).toBe(502);
    expect(detail.text).toMatch(/answered with another patient than the one asked for/);
    expect(detail.text).not.toMatch(/Oscar|Other|MRN-OTHER/);
    const created = await app.call(USER_A, 'POST', '/api/lists', {
      name: 'Wrong answers',
      context: { kind: 'channel', id: `19:${randomUUID()}@thread.tacv2` },
    });
    const added = await app.call(USER_A, 'POST', `/api/lists/${(created.body as List).id}/entries`, { patientId: 'asked' });
    expect(added.status).toBe(502);
    expect(added.text).not.toMatch(/Oscar|MRN-OTHER/);
  });

  test.each(['.', '..', '...', '%2e', '%2E%2e'])('refuses the patient id %s, a dot segment that would read another resource', async (id) => {
    // Sent as written (fetch would normalise the dots away before they reach Rounds, a raw client does not).
    const token = await app.tokenFor(USER_A);
    const status = await new Promise<number>((resolve, reject) => {
      const { hostname, port } = new URL(app.url);
      const req = request({ hostname, port, path: `/api/patients/${id}`, headers: { authorization: `Bearer ${token}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(400);
    const created = await app.call(USER_A, 'POST', '/api/lists', {
      name: 'Dots',
      context: { kind: 'channel', id: `19:${randomUUID()}@thread.tacv2` },
    });
    const added = await app.call(USER_A, 'POST', `/api/lists/${(created.body as List).id}/entries`, { patientId: decodeURIComponent(id) });
    expect(added.status).toBe(400);
    expect(added.text).toMatch(/patientId: must be a FHIR id.*not only dots/);
  });
});
