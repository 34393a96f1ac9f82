// The export's rows in the list's saved sort, by the rules of the tab's sortRows (tab/shared/row-view.ts):
// discharged and deceased patients last, rows with no value in the column after the others, in either direction.
// The server's cell texts are not translated, so a column sorted by words (sex, encounter status) may order its
// values differently from the French screen; every other column sorts by the same values as the tab.
import type { LabResult, ListSort, Row } from '../wire/contract.js';
import type { ExportLanguage } from './export-labels.js';
import { cellText } from './render-cells.js';

const DAY_MS = 86_400_000;
// A stay that was never under way (hl7.org/fhir/R4/valueset-encounter-status.html) has admitted nobody.
const NOT_UNDER_WAY = new Set(['planned', 'cancelled', 'entered-in-error']);
const SEVERITY: Record<NonNullable<LabResult['flag']>, number> = { 'critical-low': 3, 'critical-high': 3, low: 2, high: 2, normal: 1 };

const isRead = (row: Row, ...resourceTypes: string[]): boolean =>
  row.patient !== undefined && !row.issues.some((issue) => resourceTypes.some((type) => issue.startsWith(`${type}:`)));

/** The latest encounter has ended (tab/shared/row-status.ts isDischarged). */
function isDischarged(row: Row, now: Date): boolean {
  const encounter = row.encounter;
  if (!encounter) return false;
  if (encounter.status === 'finished') return true;
  if (encounter.status !== undefined || !encounter.end) return false;
  const end = Date.parse(encounter.end);
  return !Number.isNaN(end) && end <= now.getTime();
}

const isGone = (row: Row, now: Date): boolean => row.patient?.deceased === true || isDischarged(row, now);

function isLocationBlank(row: Row, now: Date): boolean {
  if (isDischarged(row, now)) return false;
  if (!isRead(row, 'Encounter', 'Location')) return !row.manual?.location;
  return !row.encounter || NOT_UNDER_WAY.has(row.encounter.status ?? '') || !row.encounter.location;
}

/** Worst flag, then how many carry it, then how many are abnormal (tab/shared/lab-view.ts labsSeverity). */
function labsSeverity(labs: readonly LabResult[]): number | undefined {
  if (labs.length === 0) return undefined;
  const severityOf = (lab: LabResult): number => (lab.flag ? SEVERITY[lab.flag] : 0);
  const worst = Math.max(...labs.map(severityOf));
  const atWorst = labs.filter((lab) => severityOf(lab) === worst).length;
  const abnormal = labs.filter((lab) => severityOf(lab) >= 2).length;
  return worst * 10_000 + atWorst * 100 + abnormal;
}

function ageInDays(birthDate: string | undefined, now: Date): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(birthDate ?? '');
  if (!match) return undefined;
  const birth = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return today < birth ? undefined : Math.floor((today - birth) / DAY_MS);
}

/** The value a column sorts by; undefined when the cell has no value (tab/shared/row-view.ts sortValue). */
export function sortValueOf(row: Row, column: ListSort['column'], now: Date): string | number | undefined {
  switch (column) {
    case 'age':
      return ageInDays(row.patient?.birthDate ?? row.manual?.birthDate, now);
    case 'birthDate':
      return row.patient?.birthDate || row.manual?.birthDate || undefined;
    case 'admitted':
      return row.encounter?.start || undefined;
    case 'news2':
      return row.news2?.score;
    case 'labs':
      return labsSeverity(row.labs);
    case 'name':
      return row.patient?.family ? `${row.patient.family} ${row.patient.given.join(' ')}` : cellText('name', row, now);
    case 'location':
      return isLocationBlank(row, now) ? undefined : cellText(column, row, now);
    case 'allergies':
      return !isRead(row, 'AllergyIntolerance') || row.allergies.length === 0 ? undefined : cellText(column, row, now);
    default:
      return cellText(column, row, now) || undefined;
  }
}

/** The rows as the tab shows them under the list's saved sort (in the order added when there is none). */
export function sortRowsForExport(rows: readonly Row[], sort: ListSort | undefined, language: ExportLanguage, now: Date): Row[] {
  let ordered: Row[] = [...rows];
  if (sort) {
    const sign = sort.direction === 'asc' ? 1 : -1;
    const filled: { row: Row; value: string | number }[] = [];
    const blank: Row[] = [];
    for (const row of rows) {
      const value = sortValueOf(row, sort.column, now);
      if (value === undefined) blank.push(row);
      else filled.push({ row, value });
    }
    const compare = (x: string | number, y: string | number): number =>
      typeof x === 'number' && typeof y === 'number'
        ? x - y
        : String(x).localeCompare(String(y), language, { numeric: true, sensitivity: 'base' });
    ordered = [...filled.sort((a, b) => sign * compare(a.value, b.value)).map(({ row }) => row), ...blank];
  }
  return [...ordered.filter((row) => !isGone(row, now)), ...ordered.filter((row) => isGone(row, now))];
}
