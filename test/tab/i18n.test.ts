import { describe, expect, test } from 'vitest';
import { en } from '../../tab/shared/i18n/en';
import { fr } from '../../tab/shared/i18n/fr';
import { languageOf, normalizeLocale, translate } from '../../tab/shared/i18n/translate';
import { ageOf, formatAge as formatAgeFor, formatAgo, formatDate } from '../../tab/shared/i18n/format';

const placeholders = (value: unknown): string[] =>
  [...JSON.stringify(value).matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('the string catalogues', () => {
  test('French translates every English key, with the same placeholders and plural forms', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const [key, english] of Object.entries(en)) {
      const french = fr[key as keyof typeof en];
      expect(typeof french, key).toBe(typeof english);
      expect(placeholders(french), key).toEqual(placeholders(english));
      expect(JSON.stringify(french).length, key).toBeGreaterThan(2);
    }
  });

  test('French is really French where the words differ', () => {
    const same = Object.keys(en).filter((k) => JSON.stringify(en[k as keyof typeof en]) === JSON.stringify(fr[k as keyof typeof fr]));
    // Only names, symbols and abbreviations shared by both languages may be identical.
    expect(same.sort()).toEqual(
      [
        'app.title',
        'signIn.hospital',
        'vital.spo2',
        // O₂, supplemental oxygen, is written the same way in French.
        'vital.o2',
        'gender.male.short',
        'gender.female.short',
        'list.patientCount',
        'detail.type',
        'detail.noteBy',
        'column.allergies',
        'column.name',
        'detail.allergies',
        'note.label',
        'print.notes',
        'row.actions',
        'column.news2',
        // AVPU, the consciousness scale, is used as is in French wards too.
        'vital.consciousness',
        // Chemical symbols and the usual abbreviations of haemoglobin and CRP read the same in French.
        'lab.hb',
        'lab.na',
        'lab.k',
        'lab.crp',
      ].sort(),
    );
  });

  test('picks the catalogue from the Teams locale and chooses plurals by count', () => {
    expect(languageOf('fr-fr')).toBe('fr');
    expect(languageOf('fr-CA')).toBe('fr');
    expect(languageOf('en-gb')).toBe('en');
    expect(languageOf('de-de')).toBe('en');
    expect(normalizeLocale('fr-fr')).toBe('fr-FR');
    expect(normalizeLocale('')).toBe('en-US');
    expect(translate('en-US', 'list.patientCount', { count: 1 })).toBe('1 patient');
    expect(translate('en-US', 'list.patientCount', { count: 12 })).toBe('12 patients');
    expect(translate('fr-FR', 'add.added', { count: 2 })).toBe('2 patients ajoutés.');
    expect(translate('fr-FR', 'row.removed', { name: 'Zoë Müller' })).toBe('Zoë Müller a été retiré(e) de la liste.');
  });
});

describe('formatting for the locale', () => {
  const now = new Date(2026, 10, 26, 12, 0, 0);

  test('formats birth dates without shifting them by a time zone', () => {
    expect(formatDate('1950-03-04', 'en-US')).toBe('Mar 4, 1950');
    expect(formatDate('1950-03-04', 'fr-FR')).toBe('4 mars 1950');
    expect(formatDate('1950', 'en-US')).toBe('1950');
    expect(formatDate('not a date', 'en-US')).toBe('not a date');
  });

  test('gives ages in years, months for infants and days for newborns', () => {
    // Intl puts a narrow no-break space between number and unit in French.
    const formatAge = (birthDate: string, locale: string, at: Date): string =>
      formatAgeFor(birthDate, locale, at).replace(/\s/g, ' ');
    expect(ageOf('1950-11-27', now)?.years).toBe(75);
    expect(ageOf('1950-11-26', now)?.years).toBe(76);
    expect(formatAge('1950-11-26', 'en-US', now)).toBe('76 yrs');
    expect(formatAge('1950-11-26', 'fr-FR', now)).toBe('76 ans');
    expect(formatAge('2026-05-01', 'en-US', now)).toBe('6 mths');
    expect(formatAge('2026-11-20', 'en-US', now)).toBe('6 days');
    expect(formatAge('2030-01-01', 'en-US', now)).toBe('');
  });

  test('says how long ago the data was fetched', () => {
    expect(formatAgo(new Date(now.getTime() - 20_000).toISOString(), 'en-US', now)).toBe('now');
    expect(formatAgo(new Date(now.getTime() - 5 * 60_000).toISOString(), 'en-US', now)).toBe('5 minutes ago');
    expect(formatAgo(new Date(now.getTime() - 5 * 60_000).toISOString(), 'fr-FR', now)).toBe('il y a 5 minutes');
    expect(formatAgo(new Date(now.getTime() - 3 * 3_600_000).toISOString(), 'en-US', now)).toBe('3 hours ago');
  });
});
