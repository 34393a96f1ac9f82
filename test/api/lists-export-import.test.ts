import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Entry, ImportReport, List } from '../../server/wire/contract.js';
import { NOTE_EXTENSION } from '../../server/lists/fhir-list.js';
import { r4PatientBundle } from '../support/r4-patient-bundle.js';
import { diagnostics, startListsApp, TENANT_A, TENANT_B, USER_A, USER_A2, USER_B, type ListsApp } from '../support/lists-app.js';

let app: ListsApp;
beforeAll(async () => {
  app = await startListsApp();
});
afterAll(() => app.close());

const newContext = (): { kind: 'channel'; id: string } => ({ kind: 'channel', id: `19:${randomUUID()}@thread.tacv2` });
const TRICKY_NOTE = 'Plan: "hold" meds, recheck K+\nthen call family; ünïcødé';

/** A list with two EHR patients (one with a note), two manual ones (one with a formula-like note). */
async function sampleList(): Promise<List> {
  const created = await app.call(USER_A, 'POST', '/api/lists', {
    name: 'Ward 4 / night',
    context: newContext(),
    columns: ['name', 'mrn', 'location', 'conditions', 'vitals', 'note'],
  });
  const list = created.body as List;
  const add = async (body: unknown): Promise<Entry> =>
    (await app.call(USER_A, 'POST', `/api/lists/${list.id}/entries`, body)).body as Entry;
  const a1 = await add({ patientId: 'a1' });
  await add({ patientId: 'a2' });
  const walkIn = await add({
    manual: { name: 'Walk-in, Pat', mrn: 'W-7', birthDate: '1980-02-29', gender: 'other', location: 'ED bay 3' },
  });
  await add({ manual: { name: 'No Number' } });
  await app.call(USER_A, 'PUT', `/api/lists/${list.id}/entries/${a1.id}/note`, { text: TRICKY_NOTE, version: 1 });
  await app.call(USER_A, 'PUT', `/api/lists/${list.id}/entries/${walkIn.id}/note`, { text: '=HYPERLINK("x")', version: 1 });
  return (await app.call(USER_A, 'GET', `/api/lists/${list.id}`)).body as List;
}

async function importInto(body: string, contentType: string, query = ''): Promise<Awaited<ReturnType<ListsApp['call']>>> {
  const context = newContext();
  return app.call(
    USER_A,
    'POST',
    `/api/lists/import?contextKind=channel&contextId=${encodeURIComponent(context.id)}${query}`,
    body,
    { 'content-type': contentType },
  );
}

/** What must survive a round trip: which patients, manual fields and notes, in order. */
const essence = (list: List): unknown[] =>
  list.entries.map((e) => ({ patientId: e.patientId, manual: e.manual, display: e.display, note: e.note?.text }));

