// How old a value is, for the cells that show it beside the value (#12 item 2): compact ("3 d") for the eye,
// in words ("recorded 3 days ago") for screen readers, and whether it is older than the list's threshold.
import type { List } from '../../server/wire/contract';
import type { I18n } from './i18n/I18nProvider';
import { isOlderThan } from './i18n/format';

/** Values older than this many hours are greyed unless the list says otherwise (List.staleAfterHours). */
export const DEFAULT_STALE_AFTER_HOURS = 24;

export const staleAfterHoursOf = (list: Pick<List, 'staleAfterHours'> | undefined): number =>
  list?.staleAfterHours ?? DEFAULT_STALE_AFTER_HOURS;

export interface ValueAge {
  /** "now", "5 min", "2 h", "3 d" */
  compact: string;
  /** "recorded 3 days ago, more than 24 hours old": the accessible description, and the hover text. */
  description: string;
  isStale: boolean;
}

/** The age of a value taken at `effective`, or undefined when the EHR gave no (readable) time. */
export function valueAge(effective: string | undefined, staleAfterHours: number, i18n: I18n, now: Date): ValueAge | undefined {
  const compact = i18n.compactAge(effective, now);
  if (!compact) return undefined;
  const isStale = isOlderThan(effective, staleAfterHours, now);
  const ago = i18n.ago(effective, now);
  const description = isStale
    ? i18n.t('value.recordedStale', { ago, count: staleAfterHours })
    : i18n.t('value.recorded', { ago });
  return { compact, description, isStale };
}

/** Values that read with one age: the age is written once, before them ("4 h: BP 120/80 mmHg · HR 72 /min"). */
export interface AgeGroup<T> {
  age?: ValueAge;
  values: T[];
}

/**
 * Neighbouring values of the same age (as shown) in one group, keeping their order: a set of vitals taken
 * together carries one age instead of six, which keeps the grid dense. Values without a time form their own.
 */
export function groupByAge<T extends { effective?: string }>(
  values: readonly T[],
  staleAfterHours: number,
  i18n: I18n,
  now: Date,
): AgeGroup<T>[] {
  const groups: AgeGroup<T>[] = [];
  for (const value of values) {
    const age = valueAge(value.effective, staleAfterHours, i18n, now);
    const last = groups.at(-1);
    if (last && last.age?.description === age?.description) last.values.push(value);
    else groups.push({ ...(age ? { age } : {}), values: [value] });
  }
  return groups;
}
