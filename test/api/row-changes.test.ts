// What changed since you last looked, over real HTTP with the stand-in EHR: nothing on a first view; exactly the
// columns that changed after the EHR records a vital, a lab and a condition and a teammate edits the note; per user;
// viewing alone never clears a mark, marking the row or the list seen (or opening the patient) does; an unchanged
// list answers 304 to its ETag.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FhirResource } from '../../server/fhir/adapters/adapter.js';
import type { List, Row } from '../../server/wire/contract.js';
import { partnerData, startListsApp, TENANT_A, USER_A, USER_A2, USER_B, type ListsApp } from '../support/lists-app.js';

let app: ListsApp;
beforeAll(async () => {
  app = await startListsApp({ partner: { tenants: partnerData(3) } });
});
/** The EHR (the demo partner) records these resources now: every later search finds them. */
const record = (...resources: FhirResource[]): void => app.partner!.addResources(TENANT_A, resources);
afterAll(() => app.close());

async function sharedList(patientIds: string[]): Promise<List> {
  const created = await app.call(USER_A, 'POST', '/api/lists', {
    name: 'Ward 4',
    context: { kind: 'channel', id: `19:${randomUUID()}@thread.tacv2` },
    columns: ['name', 'location', 'conditions', 'vitals', 'labs', 'note'],
  });
  for (const patientId of patientIds) await app.call(USER_A, 'POST', `/api/lists/${created.body.id}/entries`, { patientId });
  return (await app.call(USER_A, 'GET', `/api/lists/${created.body.id}`)).body as List;
}

async function rowsAs(userId: string, listId: string): Promise<Row[]> {
  const res = await app.call(userId, 'GET', `/api/lists/${listId}/rows`);
  expect(res.status).toBe(200);
  return res.body.rows as Row[];
}

const changesOf = (rows: Row[]): Record<string, string[]> =>
  Object.fromEntries(rows.map((row) => [row.patient?.id ?? row.entryId, row.changes]));

