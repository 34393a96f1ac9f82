import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { List, Row, RowsResponse } from '../../server/wire/contract.js';
import { partnerData, startListsApp, TENANT_A, USER_A, USER_B, type ListsApp } from '../support/lists-app.js';

async function newList(app: ListsApp, columns?: string[]): Promise<List> {
  const res = await app.call(USER_A, 'POST', '/api/lists', {
    name: 'Ward 4',
    context: { kind: 'channel', id: `19:${randomUUID()}@thread.tacv2` },
    ...(columns ? { columns } : {}),
  });
  expect(res.status).toBe(201);
  return res.body as List;
}

/** Puts an entry straight into the store, as if added earlier: no EHR call. */
async function seedEntry(app: ListsApp, listId: string, patientId: string): Promise<void> {
  const result = await app.store.addEntry(
    TENANT_A,
    listId,
    { id: randomUUID(), patientId, display: `Saved name ${patientId}`, mrn: `SAVED-${patientId}`, addedBy: 'x', addedAt: new Date().toISOString() },
    500,
  );
  expect(result.status).toBe('ok');
}

async function rowsOf(app: ListsApp, listId: string): Promise<RowsResponse> {
  const res = await app.call(USER_A, 'GET', `/api/lists/${listId}/rows`);
  expect(res.status).toBe(200);
  return res.body as RowsResponse;
}

describe('GET /api/lists/:listId/rows with the EHR up', () => {
  let app: ListsApp;
  beforeAll(async () => {
    app = await startListsApp();
  });
  afterAll(() => app.close());

  test('answers live EHR data for the columns, manual entries from the store, and notes', async () => {
    const list = await newList(app);
    const ehrEntry = (await app.call(USER_A, 'POST', `/api/lists/${list.id}/entries`, { patientId: 'a1' })).body;
    await app.call(USER_A, 'PUT', `/api/lists/${list.id}/entries/${ehrEntry.id}/note`, { text: 'Consult today', version: 1 });
    await app.call(USER_A, 'POST', `/api/lists/${list.id}/entries`, { manual: { name: 'Walk In', location: 'ED 3' } });
    const { rows, fetchedAt } = await rowsOf(app, list.id);
    expect(Date.parse(fetchedAt)).not.toBeNaN();
    expect(rows).toHaveLength(2);
    const [live, manual] = rows as [Row, Row];
    expect(live).toMatchObject({ entryId: ehrEntry.id, mrn: 'MRN-A1', issues: [], note: { text: 'Consult today' } });
    expect(live.patient).toMatchObject({ id: 'a1', family: 'Alder1', mrn: 'MRN-A1' });
    expect(live.encounter?.location).toBe('Ward 1, Room a1');
    expect(live.conditions.map((c) => c.text)).toEqual(['Hypertensive disorder']);
    expect(live.vitals.find((v) => v.code === '85354-6')?.components).toHaveLength(2);
    // Allergies and medications are not among the default columns, so they were not read.
    expect(live.allergies).toEqual([]);
    expect(live.medications).toEqual([]);
    expect(manual).toMatchObject({ manual: { name: 'Walk In', location: 'ED 3' }, display: 'Walk In', issues: [] });
    expect(manual.patient).toBeUndefined();
  });

  test('reads the parts the columns need once they change', async () => {
    const list = await newList(app, ['name', 'allergies', 'medications']);
    await seedEntry(app, list.id, 'a2');
    const [row] = (await rowsOf(app, list.id)).rows as [Row];
    expect(row.allergies.map((a) => a.substance)).toEqual(['Penicillin']);
    expect(row.medications.map((m) => m.name)).toEqual(['Amlodipine 5 mg tablet']);
    expect(row.conditions).toEqual([]);
  });

  test('gives a failed patient its own issue and still shows the rest of the list', async () => {
    const list = await newList(app);
    await seedEntry(app, list.id, 'a1');
    await seedEntry(app, list.id, 'vanished');
    const [good, gone] = (await rowsOf(app, list.id)).rows as [Row, Row];
    expect(good.patient?.id).toBe('a1');
    expect(good.issues).toEqual([]);
    expect(gone.patient).toBeUndefined();
    expect(gone.display).toBe('Saved name vanished');
    expect(gone.mrn).toBe('SAVED-vanished');
    expect(gone.issues.length).toBeGreaterThan(0);
  });

  test("answers 404 for another tenant's list", async () => {
    const list = await newList(app);
    expect((await app.call(USER_B, 'GET', `/api/lists/${list.id}/rows`)).status).toBe(404);
  });
});

