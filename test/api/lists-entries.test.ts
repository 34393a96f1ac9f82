import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Entry, List } from '../../server/wire/contract.js';
import { diagnostics, startListsApp, TENANT_A, USER_A, USER_A2, USER_B, type ListsApp } from '../support/lists-app.js';

let app: ListsApp;
beforeAll(async () => {
  app = await startListsApp();
});
afterAll(() => app.close());

async function newList(userId = USER_A): Promise<List> {
  const res = await app.call(userId, 'POST', '/api/lists', {
    name: 'Ward 4',
    context: { kind: 'channel', id: `19:${randomUUID()}@thread.tacv2` },
  });
  expect(res.status).toBe(201);
  return res.body as List;
}

const addEntry = (listId: string, body: unknown, userId = USER_A): ReturnType<ListsApp['call']> =>
  app.call(userId, 'POST', `/api/lists/${listId}/entries`, body);

describe('POST /api/lists/:listId/entries', () => {
  test('adds an EHR patient with the name and MRN the EHR gives as its snapshot', async () => {
    const list = await newList();
    const res = await addEntry(list.id, { patientId: 'a1' });
    expect(res.status).toBe(201);
    const entry = res.body as Entry;
    expect(entry).toMatchObject({ patientId: 'a1', mrn: 'MRN-A1', version: 1, addedBy: 'Dr. Ada Test' });
    expect(entry.display).toContain('Alder1');
    expect(entry.manual).toBeUndefined();
    const stored = (await app.call(USER_A, 'GET', `/api/lists/${list.id}`)).body as List;
    expect(stored.entries).toEqual([entry]);
    expect(stored.version).toBe(1);
    expect(stored.updatedAt >= list.updatedAt).toBe(true);
  });

  test('refuses a patient id the EHR does not know with a 400 naming patientId', async () => {
    const list = await newList();
    const res = await addEntry(list.id, { patientId: 'nobody' });
    expect(res.status).toBe(400);
    expect(diagnostics(res)).toBe('patientId: the EHR has no patient with this id');
  });

  test("refuses another tenant's patient as unknown", async () => {
    const list = await newList();
    expect((await addEntry(list.id, { patientId: 'b1' })).status).toBe(400);
  });

  test('refuses the same patient twice with a 409 that names the existing entry', async () => {
    const list = await newList();
    const first = await addEntry(list.id, { patientId: 'a2' });
    const again = await addEntry(list.id, { patientId: 'a2' });
    expect(again.status).toBe(409);
    expect(diagnostics(again)).toBe('This patient is already on the list');
    expect(again.body.existingEntryId).toBe(first.body.id);
    const sameMrn = { manual: { name: 'Hand Written', mrn: 'H-1' } };
    expect((await addEntry(list.id, sameMrn)).status).toBe(201);
    expect((await addEntry(list.id, { manual: { name: 'Other', mrn: 'h-1' } })).status).toBe(409);
  });

  test('adds a manual patient with its own fields as the snapshot', async () => {
    const list = await newList();
    const manual = { name: 'Walk-in Patient', mrn: 'W-7', birthDate: '1980-02-29', gender: 'other', location: 'ED bay 3' };
    const res = await addEntry(list.id, { manual });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ manual, display: 'Walk-in Patient', mrn: 'W-7' });
    expect(res.body.patientId).toBeUndefined();
  });

  test.each([
    [{}, /patientId: send either patientId or manual/],
    [{ patientId: 'a1', manual: { name: 'x' } }, /send either patientId or manual/],
    [{ patientId: 'a b' }, /patientId: must be a FHIR id/],
    [{ patientId: 'x'.repeat(65) }, /patientId/],
    [{ manual: { name: '' } }, /manual\.name: must not be empty/],
    [{ manual: { name: 'x', birthDate: '1980-02-30' } }, /manual\.birthDate: must be a real date/],
    [{ manual: { name: 'x', birthDate: '80-1-1' } }, /manual\.birthDate: must be YYYY-MM-DD/],
    [{ manual: { name: 'x', gender: 'm' } }, /manual\.gender/],
    [{ manual: { name: 'x', ward: '4' } }, /ward/],
  ])('refuses %j with a 400 naming the field', async (body, message) => {
    const list = await newList();
    const res = await addEntry(list.id, body);
    expect(res.status).toBe(400);
    expect(diagnostics(res)).toMatch(message);
  });

  test("answers 404 for another tenant's list, before asking the EHR", async () => {
    const list = await newList(USER_B);
    app.partner!.resetStats();
    expect((await addEntry(list.id, { patientId: 'a1' })).status).toBe(404);
    expect(app.partner!.stats.fhirRequests).toBe(0);
  });

  test('lets two clinicians add different patients at the same moment', async () => {
    const list = await newList();
    const [one, two] = await Promise.all([addEntry(list.id, { patientId: 'a1' }), addEntry(list.id, { patientId: 'a2' }, USER_A2)]);
    expect([one.status, two.status]).toEqual([201, 201]);
    const stored = (await app.call(USER_A, 'GET', `/api/lists/${list.id}`)).body as List;
    expect(stored.entries.map((e) => e.patientId).sort()).toEqual(['a1', 'a2']);
  });

  test('refuses the 501st patient with a 400 that gives the limit', async () => {
    const list = await newList();
    const at = new Date().toISOString();
    for (let i = 0; i < 500; i += 1) {
      const result = await app.store.addEntry(
        TENANT_A,
        list.id,
        { id: randomUUID(), manual: { name: `P ${i}` }, display: `P ${i}`, addedBy: 'x', addedAt: at },
        500,
      );
      expect(result.status).toBe('ok');
    }
    const res = await addEntry(list.id, { manual: { name: 'One too many' } });
    expect(res.status).toBe(400);
    expect(diagnostics(res)).toMatch(/at most 500 patients/);
  });
});

