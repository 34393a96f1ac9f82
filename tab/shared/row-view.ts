// Plain text views of a list row, shared by the grid, the cards and the rounding sheet.
import type { ColumnId, Flag, Row, VitalSign } from '../../server/wire/contract';
import type { I18n } from './i18n/I18nProvider';
import type { MessageKey } from './i18n/en';
import { ageOf, daysBetween } from './i18n/format';
import { labsSeverity, labsText } from './lab-view';
import { goneLast } from './row-status';
import { unitText } from './unit-text';
import { allergiesText, isAllergiesBlank, isLocationBlank, locationText } from './absence-text';

/** Every column id of the contract, in the chooser's default order (checked against ColumnId below). */
export const ALL_COLUMNS = [
  'name',
  'mrn',
  'age',
  'gender',
  'birthDate',
  'location',
  'encounterStatus',
  'admitted',
  'attending',
  'conditions',
  'vitals',
  'news2',
  'labs',
  'allergies',
  'medications',
  'coverage',
  'generalPractitioner',
  'note',
] as const satisfies readonly ColumnId[];
// A compile error here means contract.ts gained a column the tab does not know yet.
const everyColumnIsKnown: Exclude<ColumnId, (typeof ALL_COLUMNS)[number]> extends never ? true : false = true;
void everyColumnIsKnown;

export const COLUMN_LABEL: Record<ColumnId, MessageKey> = {
  name: 'column.name',
  mrn: 'column.mrn',
  age: 'column.age',
  gender: 'column.gender',
  birthDate: 'column.birthDate',
  location: 'column.location',
  encounterStatus: 'column.encounterStatus',
  admitted: 'column.admitted',
  attending: 'column.attending',
  conditions: 'column.conditions',
  vitals: 'column.vitals',
  news2: 'column.news2',
  labs: 'column.labs',
  allergies: 'column.allergies',
  medications: 'column.medications',
  coverage: 'column.coverage',
  generalPractitioner: 'column.generalPractitioner',
  note: 'column.note',
};

export const nameOf = (row: Row): string => row.patient?.name || row.manual?.name || row.display;
// The entry's MRN snapshot keeps the column filled when the EHR cannot be read (Row.mrn in contract.ts).
export const mrnOf = (row: Row): string | undefined => row.patient?.mrn ?? row.manual?.mrn ?? row.mrn;
export const birthDateOf = (row: Row): string | undefined => row.patient?.birthDate ?? row.manual?.birthDate;
export const genderOf = (row: Row): string | undefined => row.patient?.gender ?? row.manual?.gender;

const GENDER_KEYS: Record<string, { full: MessageKey; short: MessageKey }> = {
  male: { full: 'gender.male', short: 'gender.male.short' },
  female: { full: 'gender.female', short: 'gender.female.short' },
  other: { full: 'gender.other', short: 'gender.other.short' },
  unknown: { full: 'gender.unknown', short: 'gender.unknown.short' },
};

export function genderText(gender: string | undefined, i18n: I18n, isShort = false): string {
  if (!gender) return '';
  const keys = GENDER_KEYS[gender.toLowerCase()];
  if (!keys) return gender;
  return i18n.t(isShort ? keys.short : keys.full);
}

const STATUS_KEYS: Record<string, MessageKey> = {
  planned: 'encounter.planned',
  arrived: 'encounter.arrived',
  triaged: 'encounter.triaged',
  'in-progress': 'encounter.in-progress',
  onleave: 'encounter.onleave',
  finished: 'encounter.finished',
  cancelled: 'encounter.cancelled',
  'entered-in-error': 'encounter.entered-in-error',
  unknown: 'encounter.unknown',
};

export function encounterStatusText(status: string | undefined, i18n: I18n): string {
  if (!status) return '';
  const key = STATUS_KEYS[status];
  return key ? i18n.t(key) : status;
}

// Clinical, verification and medication status codes (FHIR value sets), shown in the user's language.
const STATUS_CODES = new Set<string>(['active', 'inactive', 'resolved', 'remission', 'recurrence', 'relapse', 'confirmed', 'unconfirmed', 'provisional', 'differential', 'refuted', 'completed', 'stopped', 'on-hold', 'cancelled', 'draft', 'intended', 'entered-in-error']);

export function statusText(code: string | undefined, i18n: I18n): string | undefined {
  if (!code) return undefined;
  const normalized = code.toLowerCase();
  return STATUS_CODES.has(normalized) ? i18n.t(`status.${normalized}` as MessageKey) : code;
}

