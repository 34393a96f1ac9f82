import { createContext, useContext, useMemo, type JSX, type ReactNode } from 'react';
import type { MessageKey } from './en';
import { languageOf, normalizeLocale, translate, type Language, type Params } from './translate';
import { formatAge, formatAgo, formatCompactAge, formatDate, formatDayMonth, formatDays, formatNumber, formatShortDate } from './format';

export interface I18n {
  /** A BCP 47 locale for Intl, e.g. "fr-FR". */
  locale: string;
  language: Language;
  t: (key: MessageKey, params?: Params) => string;
  date: (value: string | undefined) => string;
  shortDate: (value: string | undefined) => string;
  age: (birthDate: string | undefined) => string;
  ago: (since: string | undefined, now?: Date) => string;
  /** A value's age in a few characters: "now", "5 min", "2 h", "3 d". */
  compactAge: (since: string | undefined, now?: Date) => string;
  /** "Dec 2" (the year only when it is not this one). */
  dayMonth: (value: string | undefined, now?: Date) => string;
  days: (count: number) => string;
  number: (value: number) => string;
}

export function createI18n(rawLocale: string | undefined): I18n {
  const locale = normalizeLocale(rawLocale);
  return {
    locale,
    language: languageOf(locale),
    t: (key, params) => translate(locale, key, params),
    date: (value) => formatDate(value, locale),
    shortDate: (value) => formatShortDate(value, locale),
    age: (birthDate) => formatAge(birthDate, locale),
    ago: (since, now) => formatAgo(since, locale, now),
    compactAge: (since, now) => formatCompactAge(since, locale, now),
    dayMonth: (value, now) => formatDayMonth(value, locale, now),
    days: (count) => formatDays(count, locale),
    number: (value) => formatNumber(value, locale),
  };
}

const I18nContext = createContext<I18n>(createI18n('en-US'));

export function I18nProvider(props: { locale: string | undefined; children: ReactNode }): JSX.Element {
  const i18n = useMemo(() => createI18n(props.locale), [props.locale]);
  return <I18nContext.Provider value={i18n}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
