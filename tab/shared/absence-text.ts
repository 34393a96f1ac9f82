// Blank is not "none" (#11 item 12): a cell says in words whether the EHR recorded an answer ("No known
// allergies"), recorded nothing ("None recorded"), or could not be asked at all (left blank). The location says
// the same of a stay: "Not admitted" without one, "Bed not recorded" when admitted to no named bed.
import type { EncounterSummary, Row } from '../../server/wire/contract';
import type { I18n } from './i18n/I18nProvider';
import { dischargedText, isDischarged } from './row-status';

/** Whether the EHR answered for this resource type: a row without its patient, or with a failed read, did not. */
function isRead(row: Row, ...resourceTypes: string[]): boolean {
  if (!row.patient) return false;
  return !row.issues.some((issue) => resourceTypes.some((type) => issue.startsWith(`${type}:`)));
}

/** The substances, else "No known allergies" when the EHR recorded that, else "None recorded"; '' when unread. */
export function allergiesText(row: Row, i18n: I18n): string {
  if (!isRead(row, 'AllergyIntolerance')) return '';
  // A substance recorded beside an old "no known allergy" wins: the allergy is what matters.
  const substances = row.allergies.filter((a) => !a.isNoKnownAllergy).map((a) => a.substance);
  if (substances.length > 0) return substances.join(', ');
  return i18n.t(row.allergies.length > 0 ? 'row.noKnownAllergies' : 'row.allergiesNotRecorded');
}

/** Nothing recorded about the allergies (or nothing could be read): sorted after every answer. */
export const isAllergiesBlank = (row: Row): boolean =>
  !isRead(row, 'AllergyIntolerance') || row.allergies.length === 0;

// A stay that was never under way (hl7.org/fhir/R4/valueset-encounter-status.html) has admitted nobody.
const NOT_UNDER_WAY = new Set(['planned', 'cancelled', 'entered-in-error']);

const isNotAdmitted = (encounter: EncounterSummary | undefined): boolean =>
  !encounter || NOT_UNDER_WAY.has(encounter.status ?? '');

/** The latest stay's bed, else "Not admitted" or "Bed not recorded" (the details, and the cells below). */
export function stayLocationText(encounter: EncounterSummary | undefined, i18n: I18n): string {
  if (isNotAdmitted(encounter)) return i18n.t('row.notAdmitted');
  return encounter?.location ?? i18n.t('row.bedNotRecorded');
}

/**
 * The bed, else "Discharged Dec 2", "Not admitted" or "Bed not recorded"; a manual entry's own location, and ''
 * when the EHR could not be asked.
 */
export function locationText(row: Row, i18n: I18n, now: Date = new Date()): string {
  // A finished stay's bed is someone else's by now.
  const discharged = dischargedText(row, i18n, now);
  if (discharged) return discharged;
  if (!isRead(row, 'Encounter', 'Location')) return row.manual?.location ?? '';
  return stayLocationText(row.encounter, i18n);
}

/** No bed to show (not admitted, bed not recorded, or unread): sorted after every bed. */
export function isLocationBlank(row: Row, now: Date = new Date()): boolean {
  if (isDischarged(row, now)) return false;
  if (!isRead(row, 'Encounter', 'Location')) return !row.manual?.location;
  return isNotAdmitted(row.encounter) || !row.encounter?.location;
}
