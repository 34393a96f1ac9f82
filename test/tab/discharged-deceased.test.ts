// Discharged and deceased patients in the list's cells and order (#12 item 7).
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { EncounterSummary, PatientSummary, Row } from '../../server/wire/contract';
import { createI18n } from '../../tab/shared/i18n/I18nProvider';
import { ALL_COLUMNS, cellText, sortRows } from '../../tab/shared/row-view';
import { isDischarged, isGone } from '../../tab/shared/row-status';

const en = createI18n('en-US');
const fr = createI18n('fr-FR');
const NOW = new Date('2026-12-02T10:00:00Z');
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

const empty = { conditions: [], vitals: [], labs: [], allergies: [], medications: [], coverage: [], issues: [], changes: [] };
const patient = (id: string, given: string, family: string, extra: Partial<PatientSummary> = {}): PatientSummary => ({
  id,
  name: `${given} ${family}`,
  given: [given],
  family,
  prefix: [],
  ...extra,
});
const inBed: EncounterSummary = { status: 'in-progress', location: '4W Bed B', start: '2026-11-28T08:00:00Z', participants: ['Dr. Lee'] };
const finished: EncounterSummary = {
  status: 'finished',
  location: '4W Bed A',
  start: '2026-11-25T09:00:00Z',
  end: '2026-12-01T15:30:00Z',
  participants: ['Dr. Lee'],
};
function row(entryId: string, who: PatientSummary, encounter?: EncounterSummary, extra: Partial<Row> = {}): Row {
  return { entryId, display: who.name, patient: who, ...empty, ...(encounter ? { encounter } : {}), ...extra };
}

// Whatever the column, the discharged and deceased would sort first in one direction or the other: their
// names, ages, beds, dates and notes sit at both ends of every range.
const ada = row('ada', patient('p1', 'Ada', 'Mill', { birthDate: '1960-05-05', mrn: 'M-5', gender: 'female' }), inBed, {
  conditions: [{ text: 'Pneumonia' }],
  note: { text: 'NPO', author: 'x', updatedAt: '' },
});
const ben = row('ben', patient('p2', 'Ben', 'North', { birthDate: '1980-01-01', mrn: 'M-6', gender: 'male' }), inBed, {
  conditions: [{ text: 'Sepsis' }],
});
const discharged = row('dis', patient('p3', 'Aaron', 'Aardvark', { birthDate: '1930-01-01', mrn: 'M-1', gender: 'female' }), finished, {
  conditions: [{ text: 'Appendicitis' }],
  note: { text: 'A note', author: 'x', updatedAt: '' },
  news2: { score: 9, band: 'high', partial: false, missing: [], parameters: [] },
});
const deceased = row(
  'dec',
  patient('p4', 'Zed', 'Zulu', { birthDate: '2010-01-01', mrn: 'M-9', gender: 'male', deceased: true, deceasedDate: '2026-12-01T04:00:00Z' }),
  { ...inBed, location: '1A Bed 1', start: '2026-12-01T00:00:00Z', participants: ['Dr. Zed'] },
  { conditions: [{ text: 'Zoster' }], note: { text: 'Zz', author: 'x', updatedAt: '' } },
);
const ids = (rows: Row[]): string[] => rows.map((r) => r.entryId);

describe('a discharged patient', () => {
  test('shows "Discharged <date>" instead of the last bed, in the user’s language', () => {
    expect(cellText(discharged, 'location', en)).toBe('Discharged Dec 1');
    expect(cellText(discharged, 'location', fr)).toBe('Sorti(e) le 1 déc.');
    expect(cellText(ada, 'location', en)).toBe('4W Bed B');
  });

  test('is one whose latest encounter is finished, or has no status and an end already past', () => {
    expect(isDischarged(discharged)).toBe(true);
    const { status: _ignored, ...withoutStatus } = finished;
    expect(isDischarged(row('x', discharged.patient!, withoutStatus))).toBe(true);
    expect(isDischarged(row('x', discharged.patient!, { ...withoutStatus, end: '2026-12-03T10:00:00Z' }))).toBe(false);
    expect(isDischarged(row('x', discharged.patient!, { ...finished, status: 'cancelled' }))).toBe(false);
    expect(isDischarged(ada)).toBe(false);
    expect(isDischarged(row('x', ada.patient!))).toBe(false);
  });

  test('says "Discharged" alone when the EHR gave no end', () => {
    const { end: _ignored, ...noEnd } = finished;
    expect(cellText(row('x', discharged.patient!, noEnd), 'location', en)).toBe('Discharged');
  });

  test('with a year when the stay ended in another year', () => {
    expect(cellText(row('x', discharged.patient!, { ...finished, end: '2025-12-20T12:00:00Z' }), 'location', en)).toBe('Discharged Dec 20, 2025');
  });
});

describe('a deceased patient', () => {
  test('counts as gone, like a discharged one, and nobody else does', () => {
    expect(isGone(deceased)).toBe(true);
    expect(isGone(discharged)).toBe(true);
    expect(isGone(ada)).toBe(false);
    expect(isGone(row('x', patient('p', 'Al', 'Ive', { deceased: false }), inBed))).toBe(false);
  });
});

describe('sorting with discharged and deceased patients', () => {
  test.each(ALL_COLUMNS.flatMap((column) => [[column, 'asc'], [column, 'desc']] as const))(
    'puts them last by %s %s',
    (column, direction) => {
      const sorted = ids(sortRows([discharged, ada, deceased, ben], column, direction, en));
      expect(sorted.slice(2).sort()).toEqual(['dec', 'dis']);
      expect(sorted.slice(0, 2).sort()).toEqual(['ada', 'ben']);
    },
  );

  test('keeps the column’s order among them, both ways', () => {
    expect(ids(sortRows([deceased, ben, discharged, ada], 'name', 'asc', en))).toEqual(['ada', 'ben', 'dis', 'dec']);
    expect(ids(sortRows([deceased, ben, discharged, ada], 'name', 'desc', en))).toEqual(['ben', 'ada', 'dec', 'dis']);
  });

  test('puts them last in the order added too, keeping that order otherwise', () => {
    expect(ids(sortRows([deceased, ben, discharged, ada], undefined, 'asc', en))).toEqual(['ben', 'ada', 'dec', 'dis']);
  });
});
