// Dates, ages and durations for the user's locale, with Intl. Dates stay as the EHR sent them
// (ISO 8601 when it complied); anything unreadable is shown as sent rather than hidden.

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const YEAR_MONTH = /^(\d{4})-(\d{2})$/;
const YEAR_ONLY = /^\d{4}$/;
const DAY_MS = 86_400_000;

/** A date-only value as a UTC midnight, so no time zone shifts it by a day. */
function dateOnly(value: string): Date | undefined {
  const match = DATE_ONLY.exec(value);
  if (!match) return undefined;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function formatDate(value: string | undefined, locale: string): string {
  if (!value) return '';
  const day = dateOnly(value);
  if (day) return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(day);
  const yearMonth = YEAR_MONTH.exec(value);
  if (yearMonth) {
    const date = new Date(Date.UTC(Number(yearMonth[1]), Number(yearMonth[2]) - 1, 1));
    return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(date);
  }
  if (YEAR_ONLY.test(value)) return value;
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(instant);
}

/** Only the date part of a date or date-time, for compact cells. */
export function formatShortDate(value: string | undefined, locale: string): string {
  if (!value) return '';
  if (value.length <= 10) return formatDate(value, locale);
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(instant);
}

export interface Age {
  years: number;
  months: number;
  days: number;
}

/** Completed years, months and days between a birth date (YYYY-MM-DD) and `now`. */
export function ageOf(birthDate: string | undefined, now: Date = new Date()): Age | undefined {
  const birth = birthDate ? dateOnly(birthDate.slice(0, 10)) : undefined;
  if (!birth) return undefined;
  const today = new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
  if (today < birth) return undefined;
  let months =
    (today.getUTCFullYear() - birth.getUTCFullYear()) * 12 + (today.getUTCMonth() - birth.getUTCMonth());
  if (today.getUTCDate() < birth.getUTCDate()) months -= 1;
  const days = Math.floor((today.getTime() - birth.getTime()) / DAY_MS);
  return { years: Math.floor(months / 12), months, days };
}

function unit(locale: string, value: number, name: 'year' | 'month' | 'day'): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short' }).format(value);
}

/** "45 yrs", "5 mths", "12 days" (the unit shrinks for infants, as paediatric charts do). */
export function formatAge(birthDate: string | undefined, locale: string, now?: Date): string {
  const age = ageOf(birthDate, now);
  if (!age) return '';
  if (age.years >= 2) return unit(locale, age.years, 'year');
  if (age.months >= 1) return unit(locale, age.months, 'month');
  return unit(locale, age.days, 'day');
}

/** Whole days from `start` to `end` (or now): the length of stay. */
export function daysBetween(start: string | undefined, end?: string, now: Date = new Date()): number | undefined {
  if (!start) return undefined;
  const from = new Date(start);
  const to = end ? new Date(end) : now;
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || to < from) return undefined;
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS);
}

export function formatDays(days: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'day', unitDisplay: 'short' }).format(days);
}

/** "now", "5 minutes ago", "il y a 5 minutes". */
export function formatAgo(since: string | undefined, locale: string, now: Date = new Date()): string {
  if (!since) return '';
  const then = new Date(since);
  if (Number.isNaN(then.getTime())) return '';
  const minutes = Math.max(0, Math.floor((now.getTime() - then.getTime()) / 60_000));
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (minutes < 1) return rtf.format(0, 'second');
  if (minutes < 60) return rtf.format(-minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return rtf.format(-hours, 'hour');
  return rtf.format(-Math.floor(hours / 24), 'day');
}

export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
}

/** Milliseconds from `since` to `now`; a time in the future (a clock ahead of ours) counts as 0. */
export function elapsedMs(since: string | undefined, now: Date = new Date()): number | undefined {
  if (!since) return undefined;
  const then = Date.parse(since);
  if (Number.isNaN(then)) return undefined;
  return Math.max(0, now.getTime() - then);
}

// Intl's shortest units are "2 hr", "3 days" in English: too wide for a dense grid, so the units are ours.
const COMPACT_UNITS: Record<'en' | 'fr', { now: string; minute: string; hour: string; day: string }> = {
  en: { now: 'now', minute: 'min', hour: 'h', day: 'd' },
  fr: { now: 'à l’instant', minute: 'min', hour: 'h', day: 'j' },
};

/** A value's age in a few characters: "now" under a minute, then "5 min", "2 h", "3 d" (whole units, rounded down). */
export function formatCompactAge(since: string | undefined, locale: string, now: Date = new Date()): string {
  const elapsed = elapsedMs(since, now);
  if (elapsed === undefined) return '';
  const units = COMPACT_UNITS[locale.toLowerCase().startsWith('fr') ? 'fr' : 'en'];
  const minutes = Math.floor(elapsed / 60_000);
  const number = (value: number): string => new Intl.NumberFormat(locale).format(value);
  // A no-break space keeps the number with its unit.
  if (minutes < 1) return units.now;
  if (minutes < 60) return `${number(minutes)}\u00a0${units.minute}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${number(hours)}\u00a0${units.hour}`;
  return `${number(Math.floor(hours / 24))}\u00a0${units.day}`;
}

/** True when `since` is more than `hours` before `now` (exactly `hours` old is not yet). Unreadable times are not. */
export function isOlderThan(since: string | undefined, hours: number, now: Date = new Date()): boolean {
  const elapsed = elapsedMs(since, now);
  return elapsed !== undefined && elapsed > hours * 3_600_000;
}

/** "Dec 2" / "2 déc." for a date-time in the user's time zone, with the year when it is not this year's. */
export function formatDayMonth(value: string | undefined, locale: string, now: Date = new Date()): string {
  if (!value) return '';
  const day = dateOnly(value);
  const instant = day ?? new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  const timeZone = day ? 'UTC' : undefined;
  const year = new Intl.DateTimeFormat('en', { year: 'numeric', timeZone }).format(instant);
  const thisYear = String(now.getFullYear());
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    ...(year === thisYear ? {} : { year: 'numeric' }),
    timeZone,
  }).format(instant);
}
