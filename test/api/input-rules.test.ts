// Text and numbers either stored exactly as sent or refused with a 400 naming the field, on every store:
// PostgreSQL refuses NUL in text and integers past 2^31 - 1, and no store can keep a lone UTF-16 surrogate.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Entry, ImportReport, List } from '../../server/wire/contract.js';
import { diagnostics, startListsApp, USER_A, type ListsApp } from '../support/lists-app.js';
import { storesUnderTest } from '../support/stores.js';

const CONTEXT = { kind: 'channel', id: '19:rules@thread.tacv2' } as const;
const IMPORT = `/api/lists/import?contextKind=channel&contextId=${encodeURIComponent(CONTEXT.id)}`;
const NOTE_URL = 'https://rounds.app/fhir/StructureDefinition/list-entry-note';
const fhirList = (entry: Record<string, unknown>, title?: string): string =>
  JSON.stringify({ resourceType: 'List', title, entry: [{ item: { display: 'Walk-in, Pat' }, ...entry }] });

interface Ids {
  listId: string;
  entryId: string;
}

/** [what, method, path, body, content type, the field the 400 must name]. */
const REFUSALS: Array<[string, string, (ids: Ids) => string, unknown, string | undefined, RegExp]> = [
  ['a list name with NUL', 'POST', () => '/api/lists', { name: 'Ward\u0000 4', context: CONTEXT }, undefined, /name: must not contain control characters/],
  ['a list name with a lone surrogate', 'POST', () => '/api/lists', { name: 'Ward \ud800', context: CONTEXT }, undefined, /name: must be valid Unicode text/],
  ['a rename with NUL', 'PATCH', ({ listId }) => `/api/lists/${listId}`, { name: 'a\u0000', version: 1 }, undefined, /name: must not contain control/],
  ['a list version past 2^31 - 1', 'PATCH', ({ listId }) => `/api/lists/${listId}`, { name: 'Ward 5', version: 2 ** 31 }, undefined, /version: must be at most 2147483647/],
  ['a manual name with NUL', 'POST', ({ listId }) => `/api/lists/${listId}/entries`, { manual: { name: 'Zed\u0000' } }, undefined, /manual\.name: must not contain control/],
  ['a manual MRN with a lone surrogate', 'POST', ({ listId }) => `/api/lists/${listId}/entries`, { manual: { name: 'Zed', mrn: '\udc00' } }, undefined, /manual\.mrn: must be valid Unicode/],
  ['a manual location with a bell', 'POST', ({ listId }) => `/api/lists/${listId}/entries`, { manual: { name: 'Zed', location: 'Bay\u0007' } }, undefined, /manual\.location: must not contain control/],
  ['a note with NUL', 'PUT', ({ listId, entryId }) => `/api/lists/${listId}/entries/${entryId}/note`, { text: 'K+\u0000', version: 1 }, undefined, /text: must not contain control characters other than tabs and line breaks/],
  ['a note version past 2^31 - 1', 'PUT', ({ listId, entryId }) => `/api/lists/${listId}/entries/${entryId}/note`, { text: 'K+', version: 2 ** 31 }, undefined, /version: must be at most 2147483647/],
  ['an imported CSV name with NUL', 'POST', () => IMPORT, 'name,mrn\nZed\u0000,M-1\n', 'text/csv', /row 2, name: must not contain control/],
  ['an imported CSV note with NUL', 'POST', () => IMPORT, 'name,note\nZed,K+\u0000\n', 'text/csv', /row 2, note: must not contain control/],
  ['an imported list title with NUL', 'POST', () => IMPORT, fhirList({}, 'Ward\u0000'), 'application/fhir+json', /title: must not contain control/],
  ['an imported display with a lone surrogate', 'POST', () => IMPORT, JSON.stringify({ resourceType: 'List', entry: [{ item: { display: '\ud800' } }] }), 'application/fhir+json', /entry 1, name: must be valid Unicode/],
  ['an imported note author with NUL', 'POST', () => IMPORT, fhirList({ extension: [{ url: NOTE_URL, valueAnnotation: { text: 'K+', authorString: 'Dr\u0000' } }] }), 'application/fhir+json', /entry 1, note author: must not contain control/],
  ['an import name with NUL', 'POST', () => `${IMPORT}&name=%00`, 'name\nZed\n', 'text/csv', /name: must not contain control/],
  ['a duplicated contextKind', 'GET', () => '/api/lists?contextKind=channel&contextKind=chat&contextId=1', undefined, undefined, /contextKind/],
  ['a duplicated patient name', 'GET', () => '/api/patients?name=a&name=b', undefined, undefined, /name/],
  ['a duplicated audit limit', 'GET', ({ listId }) => `/api/audit?listId=${listId}&limit=1&limit=2`, undefined, undefined, /limit/],
  ['a duplicated export format', 'GET', ({ listId }) => `/api/lists/${listId}/export?format=csv&format=fhir`, undefined, undefined, /format/],
];