describe('GET /api/lists/:listId/export', () => {
  test('sends a CSV attachment with the columns as text under their labels, then the re-import columns by id', async () => {
    const list = await sampleList();
    const res = await app.call(USER_A, 'GET', `/api/lists/${list.id}/export?format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="Ward 4 _ night\.csv"/);
    // A UTF-8 byte-order mark first, so spreadsheet programs read accents right (fetch's text() hides it).
    const raw = await fetch(`${app.url}/api/lists/${list.id}/export?format=csv`, {
      headers: { authorization: `Bearer ${await app.tokenFor(USER_A)}` },
    });
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...lines]: string[][] = parse(res.text, { bom: true });
    expect(header).toEqual([
      'Patient', 'MRN', 'Location/bed', 'Conditions', 'Latest vitals', 'Team note',
      'patientId', 'name', 'mrn', 'birthDate', 'gender', 'location', 'note',
    ]);
    expect(lines).toHaveLength(4);
    const [a1, , walkIn, noNumber] = lines as [string[], string[], string[], string[]];
    expect(a1[0]).toContain('Alder1');
    expect(a1.slice(1, 4)).toEqual(['MRN-A1', 'Ward 1, Room a1', 'Hypertensive disorder']);
    expect(a1[4]).toMatch(/128\/82/);
    expect(a1[5]).toBe(TRICKY_NOTE);
    expect(a1[6]).toBe('a1');
    // A cell that a spreadsheet would run as a formula is defused with a leading quote.
    expect(walkIn).toEqual([
      'Walk-in, Pat', 'W-7', 'ED bay 3', '', '', `'=HYPERLINK("x")`,
      '', 'Walk-in, Pat', 'W-7', '1980-02-29', 'other', 'ED bay 3', `'=HYPERLINK("x")`,
    ]);
    expect(noNumber[0]).toBe('No Number');
  });

  test('sends a FHIR List (R4) with Patient references, MRN identifiers, display-only manual items and notes', async () => {
    const list = await sampleList();
    const res = await app.call(USER_A, 'GET', `/api/lists/${list.id}/export?format=fhir`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.fhir\.json"/);
    const fhir = res.body;
    expect(fhir).toMatchObject({ resourceType: 'List', status: 'current', mode: 'working', title: 'Ward 4 / night' });
    expect(fhir.entry).toHaveLength(4);
    expect(fhir.entry[0].item).toMatchObject({ reference: 'Patient/a1', identifier: { value: 'MRN-A1' } });
    expect(fhir.entry[0].item.identifier.type.coding[0]).toMatchObject({ code: 'MR' });
    expect(fhir.entry[0].extension[0]).toMatchObject({
      url: 'https://rounds.app/fhir/StructureDefinition/list-entry-note',
      valueAnnotation: { text: TRICKY_NOTE, authorString: 'Dr. Ada Test' },
    });
    expect(fhir.entry[2].item).toEqual({
      display: 'Walk-in, Pat',
      identifier: expect.objectContaining({ value: 'W-7' }),
    });
    expect(fhir.entry[3].item).toEqual({ display: 'No Number' });
  });

  test("refuses an unknown format with a 400, and another tenant's list with a 404", async () => {
    const list = await sampleList();
    const bad = await app.call(USER_A, 'GET', `/api/lists/${list.id}/export?format=xlsx`);
    expect(bad.status).toBe(400);
    expect(diagnostics(bad)).toMatch(/format/);
    expect((await app.call(USER_B, 'GET', `/api/lists/${list.id}/export?format=csv`)).status).toBe(404);
  });
});

