// Blank is not "none" (#11 item 12): a recorded answer, nothing recorded and an unread EHR read differently, and
// rows with nothing in the sorted column come after the others in either direction.
import { describe, expect, test } from 'vitest';
import type { ColumnId, Row } from '../../server/wire/contract';
import { createI18n } from '../../tab/shared/i18n/I18nProvider';
import { cellText, sortRows } from '../../tab/shared/row-view';
import { ADA, BEN } from './support/fixtures';

const en = createI18n('en-US');
const fr = createI18n('fr-FR');
const NOW = new Date('2026-11-25T12:00:00Z');
const empty = { conditions: [], vitals: [], labs: [], allergies: [], medications: [], coverage: [], issues: [], changes: [] };
const inBed = { status: 'in-progress', start: '2026-11-20T08:00:00Z', participants: [] };
const noKnownAllergy = { substance: 'No known allergy', isNoKnownAllergy: true, reactions: [] };

function row(id: string, extra: Partial<Row> = {}): Row {
  return { entryId: id, patient: { ...ADA, id, name: id, family: id }, display: id, ...empty, ...extra };
}

const ids = (rows: Row[]): string[] => rows.map((r) => r.entryId);

describe('the allergies cell', () => {
  test('says "No known allergies" when the EHR recorded that, in English and French', () => {
    const nka = row('nka', { allergies: [noKnownAllergy] });
    expect(cellText(nka, 'allergies', en)).toBe('No known allergies');
    expect(cellText(nka, 'allergies', fr)).toBe('Aucune allergie connue');
  });

  test('says "None recorded" when the EHR has no allergy record at all', () => {
    expect(cellText(row('none'), 'allergies', en)).toBe('None recorded');
    expect(cellText(row('none'), 'allergies', fr)).toBe('Rien d’enregistré');
  });

  test('lists the substances, leaving out a "no known allergy" recorded beside them', () => {
    const both = row('both', { allergies: [noKnownAllergy, { substance: 'Penicillin', reactions: [] }] });
    expect(cellText(both, 'allergies', en)).toBe('Penicillin');
  });

  test('stays blank when the allergies could not be read or the patient is a manual entry', () => {
    expect(cellText(row('failed', { issues: ['AllergyIntolerance: 500 from the EHR'] }), 'allergies', en)).toBe('');
    const manual: Row = { entryId: 'm', display: 'Walk-in', manual: { name: 'Walk-in' }, ...empty };
    expect(cellText(manual, 'allergies', en)).toBe('');
  });
});

describe('the location cell', () => {
  test('says "Not admitted" without a current stay, and for a stay never under way', () => {
    expect(cellText(row('out'), 'location', en)).toBe('Not admitted');
    expect(cellText(row('out'), 'location', fr)).toBe('Non hospitalisé(e)');
    expect(cellText(row('planned', { encounter: { ...inBed, status: 'planned' } }), 'location', en)).toBe('Not admitted');
  });

  test('says "Bed not recorded" for an admitted patient with no location', () => {
    expect(cellText(row('nobed', { encounter: inBed }), 'location', en)).toBe('Bed not recorded');
    expect(cellText(row('nobed', { encounter: inBed }), 'location', fr)).toBe('Lit non renseigné');
    expect(cellText(row('bed', { encounter: { ...inBed, location: '4W-12' } }), 'location', en)).toBe('4W-12');
  });

  test('stays blank when the encounter or its location could not be read', () => {
    expect(cellText(row('failed', { issues: ['Encounter: 404 from the EHR'] }), 'location', en)).toBe('');
    expect(cellText(row('loc', { encounter: inBed, issues: ['Location: 500 from the EHR'] }), 'location', en)).toBe('');
    const unread: Row = { entryId: 'u', display: 'Ada', ...empty, issues: ['EHR unavailable'] };
    expect(cellText(unread, 'location', en)).toBe('');
  });
});

describe('sorting with blanks', () => {
  const rows: Row[] = [
    row('blank', { encounter: inBed }),
    row('b', { encounter: { ...inBed, location: 'B-2' }, allergies: [{ substance: 'Latex', reactions: [] }], news2: undefined }),
    row('none', {}),
    row('a', { encounter: { ...inBed, location: 'A-1' }, allergies: [noKnownAllergy] }),
    row('c', { encounter: { ...inBed, location: 'C-3' }, allergies: [{ substance: 'Aspirin', reactions: [] }] }),
  ];

  test.each(['asc', 'desc'] as const)('puts "Bed not recorded" and "Not admitted" after every bed (%s)', (direction) => {
    const sorted = ids(sortRows(rows, 'location', direction, en, NOW));
    expect(sorted.slice(0, 3)).toEqual(direction === 'asc' ? ['a', 'b', 'c'] : ['c', 'b', 'a']);
    expect(sorted.slice(3)).toEqual(['blank', 'none']);
  });

  test.each(['asc', 'desc'] as const)('puts "None recorded" after every allergy answer, "No known allergies" among them (%s)', (direction) => {
    const sorted = ids(sortRows(rows, 'allergies', direction, en, NOW));
    expect(sorted.slice(0, 3)).toEqual(direction === 'asc' ? ['c', 'b', 'a'] : ['a', 'b', 'c']);
    expect(sorted.slice(3)).toEqual(['blank', 'none']);
  });

  const byColumn: [ColumnId, Row[], string[]][] = [
    ['age', [row('x', { patient: { ...BEN, id: 'x' } }), row('nobirth', { patient: { ...ADA, birthDate: undefined } }), row('y')], ['x', 'y']],
    ['admitted', [row('x', { encounter: inBed }), row('out'), row('y', { encounter: { ...inBed, start: '2026-11-21T08:00:00Z' } })], ['x', 'y']],
    ['news2', [row('out'), row('x', { news2: { score: 2, band: 'low', partial: false, missing: [], parameters: [] } }), row('y', { news2: { score: 7, band: 'high', partial: false, missing: [], parameters: [] } })], ['x', 'y']],
    ['conditions', [row('x', { conditions: [{ text: 'Asthma' }] }), row('out'), row('y', { conditions: [{ text: 'Sepsis' }] })], ['x', 'y']],
  ];

  test.each(byColumn)('puts rows with no %s last in both directions', (column, list, ascending) => {
    const blank = list.map((r) => r.entryId).filter((id) => !ascending.includes(id));
    expect(ids(sortRows(list, column, 'asc', en, NOW))).toEqual([...ascending, ...blank]);
    expect(ids(sortRows(list, column, 'desc', en, NOW))).toEqual([...[...ascending].reverse(), ...blank]);
  });

  test('keeps discharged and deceased patients after the blanks', () => {
    const discharged = row('gone', { encounter: { ...inBed, status: 'finished', end: '2026-11-24T08:00:00Z', location: 'A-0' } });
    const deceased = row('dead', { patient: { ...ADA, id: 'dead', deceased: true }, encounter: { ...inBed, location: 'A-0' } });
    for (const direction of ['asc', 'desc'] as const) {
      const sorted = ids(sortRows([discharged, row('none'), deceased, ...rows.slice(3)], 'location', direction, en, NOW));
      expect(sorted[2]).toBe('none');
      expect(sorted.slice(3).sort()).toEqual(['dead', 'gone']);
    }
  });
});