/** The stand-in EHR records a heart rate, a potassium and a new condition for the patient. */
function recordInEhr(patientId: string): void {
  const subject = { reference: `Patient/${patientId}` };
  record(
    {
      resourceType: 'Observation',
      id: `hr-${randomUUID()}`,
      status: 'final',
      subject,
      category: [{ coding: [{ code: 'vital-signs' }] }],
      code: { coding: [{ system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' }] },
      effectiveDateTime: new Date().toISOString(),
      valueQuantity: { value: 118, unit: '/min' },
    },
    {
      resourceType: 'Observation',
      id: `k-${randomUUID()}`,
      status: 'final',
      subject,
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
      code: { coding: [{ system: 'http://loinc.org', code: '2823-3', display: 'Potassium' }] },
      effectiveDateTime: new Date().toISOString(),
      valueQuantity: { value: 6.1, unit: 'mmol/L' },
    },
    {
      resourceType: 'Condition',
      id: `cond-${randomUUID()}`,
      subject,
      code: { text: 'Atrial fibrillation' },
      recordedDate: new Date().toISOString().slice(0, 10),
    },
  );
}

describe('changes since the last look', () => {
  test('are none on a first view, then exactly the changed columns, for each user on their own', async () => {
    const list = await sharedList(['a1', 'a2']);
    expect(changesOf(await rowsAs(USER_A, list.id))).toEqual({ a1: [], a2: [] });
    expect(changesOf(await rowsAs(USER_A2, list.id))).toEqual({ a1: [], a2: [] });

    recordInEhr('a1');
    const a2Entry = list.entries.find((e) => e.patientId === 'a2')!;
    // A teammate (USER_A2) edits a2's note.
    expect((await app.call(USER_A2, 'PUT', `/api/lists/${list.id}/entries/${a2Entry.id}/note`, { text: 'NPO after midnight', version: a2Entry.version })).status).toBe(200);

    const mine = await rowsAs(USER_A, list.id);
    expect(changesOf(mine)).toEqual({ a1: ['conditions', 'vitals', 'labs'], a2: ['note'] });
    expect(mine[0]!.seenAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    // The teammate's own note edit is no news to them; the EHR's changes are.
    expect(changesOf(await rowsAs(USER_A2, list.id))).toEqual({ a1: ['conditions', 'vitals', 'labs'], a2: [] });
  });

  test('stay through views (an auto-refresh never hides them) until the row is marked seen', async () => {
    const list = await sharedList(['a1', 'a3']);
    await rowsAs(USER_A, list.id);
    recordInEhr('a3');
    expect(changesOf(await rowsAs(USER_A, list.id)).a3).toEqual(['conditions', 'vitals', 'labs']);
    expect(changesOf(await rowsAs(USER_A, list.id)).a3).toEqual(['conditions', 'vitals', 'labs']);

    const a3 = list.entries.find((e) => e.patientId === 'a3')!;
    expect((await app.call(USER_A, 'POST', `/api/lists/${list.id}/seen`, { entryIds: [a3.id] })).status).toBe(204);
    expect(changesOf(await rowsAs(USER_A, list.id)).a3).toEqual([]);
  });

  test('clear for the whole list with one mark, and for a row when its patient is opened from the list', async () => {
    const list = await sharedList(['a1', 'a2']);
    await rowsAs(USER_A, list.id);
    await rowsAs(USER_A2, list.id);
    recordInEhr('a1');
    recordInEhr('a2');
    await rowsAs(USER_A, list.id);
    await rowsAs(USER_A2, list.id);

    expect((await app.call(USER_A, 'POST', `/api/lists/${list.id}/seen`, {})).status).toBe(204);
    expect(changesOf(await rowsAs(USER_A, list.id))).toEqual({ a1: [], a2: [] });
    // Another user's marks never clear mine.
    expect(changesOf(await rowsAs(USER_A2, list.id))).toEqual({ a1: ['conditions', 'vitals', 'labs'], a2: ['conditions', 'vitals', 'labs'] });

    expect((await app.call(USER_A2, 'GET', `/api/patients/a2?listId=${list.id}`)).status).toBe(200);
    expect(changesOf(await rowsAs(USER_A2, list.id))).toEqual({ a1: ['conditions', 'vitals', 'labs'], a2: [] });
  });

  test('a second GET with the ETag answers 304 while nothing changed, and 200 once something did', async () => {
    const list = await sharedList(['a1']);
    const first = await app.call(USER_A, 'GET', `/api/lists/${list.id}/rows`);
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const again = await app.call(USER_A, 'GET', `/api/lists/${list.id}/rows`, undefined, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    recordInEhr('a1');
    const changed = await app.call(USER_A, 'GET', `/api/lists/${list.id}/rows`, undefined, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect((changed.body.rows as Row[])[0]!.changes).toEqual(['conditions', 'vitals', 'labs']);
  });

  test('refuses a mark for rows that are not entry ids, for an unknown list, and for another tenant\'s list', async () => {
    const list = await sharedList(['a1']);
    expect((await app.call(USER_A, 'POST', `/api/lists/${list.id}/seen`, { entryIds: ['not-an-id'] })).status).toBe(400);
    expect((await app.call(USER_A, 'POST', `/api/lists/${list.id}/seen`, { viewedAt: 'yesterday' })).status).toBe(400);
    expect((await app.call(USER_A, 'POST', `/api/lists/${randomUUID()}/seen`, {})).status).toBe(404);
    expect((await app.call(USER_B, 'POST', `/api/lists/${list.id}/seen`, {})).status).toBe(404);
  });

  test('a mark clears only what had been shown: a row whose values moved on after the screen was loaded stays marked', async () => {
    const list = await sharedList(['a1']);
    const shown = await app.call(USER_A, 'GET', `/api/lists/${list.id}/rows`);
    const viewedAt = shown.headers.get('rounds-viewed-at')!;
    expect(viewedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    // The EHR records a vital; this user's other device (or a refresh whose answer never reached the screen) sees it.
    recordInEhr('a1');
    const later = await rowsAs(USER_A, list.id);
    expect(changesOf(later).a1).toEqual(['conditions', 'vitals', 'labs']);
    // "Mark as seen" from the screen loaded before: the new vital was never on it, so its mark stays.
    expect((await app.call(USER_A, 'POST', `/api/lists/${list.id}/seen`, { viewedAt })).status).toBe(204);
    expect(changesOf(await rowsAs(USER_A, list.id)).a1).toEqual(['conditions', 'vitals', 'labs']);
    const current = (await app.call(USER_A, 'GET', `/api/lists/${list.id}/rows`)).headers.get('rounds-viewed-at')!;
    expect((await app.call(USER_A, 'POST', `/api/lists/${list.id}/seen`, { viewedAt: current })).status).toBe(204);
    expect(changesOf(await rowsAs(USER_A, list.id)).a1).toEqual([]);
  });

  test('a part the EHR fails to answer marks nothing as changed, then or when it answers again; the other parts still do', async () => {
    const list = await sharedList(['a2']);
    await rowsAs(USER_A, list.id);
    app.partner!.setFaults({ failingTypes: { Condition: 500 } });
    try {
      const partial = await rowsAs(USER_A, list.id);
      expect(partial[0]!.issues.length).toBeGreaterThan(0);
      expect(changesOf(partial).a2).toEqual([]);
      // A vital recorded meanwhile is news, though the conditions cannot be read.
      record({
        resourceType: 'Observation',
        id: `rr-${randomUUID()}`,
        status: 'final',
        subject: { reference: 'Patient/a2' },
        category: [{ coding: [{ code: 'vital-signs' }] }],
        code: { coding: [{ system: 'http://loinc.org', code: '9279-1', display: 'Respiratory rate' }] },
        effectiveDateTime: new Date().toISOString(),
        valueQuantity: { value: 26, unit: '/min' },
      });
      expect(changesOf(await rowsAs(USER_A, list.id)).a2).toEqual(['vitals']);
    } finally {
      app.partner!.setFaults({});
    }
    expect(changesOf(await rowsAs(USER_A, list.id)).a2).toEqual(['vitals']);
  });

  test('an auto-refresh answered 304 is not audited as another view of the patients', async () => {
    const list = await sharedList(['a1', 'a2']);
    const first = await app.call(USER_A, 'GET', `/api/lists/${list.id}/rows`);
    const viewsOf = async (): Promise<number> =>
      ((await app.call(USER_A, 'GET', `/api/audit?listId=${list.id}&type=patient.viewed`)).body.events as unknown[]).length;
    const before = await viewsOf();
    const again = await app.call(USER_A, 'GET', `/api/lists/${list.id}/rows`, undefined, { 'if-none-match': first.headers.get('etag')! });
    expect(again.status).toBe(304);
    expect(await viewsOf()).toBe(before);
    await app.call(USER_A, 'GET', `/api/lists/${list.id}/rows`);
    expect(await viewsOf()).toBe(before + 2);
  });
});
