// Pure translation helpers: pick a catalogue for a locale, fill `{name}` placeholders, choose plurals.
import { en, type MessageKey, type Catalogue } from './en';
import { fr } from './fr';

export type Params = Record<string, string | number>;
export type Language = 'en' | 'fr';

const CATALOGUES: Record<Language, Catalogue> = { en, fr };

/** `fr`, `fr-FR`, `fr-ca` → French; everything else English. */
export function languageOf(locale: string | undefined): Language {
  return (locale ?? '').toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** A BCP 47 tag Intl accepts ("en-us" → "en-US"), falling back to the language alone. */
export function normalizeLocale(locale: string | undefined): string {
  const candidate = (locale ?? '').trim().replace('_', '-');
  if (!candidate) return 'en-US';
  try {
    return Intl.getCanonicalLocales(candidate)[0] ?? 'en-US';
  } catch {
    return languageOf(candidate) === 'fr' ? 'fr-FR' : 'en-US';
  }
}

function fill(template: string, params: Params | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

export function translate(locale: string, key: MessageKey, params?: Params): string {
  const catalogue = CATALOGUES[languageOf(locale)];
  const message = catalogue[key];
  if (typeof message === 'string') return fill(message, params);
  const count = Number(params?.count ?? 0);
  const category = new Intl.PluralRules(locale).select(count);
  const chosen = category === 'one' ? message.one : message.other;
  return fill(chosen, { ...params, count: new Intl.NumberFormat(locale).format(count) });
}