// LOINC codes of the vital signs (hl7.org/fhir/R4/observation-vitalsigns.html) and their short labels.
const VITAL_KEYS: Record<string, MessageKey> = {
  '8867-4': 'vital.hr',
  // 85354-9 is LOINC's blood pressure panel (what EHRs send); 85354-6 is how the demo data spelled it.
  '85354-9': 'vital.bp',
  '85354-6': 'vital.bp',
  '55284-4': 'vital.bp',
  '9279-1': 'vital.rr',
  '8310-5': 'vital.temp',
  '59408-5': 'vital.spo2',
  '2708-6': 'vital.spo2',
  '29463-7': 'vital.weight',
  '8302-2': 'vital.height',
  '39156-5': 'vital.bmi',
  // Supplemental oxygen, as a flow (L/min) or an inhaled concentration (%).
  '3151-8': 'vital.o2',
  '3150-0': 'vital.o2',
  '67775-7': 'vital.consciousness',
};
const SYSTOLIC = '8480-6';
const DIASTOLIC = '8462-4';
/** Order of the vitals in a cell: the ones a round looks at first come first; oxygen next to the saturation it gives. */
const VITAL_ORDER = ['vital.bp', 'vital.hr', 'vital.rr', 'vital.temp', 'vital.spo2', 'vital.o2', 'vital.consciousness', 'vital.weight'];

export function vitalLabel(vital: VitalSign, i18n: I18n): string {
  const key = vital.code ? VITAL_KEYS[vital.code] : undefined;
  return key ? i18n.t(key) : vital.name;
}

// A vital never breaks between its label, value and unit; the list breaks between vitals.
const NBSP = '\u00a0';
/** " · " between values, bound to the value before it: a line may break after a "·", never start with one. */
export const SEPARATOR = `${NBSP}· `;

/** "120/80 mmHg" for blood pressure, "72 /min" for the rest, units in the UI's language; empty when no value. */
export function vitalValue(vital: VitalSign, i18n: I18n): string {
  const systolic = vital.components.find((c) => c.code === SYSTOLIC);
  const diastolic = vital.components.find((c) => c.code === DIASTOLIC);
  if (systolic?.value !== undefined || diastolic?.value !== undefined) {
    const show = (v: number | undefined): string => (v === undefined ? '?' : i18n.number(v));
    const unit = unitText(systolic?.unit ?? diastolic?.unit, i18n);
    return `${show(systolic?.value)}/${show(diastolic?.value)}${unit ? `${NBSP}${unit}` : ''}`;
  }
  if (vital.value === undefined) return vital.text ?? '';
  const unit = unitText(vital.unit, i18n);
  return `${i18n.number(vital.value)}${unit ? `${NBSP}${unit}` : ''}`;
}

export function sortedVitals(vitals: VitalSign[], i18n: I18n): VitalSign[] {
  const rank = (v: VitalSign): number => {
    const key = v.code ? VITAL_KEYS[v.code] : undefined;
    const index = key ? VITAL_ORDER.indexOf(key) : -1;
    return index === -1 ? VITAL_ORDER.length : index;
  };
  return [...vitals].sort((a, b) => rank(a) - rank(b) || vitalLabel(a, i18n).localeCompare(vitalLabel(b, i18n)));
}

/**
 * A value's flag in words with an arrow ("↑ high", "⇊ critically low"): never colour alone, and read out as
 * words. Blood pressure takes its most serious component's. Empty when normal or unknown.
 */
export function flagText(vital: VitalSign, i18n: I18n): string {
  const worst = worstFlag(vital);
  return worst ? i18n.t(`flag.${worst}`) : '';
}

/** The most serious flag of a vital and its components; undefined when normal or unknown. */
export function worstFlag(vital: VitalSign): Exclude<Flag, 'normal'> | undefined {
  const order: Exclude<Flag, 'normal'>[] = ['critical-low', 'critical-high', 'low', 'high'];
  const flags = [vital.flag, ...vital.components.map((c) => c.flag)];
  return order.find((flag) => flags.includes(flag));
}

/** One value of a cell as text, with the time it was taken (the grid shows its age beside it). */
export interface TimedText {
  key: string;
  text: string;
  effective?: string;
  /** Out of range: the value is coloured too (its words and arrow are in `text`). */
  flag?: Exclude<Flag, 'normal'>;
}

const OXYGEN_FLOW = '3151-8';
const OXYGEN_CONCENTRATION = '3150-0';
const CONSCIOUSNESS = '67775-7';
/** AVPU's Alert as EHRs send it (LOINC LA9340-6, SNOMED 248234008, or in words); anything else is shown. */
const ALERT = /^\s*(alert|mentally alert|a|LA9340-6|248234008)\s*$/i;

/**
 * Whether a vital says only that all is as usual: room air (0 L/min, or the 21 % of air) or an alert patient. A
 * cell leaves these out, so oxygen and responsiveness appear when they matter and the cell stays short; the NEWS2
 * column scores them either way, and the patient's details show them all.
 */
function isUsualState(vital: VitalSign): boolean {
  if (vital.code === OXYGEN_FLOW) return vital.value === 0;
  if (vital.code === OXYGEN_CONCENTRATION) return vital.value !== undefined && vital.value <= 21;
  if (vital.code === CONSCIOUSNESS) return vital.text !== undefined && ALERT.test(vital.text);
  return false;
}

/** The vitals of a cell, one by one: the ones a round looks at first, with short units, flags and times. */
export function vitalEntries(vitals: VitalSign[], i18n: I18n): TimedText[] {
  return sortedVitals(vitals.filter((v) => !isUsualState(v)), i18n).map((v, index) => {
    const value = vitalValue(v, i18n);
    const text = [vitalLabel(v, i18n), value, flagText(v, i18n)].filter(Boolean).join(NBSP);
    const flag = worstFlag(v);
    return { key: v.code ?? `${v.name}-${index}`, text, ...(v.effective ? { effective: v.effective } : {}), ...(flag ? { flag } : {}) };
  });
}

