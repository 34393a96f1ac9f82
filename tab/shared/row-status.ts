// Patients who have left the ward: discharged (their latest encounter has ended) or deceased. They keep their
// place on the list, marked, after everyone still in a bed, and one toggle can hide them (#12 item 7).
import type { Row } from '../../server/wire/contract';
import type { I18n } from './i18n/I18nProvider';

/**
 * The latest encounter has ended: `finished` (the same code in DSTU2, STU3 and R4), or no status at all with a
 * `period.end` already past. Other statuses with an end (cancelled, entered-in-error, a planned discharge) are not.
 */
export function isDischarged(row: Row, now: Date = new Date()): boolean {
  const encounter = row.encounter;
  if (!encounter) return false;
  if (encounter.status === 'finished') return true;
  if (encounter.status !== undefined || !encounter.end) return false;
  const end = Date.parse(encounter.end);
  return !Number.isNaN(end) && end <= now.getTime();
}

export const isDeceased = (row: Row): boolean => row.patient?.deceased === true;

/** Discharged or deceased: sorted last, and hidden by the list's toggle. */
export const isGone = (row: Row, now: Date = new Date()): boolean => isDeceased(row) || isDischarged(row, now);

/** "Discharged Dec 2" instead of the last bed, or undefined while the patient is in. */
export function dischargedText(row: Row, i18n: I18n, now: Date = new Date()): string | undefined {
  if (!isDischarged(row, now)) return undefined;
  const end = row.encounter?.end;
  return end ? i18n.t('row.discharged', { date: i18n.dayMonth(end, now) }) : i18n.t('row.dischargedUndated');
}

/** The same rows, those still in first and the discharged or deceased after them, each group in its order. */
export function goneLast(rows: readonly Row[], now: Date = new Date()): Row[] {
  const inward: Row[] = [];
  const gone: Row[] = [];
  for (const row of rows) (isGone(row, now) ? gone : inward).push(row);
  return [...inward, ...gone];
}