describe('export → import round trip', () => {
  test('a CSV gives back the same patients, manual entries and notes', async () => {
    const list = await sampleList();
    const csv = (await app.call(USER_A, 'GET', `/api/lists/${list.id}/export?format=csv`)).text;
    const res = await importInto(csv, 'text/csv', '&name=Restored');
    expect(res.status).toBe(201);
    const report = res.body as ImportReport;
    expect(report.list.name).toBe('Restored');
    expect(report.list.columns).toEqual(list.columns);
    expect(essence(report.list)).toEqual(essence(list));
    expect(report.keptAsManual).toEqual(['row 4 (Walk-in, Pat)', 'row 5 (No Number)']);
  });

  test('a FHIR List gives back the same patients, manual entries, notes (their first author quoted), and columns', async () => {
    const list = await sampleList();
    const fhir = (await app.call(USER_A, 'GET', `/api/lists/${list.id}/export?format=fhir`)).text;
    const res = await importInto(fhir, 'application/fhir+json');
    expect(res.status).toBe(201);
    const report = res.body as ImportReport;
    expect(report.list.name).toBe('Ward 4 / night');
    expect(report.list.columns).toEqual(list.columns);
    const quoted = (note: Entry['note']): string | undefined =>
      note && `[Imported note, written by ${note.author} on ${note.updatedAt}]\n${note.text}`;
    expect(essence(report.list)).toEqual(essence(list).map((e, i) => ({ ...(e as object), note: quoted(list.entries[i]!.note) })));
    expect(report.keptAsManual).toHaveLength(2);
  });

  test('cannot forge who wrote a note or when: the importer writes it now, and the file\'s claim stays quoted text', async () => {
    const forged = JSON.stringify({
      resourceType: 'List',
      status: 'current',
      mode: 'working',
      title: 'Forged',
      entry: [
        {
          item: { reference: 'Patient/a1' },
          extension: [
            {
              url: NOTE_EXTENSION,
              valueAnnotation: { text: 'Discharge today', authorString: 'Dr. Chief of Medicine', time: '2020-01-01T00:00:00Z' },
            },
          ],
        },
      ],
    });
    const before = Date.now();
    const res = await importInto(forged, 'application/fhir+json');
    expect(res.status).toBe(201);
    const note = (res.body as ImportReport).list.entries[0]?.note;
    expect(note?.author).not.toBe('Dr. Chief of Medicine');
    expect(Date.parse(note?.updatedAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
    expect(note?.text).toBe('[Imported note, written by Dr. Chief of Medicine on 2020-01-01T00:00:00.000Z]\nDischarge today');
  });
});

describe('POST /api/lists/import', () => {
  test('matches a patient by MRN through the EHR when the file has no id', async () => {
    const res = await importInto('Name,MRN,Notes\r\nSomeone,MRN-A3,bring results\r\n', 'text/csv');
    expect(res.status).toBe(201);
    const report = res.body as ImportReport;
    expect(report.list.name).toBe('Imported list');
    expect(report.list.entries[0]).toMatchObject({ patientId: 'a3', mrn: 'MRN-A3', note: { text: 'bring results' } });
    expect(report.list.entries[0]!.display).toContain('Alder3');
    expect(report.keptAsManual).toEqual([]);
  });

  test('keeps patients it cannot match as manual entries and reports them, never dropping one', async () => {
    const csv = 'patientId,name,mrn\nghost-1,Ghost One,\n,Unknown Two,MRN-NOPE\nb1,Other Tenant,\n';
    const res = await importInto(csv, 'text/csv');
    expect(res.status).toBe(201);
    const report = res.body as ImportReport;
    expect(report.list.entries.map((e) => [e.patientId, e.manual?.name, e.manual?.mrn])).toEqual([
      [undefined, 'Ghost One', undefined],
      [undefined, 'Unknown Two', 'MRN-NOPE'],
      [undefined, 'Other Tenant', undefined],
    ]);
    expect(report.keptAsManual).toEqual(['row 2 (Ghost One)', 'row 3 (Unknown Two)', 'row 4 (Other Tenant)']);
  });

  test('merges rows naming the same patient into one entry and reports them', async () => {
    const res = await importInto('patientId,note\na1,\na1,second copy\n', 'text/csv');
    expect(res.status).toBe(201);
    const report = res.body as ImportReport;
    expect(report.list.entries).toHaveLength(1);
    expect(report.list.entries[0]!.note?.text).toBe('second copy');
    expect(report.mergedDuplicates).toHaveLength(1);
    expect(report.mergedDuplicates![0]).toMatch(/^row 3 /);
  });

  test.each([
    ['a body that is not CSV', 'name\n"unclosed', 'text/csv', /The CSV could not be read/],
    ['a CSV without an identifying column', 'colour,size\nred,1\n', 'text/csv', /needs a patientId, mrn or name column/],
    ['a bad birth date', 'name,birthDate\nA,1980-01-01\nB,31/12/1980\n', 'text/csv', /^row 3, birthDate: must be a real date/],
    ['a row with nothing to identify', 'name,note\n,only a note\n', 'text/csv', /^row 2, patientId: each patient needs/],
    ['a resource that is not a List', '{"resourceType":"Patient"}', 'application/fhir+json', /resourceType/],
    ['an empty CSV', '', 'text/csv', /CSV is empty/],
  ])('refuses %s with a 400 that says why', async (_what, body, type, message) => {
    const res = await importInto(body, type);
    expect(res.status).toBe(400);
    expect(diagnostics(res)).toMatch(message);
  });

  test('refuses more than 500 patients with a 400 and creates nothing', async () => {
    const context = newContext();
    const csv = `name\n${Array.from({ length: 501 }, (_, i) => `Patient ${i}`).join('\n')}\n`;
    const res = await app.call(USER_A, 'POST', `/api/lists/import?contextKind=channel&contextId=${encodeURIComponent(context.id)}`, csv, {
      'content-type': 'text/csv',
    });
    expect(res.status).toBe(400);
    expect(diagnostics(res)).toMatch(/at most 500 patients/);
    const lists = await app.call(USER_A, 'GET', `/api/lists?contextKind=channel&contextId=${encodeURIComponent(context.id)}`);
    expect(lists.body.lists).toEqual([]);
  });

  test('refuses a FHIR List nested thousands of levels deep with a 400 that says so, not a 500', async () => {
    const context = newContext();
    const deep = `${'{"url":"x","extension":['.repeat(5_000)}{"url":"y"}${']}'.repeat(5_000)}`;
    const body = `{"resourceType":"List","status":"current","mode":"working","title":"Deep","entry":[{"item":{"reference":"Patient/a1"},"extension":[${deep}]}]}`;
    const res = await app.call(USER_A, 'POST', `/api/lists/import?contextKind=channel&contextId=${encodeURIComponent(context.id)}`, body, {
      'content-type': 'application/fhir+json',
    });
    expect(res.status).toBe(400);
    expect(diagnostics(res)).toBe('Invalid FHIR List: nested more than 32 levels deep');
    const lists = await app.call(USER_A, 'GET', `/api/lists?contextKind=channel&contextId=${encodeURIComponent(context.id)}`);
    expect(lists.body.lists).toEqual([]);
  });

  test('refuses a body over the limit with a 413, and another content type with a 415', async () => {
    const big = `name,note\n${`A,${'x'.repeat(1000)}\n`.repeat(1100)}`;
    const tooBig = await importInto(big, 'text/csv');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.resourceType).toBe('OperationOutcome');
    expect((await importInto('name\nA\n', 'text/plain')).status).toBe(415);
  });

  test("refuses to import into someone else's personal context, and needs a context", async () => {
    const res = await app.call(USER_A, 'POST', `/api/lists/import?contextKind=personal&contextId=${USER_A2}`, 'name\nA\n', {
      'content-type': 'text/csv',
    });
    expect(res.status).toBe(404);
    const missing = await app.call(USER_A, 'POST', '/api/lists/import', 'name\nA\n', { 'content-type': 'text/csv' });
    expect(missing.status).toBe(400);
    expect(diagnostics(missing)).toMatch(/contextKind/);
  });
});

describe('CSV cells a spreadsheet would run, from the EHR', () => {
  let odd: ListsApp;

  beforeAll(async () => {
    const ehrName = { family: '\u0007Bell\u0001', given: '＝cmd|calc' };
    odd = await startListsApp({
      partner: {
        tenants: {
          [TENANT_A]: [
            ...r4PatientBundle({ id: '-2-3', family: ehrName.family, given: ehrName.given, mrn: ' +1-555' }),
            ...r4PatientBundle({ id: 'a1', family: 'Plain', given: 'Ann', mrn: '\n@SUM(A1)' }),
          ],
          [TENANT_B]: [],
        },
      },
    });
  });
  afterAll(() => odd.close());

  test('are escaped in every column, the patient id too, and the file imports back to the same patients', async () => {
    const created = await odd.call(USER_A, 'POST', '/api/lists', { name: 'Odd', context: newContext(), columns: ['name', 'mrn'] });
    const list = created.body as List;
    for (const patientId of ['-2-3', 'a1']) expect((await odd.call(USER_A, 'POST', `/api/lists/${list.id}/entries`, { patientId })).status).toBe(201);
    const csv = (await odd.call(USER_A, 'GET', `/api/lists/${list.id}/export?format=csv`)).text;
    const table: string[][] = parse(csv.replace(/^\uFEFF/, ''), { relax_column_count: true });
    const [header, ...records] = table;
    const risky = /^(?:[\t\r\n]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;
    for (const record of records) for (const cell of record) expect(cell).not.toMatch(risky);
    expect(records[0]?.[header!.indexOf('patientId')]).toBe("'-2-3");
    expect(csv.includes('\u0001') || csv.includes('\u0007')).toBe(false);
    const back = await odd.call(USER_A, 'POST', `/api/lists/import?contextKind=channel&contextId=${encodeURIComponent(newContext().id)}`, csv, {
      'content-type': 'text/csv',
    });
    expect(back.status).toBe(201);
    expect((back.body as ImportReport).list.entries.map((e) => e.patientId)).toEqual(['-2-3', 'a1']);
  });
});