describe('DELETE /api/lists/:listId/entries/:entryId', () => {
  test('removes the entry with 204, then answers 404 for it', async () => {
    const list = await newList();
    const entry = (await addEntry(list.id, { manual: { name: 'Gone Soon' } })).body as Entry;
    const res = await app.call(USER_A, 'DELETE', `/api/lists/${list.id}/entries/${entry.id}`);
    expect(res.status).toBe(204);
    expect(((await app.call(USER_A, 'GET', `/api/lists/${list.id}`)).body as List).entries).toEqual([]);
    expect((await app.call(USER_A, 'DELETE', `/api/lists/${list.id}/entries/${entry.id}`)).status).toBe(404);
  });

  test("answers 404 for an entry of another list, another tenant's entry, and 400 for a malformed id", async () => {
    const list = await newList();
    const other = await newList();
    const entry = (await addEntry(list.id, { manual: { name: 'Stays' } })).body as Entry;
    expect((await app.call(USER_A, 'DELETE', `/api/lists/${other.id}/entries/${entry.id}`)).status).toBe(404);
    expect((await app.call(USER_B, 'DELETE', `/api/lists/${list.id}/entries/${entry.id}`)).status).toBe(404);
    const bad = await app.call(USER_A, 'DELETE', `/api/lists/${list.id}/entries/not-an-id`);
    expect(bad.status).toBe(400);
    expect(diagnostics(bad)).toMatch(/entryId/);
    expect(((await app.call(USER_A, 'GET', `/api/lists/${list.id}`)).body as List).entries).toHaveLength(1);
  });
});

describe('PUT /api/lists/:listId/entries/:entryId/note', () => {
  async function listWithEntry(): Promise<{ list: List; entry: Entry }> {
    const list = await newList();
    const entry = (await addEntry(list.id, { manual: { name: 'Noted Patient' } })).body as Entry;
    return { list, entry };
  }
  const putNote = (list: List, entry: Entry, body: unknown, userId = USER_A): ReturnType<ListsApp['call']> =>
    app.call(userId, 'PUT', `/api/lists/${list.id}/entries/${entry.id}/note`, body);

  test('saves the note with its author and time and bumps the entry version', async () => {
    const { list, entry } = await listWithEntry();
    const res = await putNote(list, entry, { text: 'NPO after midnight', version: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: entry.id, version: 2, note: { text: 'NPO after midnight', author: 'Dr. Ada Test' } });
    expect(Date.parse(String(res.body.note.updatedAt))).not.toBeNaN();
  });

  test('answers a stale version with a 409 carrying the current entry and its note', async () => {
    const { list, entry } = await listWithEntry();
    await putNote(list, entry, { text: 'first', version: 1 });
    const res = await putNote(list, entry, { text: 'second', version: 1 }, USER_A2);
    expect(res.status).toBe(409);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.current).toMatchObject({ id: entry.id, version: 2, note: { text: 'first', author: 'Dr. Ada Test' } });
  });

  test('clears the note with empty text', async () => {
    const { list, entry } = await listWithEntry();
    await putNote(list, entry, { text: 'temporary', version: 1 });
    const res = await putNote(list, entry, { text: '', version: 2 });
    expect(res.status).toBe(200);
    expect(res.body.note).toBeUndefined();
  });

  test('refuses a note over 4,000 characters, a missing version and another tenant', async () => {
    const { list, entry } = await listWithEntry();
    const long = await putNote(list, entry, { text: 'x'.repeat(4001), version: 1 });
    expect(long.status).toBe(400);
    expect(diagnostics(long)).toMatch(/text: must be at most 4000 characters/);
    expect((await putNote(list, entry, { text: 'x'.repeat(4000), version: 1 })).status).toBe(200);
    const noVersion = await putNote(list, entry, { text: 'x' });
    expect(noVersion.status).toBe(400);
    expect(diagnostics(noVersion)).toMatch(/version/);
    expect((await putNote(list, entry, { text: 'x', version: 2 }, USER_B)).status).toBe(404);
    const missing = await app.call(USER_A, 'PUT', `/api/lists/${list.id}/entries/${randomUUID()}/note`, { text: 'x', version: 1 });
    expect(missing.status).toBe(404);
  });
});