/** The vitals of a cell: the ones a round looks at first, with short units and their flags. */
export function vitalsText(vitals: VitalSign[], i18n: I18n): string {
  return vitalEntries(vitals, i18n)
    .map((entry) => entry.text)
    .join(SEPARATOR);
}

/** "7 · high", "3 · low–medium (partial: no Consciousness)". */
export function news2Text(row: Row, i18n: I18n): string {
  const news2 = row.news2;
  if (!news2) return '';
  const partial = news2.partial ? ` (${i18n.t('news2.partial', { missing: news2.missing.join(', ') })})` : '';
  return `${news2.score}${SEPARATOR}${i18n.t(`news2.band.${news2.band}`)}${partial}`;
}

function admittedText(row: Row, i18n: I18n): string {
  const start = row.encounter?.start;
  if (!start) return '';
  const stay = daysBetween(start, row.encounter?.end);
  const date = i18n.shortDate(start);
  return stay === undefined ? date : `${date} (${i18n.days(stay)})`;
}

/** The text of one cell. */
export function cellText(row: Row, column: ColumnId, i18n: I18n): string {
  switch (column) {
    case 'name':
      return nameOf(row);
    case 'mrn':
      return mrnOf(row) ?? '';
    case 'age': {
      const age = i18n.age(birthDateOf(row));
      const sex = genderText(genderOf(row), i18n, true);
      return [age, sex].filter(Boolean).join(SEPARATOR);
    }
    case 'gender':
      return genderText(genderOf(row), i18n);
    case 'birthDate':
      return i18n.date(birthDateOf(row));
    case 'location':
      return locationText(row, i18n);
    case 'encounterStatus':
      return encounterStatusText(row.encounter?.status, i18n);
    case 'admitted':
      return admittedText(row, i18n);
    case 'attending':
      return row.encounter?.participants.join(', ') ?? '';
    case 'conditions':
      return row.conditions.map((c) => c.text).join(', ');
    case 'vitals':
      return vitalsText(row.vitals, i18n);
    case 'news2':
      return news2Text(row, i18n);
    case 'labs':
      return labsText(row.labs, i18n);
    case 'allergies':
      return allergiesText(row, i18n);
    case 'medications':
      return row.medications.map((m) => m.name).join(', ');
    case 'coverage':
      return row.coverage.map((c) => [c.payor, c.plan].filter(Boolean).join(' – ')).join(', ');
    case 'generalPractitioner':
      return row.patient?.generalPractitioner ?? '';
    case 'note':
      return row.note?.text ?? '';
  }
}

/**
 * The value a column sorts by: numbers where they mean something (age, admission), text elsewhere; undefined
 * when the cell has no value, even if it says so in words ("None recorded", "Not admitted"): those sort last.
 */
export function sortValue(row: Row, column: ColumnId, i18n: I18n): string | number | undefined {
  switch (column) {
    case 'age':
      return ageOf(birthDateOf(row))?.days;
    case 'birthDate':
      return birthDateOf(row) || undefined;
    case 'admitted':
      return row.encounter?.start || undefined;
    case 'news2':
      // Sorted descending, the sickest come first.
      return row.news2?.score;
    case 'labs': {
      // The worst flag first, then how many: sorted descending, the sickest come first.
      const severity = labsSeverity(row.labs);
      return severity < 0 ? undefined : severity;
    }
    case 'name':
      return row.patient?.family ? `${row.patient.family} ${row.patient.given.join(' ')}` : nameOf(row);
    case 'location':
      return isLocationBlank(row) ? undefined : cellText(row, column, i18n);
    case 'allergies':
      return isAllergiesBlank(row) ? undefined : cellText(row, column, i18n);
    default:
      return cellText(row, column, i18n) || undefined;
  }
}

function compareValues(x: string | number, y: string | number, i18n: I18n): number {
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return String(x).localeCompare(String(y), i18n.locale, { numeric: true, sensitivity: 'base' });
}

/**
 * The rows in the list's order. Each row's sort value is worked out once, not at every comparison. Whatever
 * the column and direction (and in the order added), discharged and deceased patients come after the others,
 * and among the rest, rows with no value in the column come after those with one (in the order added).
 */
export function sortRows(
  rows: Row[],
  column: ColumnId | undefined,
  direction: 'asc' | 'desc',
  i18n: I18n,
  now: Date = new Date(),
): Row[] {
  if (!column) return goneLast(rows, now);
  const sign = direction === 'asc' ? 1 : -1;
  const filled: { row: Row; value: string | number }[] = [];
  const blank: Row[] = [];
  for (const row of rows) {
    const value = sortValue(row, column, i18n);
    if (value === undefined) blank.push(row);
    else filled.push({ row, value });
  }
  const sorted = filled.sort((a, b) => sign * compareValues(a.value, b.value, i18n)).map(({ row }) => row);
  return goneLast([...sorted, ...blank], now);
}
