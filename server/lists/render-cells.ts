// A row's columns as plain text, for the CSV export. The tab renders the same data with its own components.
import type { ColumnId, LabResult, Row, VitalSign } from '../wire/contract.js';
import { labDefinitionOf } from '../clinical/lab-ranges.js';
import { EXPORT_LABELS, vitalLabelOf, type ExportLabels } from './export-labels.js';

/** Whole years between a YYYY(-MM(-DD)) birth date and `now`; undefined when the date is unreadable. */
export function ageInYears(birthDate: string | undefined, now: Date): number | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(birthDate ?? '');
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2] ?? 1), Number(match[3] ?? 1)];
  let age = now.getUTCFullYear() - year;
  const hadBirthday = now.getUTCMonth() + 1 > month || (now.getUTCMonth() + 1 === month && now.getUTCDate() >= day);
  if (!hadBirthday) age -= 1;
  return age >= 0 ? age : undefined;
}

/** "HR 72 /min": the screen's short label when it knows the code, else the EHR's name. */
function vitalText(vital: VitalSign, labels: ExportLabels): string {
  const value =
    vital.components.length > 0
      ? vital.components.map((c) => c.value ?? '?').join('/')
      : vital.value !== undefined
        ? String(vital.value)
        : (vital.text ?? '');
  const unit = vital.unit ?? vital.components[0]?.unit ?? '';
  const flags = [vital.flag, ...vital.components.map((c) => c.flag)].filter((f) => f !== undefined && f !== 'normal');
  const flag = flags.length > 0 ? `(${flags.join(', ')})` : '';
  return [vitalLabelOf(vital.code, labels) ?? vital.name, value, unit, flag].filter((part) => part !== '').join(' ');
}

/** "Potassium 6.8 mmol/L (critical-high)": the table's short name when it knows the code, else the EHR's. */
function labText(lab: LabResult): string {
  const value = lab.text ?? (lab.value !== undefined ? String(lab.value) : '');
  const flag = lab.flag !== undefined && lab.flag !== 'normal' ? `(${lab.flag})` : '';
  const unit = value !== '' ? (lab.unit ?? '') : '';
  return [labDefinitionOf(lab.code)?.name ?? lab.name, value, unit, flag].filter((part) => part !== '').join(' ');
}

/** "5 medium", "3 low-medium (partial: no Consciousness)". */
export function news2Text(news2: Row['news2']): string {
  if (!news2) return '';
  return `${news2.score} ${news2.band}${news2.partial ? ` (partial: no ${news2.missing.join(', ')})` : ''}`;
}

const joined = (values: readonly (string | undefined)[]): string =>
  values.filter((v): v is string => v !== undefined && v !== '').join('; ');

// The words of the screen (tab/shared/absence-text.ts) where a cell would be blank for different reasons: the EHR
// recorded an answer, recorded nothing, or could not be asked (left blank).
const isRead = (row: Row, ...resourceTypes: string[]): boolean =>
  row.patient !== undefined && !row.issues.some((issue) => resourceTypes.some((type) => issue.startsWith(`${type}:`)));

function allergiesText(row: Row): string {
  if (!isRead(row, 'AllergyIntolerance')) return '';
  const substances = row.allergies.filter((a) => !a.isNoKnownAllergy).map((a) => a.substance);
  if (substances.length > 0) return joined(substances);
  return row.allergies.length > 0 ? 'No known allergies' : 'None recorded';
}

// A stay that was never under way (hl7.org/fhir/R4/valueset-encounter-status.html) has admitted nobody.
const NOT_UNDER_WAY = new Set(['planned', 'cancelled', 'entered-in-error']);

function locationText(row: Row): string {
  const { encounter } = row;
  if (!isRead(row, 'Encounter', 'Location')) return row.manual?.location ?? '';
  if (!encounter || NOT_UNDER_WAY.has(encounter.status ?? '')) return 'Not admitted';
  return encounter.location ?? 'Bed not recorded';
}

export function cellText(column: ColumnId, row: Row, now: Date, labels: ExportLabels = EXPORT_LABELS.en): string {
  const { patient, manual, encounter } = row;
  switch (column) {
    case 'name':
      return patient?.name ?? manual?.name ?? row.display;
    case 'mrn':
      return patient?.mrn ?? manual?.mrn ?? row.mrn ?? '';
    case 'age': {
      const age = ageInYears(patient?.birthDate ?? manual?.birthDate, now);
      return age === undefined ? '' : String(age);
    }
    case 'gender':
      return patient?.gender ?? manual?.gender ?? '';
    case 'birthDate':
      return patient?.birthDate ?? manual?.birthDate ?? '';
    case 'location':
      return locationText(row);
    case 'encounterStatus':
      return encounter?.status ?? '';
    case 'admitted':
      return encounter?.start ?? '';
    case 'attending':
      return joined(encounter?.participants ?? []);
    case 'conditions':
      return joined(row.conditions.map((c) => c.text));
    case 'vitals':
      return joined(row.vitals.map((vital) => vitalText(vital, labels)));
    case 'news2':
      return news2Text(row.news2);
    case 'labs':
      return joined(row.labs.map(labText));
    case 'allergies':
      return allergiesText(row);
    case 'medications':
      return joined(row.medications.map((m) => (m.dosage ? `${m.name} (${m.dosage})` : m.name)));
    case 'coverage':
      return joined(row.coverage.map((c) => [c.payor, c.plan].filter(Boolean).join(' – ')));
    case 'generalPractitioner':
      return patient?.generalPractitioner ?? '';
    case 'note':
      return row.note?.text ?? '';
  }
}