describe.each(await storesUnderTest('the input-rules suite'))('input rules on $name', (stores) => {
  let app: ListsApp;
  let ids: Ids;

  beforeAll(async () => {
    app = await startListsApp({ store: await stores.open() });
    const list = (await app.call(USER_A, 'POST', '/api/lists', { name: 'Ward 4', context: CONTEXT })).body as List;
    const entry = (await app.call(USER_A, 'POST', `/api/lists/${list.id}/entries`, { manual: { name: 'Walk-in, Pat' } })).body as Entry;
    ids = { listId: list.id, entryId: entry.id };
  });
  afterAll(async () => {
    await app.close();
    await stores.cleanUp();
  });

  test.each(REFUSALS)('refuses %s with a 400 naming the field', async (_what, method, path, body, contentType, field) => {
    const res = await app.call(USER_A, method, path(ids), body, contentType ? { 'content-type': contentType } : {});
    expect(res.status, res.text).toBe(400);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(diagnostics(res)).toMatch(field);
  });

  test('stores names and notes in any script, with line breaks and emoji, exactly as sent', async () => {
    const name = 'Ñandú-Ōtsuka, 名前 \u202eRTL\u202c 💉 e\u0301';
    const note = 'line 1\r\n\tline 2: K+ 4.1 💉 ünïcødé';
    const entry = (await app.call(USER_A, 'POST', `/api/lists/${ids.listId}/entries`, { manual: { name, location: 'Bay 3 🛏' } })).body as Entry;
    const saved = await app.call(USER_A, 'PUT', `/api/lists/${ids.listId}/entries/${entry.id}/note`, { text: note, version: 1 });
    expect(saved.status).toBe(200);
    const list = (await app.call(USER_A, 'GET', `/api/lists/${ids.listId}`)).body as List;
    const stored = list.entries.find((e) => e.id === entry.id);
    expect(stored?.manual).toEqual({ name, location: 'Bay 3 🛏' });
    expect(stored?.note?.text).toBe(note);
  });

  test('quotes an imported note time it can store, leaves out one outside years 1 to 9999, and stamps the import time', async () => {
    const entry = (time: string): Record<string, unknown> => ({
      item: { display: `Patient at ${time}` },
      extension: [{ url: NOTE_URL, valueAnnotation: { text: 'K+', time } }],
    });
    const times = ['2026-01-02T03:04:05Z', '+275760-09-13T00:00:00Z', '0000-01-01', '-000010-01-01T00:00:00Z'];
    const res = await app.call(USER_A, 'POST', IMPORT, JSON.stringify({ resourceType: 'List', entry: times.map(entry) }), {
      'content-type': 'application/fhir+json',
    });
    expect(res.status, res.text).toBe(201);
    const notes = (res.body as ImportReport).list.entries.map((e) => e.note);
    // The note is the importer's, written now; the time the file claims is kept as quoted text when storable.
    expect(notes[0]?.text).toBe('[Imported note, written on 2026-01-02T03:04:05.000Z]\nK+');
    for (const note of notes.slice(1)) expect(note?.text).toBe('K+');
    for (const note of notes) expect(note?.updatedAt).toMatch(/^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  test('refuses a CSV it cannot read naming the line, without quoting the patient in the cell', async () => {
    const res = await app.call(USER_A, 'POST', IMPORT, 'name,mrn\nZed "Smithers",MRN-0042\n', { 'content-type': 'text/csv' });
    expect(res.status).toBe(400);
    expect(diagnostics(res)).toMatch(/The CSV could not be read: Invalid Opening Quote \(line 2\)/);
    expect(res.text).not.toMatch(/Zed|Smithers|MRN-0042/);
  });
});
