// The CSV export's order (server/lists/sort-rows.ts) against the screen's (tab/shared/row-view.ts sortRows): the
// same rows, the same saved sort, the same order, for every column that sorts by a value both sides read alike.
import { describe, expect, test } from 'vitest';
import type { ColumnId, Row } from '../../server/wire/contract';
import { sortRowsForExport } from '../../server/lists/sort-rows';
import { createI18n } from '../../tab/shared/i18n/I18nProvider';
import { sortRows } from '../../tab/shared/row-view';
import { ADA } from '../tab/support/fixtures';

const NOW = new Date('2026-11-25T12:00:00Z');
const empty = { conditions: [], vitals: [], labs: [], allergies: [], medications: [], coverage: [], issues: [], changes: [] };

function row(id: string, extra: Partial<Row> = {}, patient: Partial<Row['patient']> = {}): Row {
  return { entryId: id, patient: { ...ADA, id, name: `${id} Ann`, family: id, given: ['Ann'], ...patient }, display: id, ...empty, ...extra };
}

const ROWS: Row[] = [
  row('Carr', { encounter: { status: 'in-progress', location: '4W-2', start: '2026-11-20T08:00:00Z', participants: [] }, news2: { score: 3, band: 'low-medium', partial: false, missing: [], parameters: [] } }, { birthDate: '1990-05-01', mrn: 'M-20' }),
  row('abbot', { encounter: { status: 'in-progress', location: '4W-10', start: '2026-11-22T08:00:00Z', participants: [] }, labs: [{ name: 'K', value: 6.8, flag: 'critical-high' }] }, { birthDate: '1940-01-02', mrn: 'M-3' }),
  row('Dunn', { encounter: { status: 'finished', location: '4W-1', start: '2026-11-01T08:00:00Z', end: '2026-11-10T08:00:00Z', participants: [] } }, { birthDate: '1970-07-07' }),
  row('Bell', { allergies: [{ substance: 'Penicillin', reactions: [] }], news2: { score: 7, band: 'high', partial: false, missing: [], parameters: [] } }, { birthDate: undefined, mrn: 'M-100' }),
  { entryId: 'walk-in', display: 'Zed Walk', manual: { name: 'Zed Walk', location: 'ED 3', birthDate: '2001-01-01' }, ...empty },
  row('Eve', {}, { deceased: true, birthDate: '1930-01-01' }),
];

const COLUMNS: ColumnId[] = ['name', 'mrn', 'age', 'birthDate', 'location', 'admitted', 'news2', 'labs', 'allergies', 'note'];

describe('the export sorts like the screen', () => {
  for (const column of COLUMNS) {
    for (const direction of ['asc', 'desc'] as const) {
      test(`by ${column} ${direction}: the same order, blanks and the discharged or deceased last`, () => {
        const screen = sortRows(ROWS, column, direction, createI18n('en-US'), NOW).map((r) => r.entryId);
        const exported = sortRowsForExport(ROWS, { column, direction }, 'en', NOW).map((r) => r.entryId);
        expect(exported).toEqual(screen);
        expect(exported.slice(-2).sort()).toEqual(['Dunn', 'Eve']);
      });
    }
  }

  test('keeps the order added, the gone last, when the list has no saved sort', () => {
    expect(sortRowsForExport(ROWS, undefined, 'fr', NOW).map((r) => r.entryId)).toEqual(['Carr', 'abbot', 'Bell', 'walk-in', 'Dunn', 'Eve']);
  });
});
