// The age beside every value and the greying of old ones (#12 item 2).
import { describe, expect, test } from 'vitest';
import { createI18n } from '../../tab/shared/i18n/I18nProvider';
import { formatCompactAge, isOlderThan } from '../../tab/shared/i18n/format';
import { vitalEntries } from '../../tab/shared/row-view';
import { DEFAULT_STALE_AFTER_HOURS, groupByAge, staleAfterHoursOf, valueAge } from '../../tab/shared/value-age';

const NOW = new Date('2026-12-02T10:00:00Z');
const before = (seconds: number): string => new Date(NOW.getTime() - seconds * 1000).toISOString();
const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const plain = (text: string): string => text.replace(/\u00a0/g, ' ');
const en = createI18n('en-US');
const fr = createI18n('fr-FR');

describe('a value’s compact age', () => {
  test.each([
    [0, 'now'],
    [59, 'now'],
    [MINUTE, '1 min'],
    [59 * MINUTE + 59, '59 min'],
    [HOUR, '1 h'],
    [23 * HOUR, '23 h'],
    [DAY - 1, '23 h'],
    [DAY, '1 d'],
    [3 * DAY, '3 d'],
    [3 * DAY + 23 * HOUR, '3 d'],
    [45 * DAY, '45 d'],
  ])('%i seconds old reads "%s"', (seconds, expected) => {
    expect(plain(formatCompactAge(before(seconds), 'en-US', NOW))).toBe(expected);
  });

  test('is written in French for a French locale', () => {
    expect(plain(formatCompactAge(before(59), 'fr-FR', NOW))).toBe('à l’instant');
    expect(plain(formatCompactAge(before(2 * HOUR), 'fr-FR', NOW))).toBe('2 h');
    expect(plain(formatCompactAge(before(3 * DAY), 'fr-FR', NOW))).toBe('3 j');
  });

  test('keeps the number with its unit (no-break space), counts a future time as now, and leaves unreadable times blank', () => {
    expect(formatCompactAge(before(2 * HOUR), 'en-US', NOW)).toBe('2\u00a0h');
    expect(formatCompactAge('2026-12-02T11:00:00Z', 'en-US', NOW)).toBe('now');
    expect(formatCompactAge('yesterday', 'en-US', NOW)).toBe('');
    expect(formatCompactAge(undefined, 'en-US', NOW)).toBe('');
  });
});

describe('the stale threshold', () => {
  test('greys a value only once it is more than the threshold old', () => {
    expect(isOlderThan(before(24 * HOUR - 1), 24, NOW)).toBe(false);
    expect(isOlderThan(before(24 * HOUR), 24, NOW)).toBe(false);
    expect(isOlderThan(before(24 * HOUR + 1), 24, NOW)).toBe(true);
    expect(isOlderThan(undefined, 24, NOW)).toBe(false);
  });

  test('is 24 hours unless the list sets its own', () => {
    expect(DEFAULT_STALE_AFTER_HOURS).toBe(24);
    expect(staleAfterHoursOf(undefined)).toBe(24);
    expect(staleAfterHoursOf({})).toBe(24);
    expect(staleAfterHoursOf({ staleAfterHours: 6 })).toBe(6);
  });

  test('follows the list’s threshold: 8 hours old is fresh at 24 h, stale at 6 h', () => {
    expect(valueAge(before(8 * HOUR), 24, en, NOW)?.isStale).toBe(false);
    expect(valueAge(before(8 * HOUR), 6, en, NOW)?.isStale).toBe(true);
  });

  test('describes the age in words for screen readers, saying when it is past the threshold', () => {
    expect(valueAge(before(2 * HOUR), 24, en, NOW)).toEqual({ compact: '2\u00a0h', description: 'recorded 2 hours ago', isStale: false });
    expect(valueAge(before(3 * DAY), 24, en, NOW)).toEqual({
      compact: '3\u00a0d',
      description: 'recorded 3 days ago, more than 24 hours old',
      isStale: true,
    });
    expect(valueAge(before(3 * DAY), 24, fr, NOW)?.description).toBe('relevé il y a 3 jours, datant de plus de 24 heures');
    expect(valueAge(undefined, 24, en, NOW)).toBeUndefined();
  });
});

describe('the vitals of a cell', () => {
  test('carry each value’s own time', () => {
    const entries = vitalEntries(
      [
        { code: '8867-4', name: 'Heart rate', value: 72, unit: '/min', effective: before(HOUR), components: [] },
        { code: '29463-7', name: 'Body weight', value: 71, unit: 'kg', effective: before(3 * DAY), components: [] },
        { code: '9279-1', name: 'Respiratory rate', value: 18, unit: '/min', components: [] },
      ],
      en,
    );
    expect(entries.map((e) => [plain(e.text), e.effective])).toEqual([
      ['HR 72 /min', before(HOUR)],
      ['RR 18 /min', undefined],
      ['Wt 71 kg', before(3 * DAY)],
    ]);
  });
});

describe('values grouped by age', () => {
  test('neighbours of the same shown age share one age, in their order; values without a time stand alone', () => {
    const values = [
      { key: 'bp', effective: before(4 * HOUR + 10 * MINUTE) },
      { key: 'hr', effective: before(4 * HOUR + 50 * MINUTE) },
      { key: 'rr' },
      { key: 'spo2', effective: before(4 * HOUR) },
      { key: 'wt', effective: before(3 * DAY) },
    ];
    const groups = groupByAge(values, 24, en, NOW).map((g) => [g.age?.compact.replace(/\u00a0/g, ' '), g.age?.isStale, g.values.map((v) => v.key)]);
    expect(groups).toEqual([
      ['4 h', false, ['bp', 'hr']],
      [undefined, undefined, ['rr']],
      ['4 h', false, ['spo2']],
      ['3 d', true, ['wt']],
    ]);
  });
});