describe('GET /api/lists/:listId/rows when the EHR is down or absent', () => {
  test('still answers 200 with every saved name and MRN and an issue line per EHR row', async () => {
    const app = await startListsApp({ ehrTuning: { tokenTimeoutMs: 1_000, fhirTimeoutMs: 1_000 } });
    try {
      const list = await newList(app);
      await seedEntry(app, list.id, 'a1');
      await seedEntry(app, list.id, 'a2');
      await app.call(USER_A, 'POST', `/api/lists/${list.id}/entries`, { manual: { name: 'Walk In' } });
      await app.partner!.close();
      const { rows } = await rowsOf(app, list.id);
      expect(rows.map((r) => [r.display, r.mrn])).toEqual([
        ['Saved name a1', 'SAVED-a1'],
        ['Saved name a2', 'SAVED-a2'],
        ['Walk In', undefined],
      ]);
      expect(rows[0]!.issues).toHaveLength(1);
      expect(rows[0]!.issues[0]).toMatch(/^EHR unavailable \(.+\): showing the saved name and MRN$/);
      expect(rows[2]!.issues).toEqual([]);
      // An import must not quietly turn EHR patients into manual ones while the EHR is down: it fails instead.
      const imported = await app.call(USER_A, 'POST', `/api/lists/import?contextKind=chat&contextId=19:${randomUUID()}`, 'patientId\na1\n', {
        'content-type': 'text/csv',
      });
      expect(imported.status).toBe(502);
      expect(imported.body.resourceType).toBe('OperationOutcome');
    } finally {
      await app.close();
    }
  });

  test('answers the snapshots when no EHR is configured at all', async () => {
    const app = await startListsApp({ partner: false });
    try {
      const list = await newList(app);
      await seedEntry(app, list.id, 'a1');
      const [row] = (await rowsOf(app, list.id)).rows as [Row];
      expect(row.display).toBe('Saved name a1');
      expect(row.issues).toEqual(['EHR unavailable (no EHR connection is configured): showing the saved name and MRN']);
      const add = await app.call(USER_A, 'POST', `/api/lists/${list.id}/entries`, { patientId: 'a1' });
      expect(add.status).toBe(503);
    } finally {
      await app.close();
    }
  });
});

describe('the cost of rows at the partner', () => {
  let app: ListsApp;
  beforeAll(async () => {
    // 20 ms per request, like a real network: requests sent together overlap at the partner.
    app = await startListsApp({ partner: { tenants: partnerData(50), delayMs: 20 } });
  });
  afterAll(() => app.close());

  async function fiftyPatientList(columns?: string[]): Promise<List> {
    const list = await newList(app, columns);
    for (let i = 1; i <= 50; i += 1) await seedEntry(app, list.id, `a${i}`);
    return list;
  }

  test('a 50-patient list with a few columns costs at most 2 FHIR round trips and one token request', async () => {
    const list = await fiftyPatientList(['name', 'mrn', 'location', 'note']);
    app.partner!.resetStats();
    const { rows } = await rowsOf(app, list.id);
    expect(rows.filter((r) => r.patient !== undefined && r.encounter !== undefined)).toHaveLength(50);
    const { stats } = app.partner!;
    expect(stats.fhirRequests).toBeLessThanOrEqual(2);
    expect(stats.roundTrips).toBeLessThanOrEqual(2);
    expect(stats.batchRequests).toBe(stats.fhirRequests);
    expect(stats.tokenRequests).toBe(1);
  });

  test('with the default columns a 50-patient list costs at most 2 FHIR round trips: its 4 batches go out together', async () => {
    const list = await fiftyPatientList();
    app.partner!.resetStats();
    const { rows } = await rowsOf(app, list.id);
    expect(rows.every((r) => r.patient !== undefined && r.issues.length === 0)).toBe(true);
    const { stats } = app.partner!;
    // Patient + Encounter + Condition + Observation for 50 patients = 200 reads.
    expect(stats.fhirRequests).toBe(4);
    expect(stats.batchRequests).toBe(4);
    expect(stats.roundTrips).toBeLessThanOrEqual(2);
    expect(stats.tokenRequests).toBeLessThanOrEqual(1);
  });
});
