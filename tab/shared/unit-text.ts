import type { I18n } from './i18n/I18nProvider';
import type { Language } from './i18n/translate';

/**
 * Units as EHRs send them (UCUM codes or words, ucum.org/ucum) in the words of the UI's language. Rates written
 * out in full ("beats/minute") are shortened too: cells have little room, and the drawer reads the same.
 * Only the units with another spelling are listed; French differs for time and length.
 */
const UNIT_TEXT: Record<string, Partial<Record<Language, string>> & { en: string }> = {
  'beats/minute': { en: '/min' },
  'beats/min': { en: '/min' },
  '{beats}/min': { en: '/min' },
  'breaths/minute': { en: '/min' },
  'breaths/min': { en: '/min' },
  '{breaths}/min': { en: '/min' },
  Cel: { en: '°C' },
  '[degF]': { en: '°F' },
  'mm[Hg]': { en: 'mmHg' },
  'kg/m2': { en: 'kg/m²' },
  '[lb_av]': { en: 'lb' },
  '[in_i]': { en: 'in', fr: 'po' },
  d: { en: 'd', fr: 'j' },
  wk: { en: 'wk', fr: 'sem.' },
  mo: { en: 'mo', fr: 'mois' },
  a: { en: 'y', fr: 'ans' },
};

/** A unit in the UI's language ("beats/minute" → "/min", "wk" → "sem." in French); unknown units as sent. */
export function unitText(unit: string | undefined, i18n: Pick<I18n, 'language'>): string | undefined {
  if (!unit) return unit;
  const entry = UNIT_TEXT[unit];
  return entry ? (entry[i18n.language] ?? entry.en) : unit;
}
