import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Entry, ImportReport, List, ListSort } from '../../server/wire/contract.js';
import { startListsApp, USER_A, type ListsApp } from '../support/lists-app.js';

let app: ListsApp;
beforeAll(async () => {
  app = await startListsApp();
});
afterAll(() => app.close());

const newContext = (): { kind: 'channel'; id: string } => ({ kind: 'channel', id: `19:${randomUUID()}@thread.tacv2` });

/** Two EHR patients (Alder1, Alder2), a walk-in with a bed and one with none, under a saved sort. */
async function sortedList(sort: ListSort): Promise<List> {
  const created = await app.call(USER_A, 'POST', '/api/lists', {
    name: 'Ward 4',
    context: newContext(),
    columns: ['name', 'mrn', 'location', 'vitals', 'note'],
  });
  const list = created.body as List;
  const add = async (body: unknown): Promise<Entry> =>
    (await app.call(USER_A, 'POST', `/api/lists/${list.id}/entries`, body)).body as Entry;
  await add({ patientId: 'a1' });
  await add({ manual: { name: 'No Bed' } });
  await add({ patientId: 'a2' });
  const walkIn = await add({ manual: { name: 'Walk-in, Pat', mrn: 'W-7', location: 'ED bay 3' } });
  await app.call(USER_A, 'PUT', `/api/lists/${list.id}/entries/${walkIn.id}/note`, { text: 'Chest pain, trop at 10', version: 1 });
  const { version } = (await app.call(USER_A, 'GET', `/api/lists/${list.id}`)).body as List;
  const patched = await app.call(USER_A, 'PATCH', `/api/lists/${list.id}`, { version, sort });
  expect(patched.status).toBe(200);
  return patched.body as List;
}

async function exportCsv(list: List, query: string): Promise<{ header: string[]; lines: string[][]; text: string }> {
  const res = await app.call(USER_A, 'GET', `/api/lists/${list.id}/export?format=csv${query}`);
  expect(res.status).toBe(200);
  const [header, ...lines]: string[][] = parse(res.text, { bom: true });
  return { header: header!, lines, text: res.text };
}

const names = (lines: string[][]): string[] => lines.map((line) => line[0]!.replace(/\s+/g, ' '));

describe('the CSV export matches the screen', () => {
  test('lists the rows in the saved sort, blanks last whatever the direction', async () => {
    const byName = await sortedList({ column: 'name', direction: 'desc' });
    expect(names((await exportCsv(byName, '')).lines)).toEqual(['Walk-in, Pat', 'No Bed', 'Ann Alder2', 'Ann Alder1']);
    const byBed = await sortedList({ column: 'location', direction: 'desc' });
    // "No Bed" has no location: after the others in descending order too, as on the screen.
    expect(names((await exportCsv(byBed, '')).lines)).toEqual(['Ann Alder2', 'Ann Alder1', 'Walk-in, Pat', 'No Bed']);
  });

  test('heads the columns with their French labels, then the re-import block by stable id, with French vital labels', async () => {
    const list = await sortedList({ column: 'name', direction: 'asc' });
    const { header, lines } = await exportCsv(list, '&lang=fr');
    expect(header).toEqual([
      'Patient', 'IPP', 'Chambre/lit', 'Dernières constantes', 'Note d’équipe',
      'patientId', 'name', 'mrn', 'birthDate', 'gender', 'location', 'note',
    ]);
    expect(names(lines)).toEqual(['Ann Alder1', 'Ann Alder2', 'No Bed', 'Walk-in, Pat']);
    // The screen's short label ("PA", not "Blood pressure panel").
    expect(lines[0]![3]).toMatch(/^PA 128\/82 mmHg/);
    const english = await exportCsv(list, '');
    expect(english.header.slice(0, 4)).toEqual(['Patient', 'MRN', 'Location/bed', 'Latest vitals']);
    expect(english.lines[0]![3]).toMatch(/^BP 128\/82 mmHg/);
  });

  test('reads any language but French as English', async () => {
    const list = await sortedList({ column: 'name', direction: 'asc' });
    for (const query of ['&lang=de', '&lang=', '&lang=FR%0A', '&lang=fr&lang=en']) {
      expect((await exportCsv(list, query)).header[1]).toBe('MRN');
    }
  });

  test('a French CSV imports back to the same columns, patients, manual entries and notes, in the sorted order', async () => {
    const list = await sortedList({ column: 'name', direction: 'desc' });
    const { text } = await exportCsv(list, '&lang=fr');
    const res = await app.call(
      USER_A,
      'POST',
      `/api/lists/import?contextKind=channel&contextId=${encodeURIComponent(newContext().id)}&name=Restored`,
      text,
      { 'content-type': 'text/csv' },
    );
    expect(res.status).toBe(201);
    const restored = (res.body as ImportReport).list;
    expect(restored.columns).toEqual(list.columns);
    expect(restored.entries.map((e) => e.patientId ?? e.manual)).toEqual([
      { name: 'Walk-in, Pat', mrn: 'W-7', location: 'ED bay 3' },
      { name: 'No Bed' },
      'a2',
      'a1',
    ]);
    expect(restored.entries[0]!.note?.text).toBe('Chest pain, trop at 10');
  });
});
