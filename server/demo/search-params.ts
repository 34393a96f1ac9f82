// Which search parameters each demo server understands, per version and resource type. Anything else is
// refused with a 400 naming it (a real server that silently ignored it would return wrong results).
import type { FhirVersion } from '../wire/contract.js';

export interface TypeSearchSpec {
  /** Reference parameters that name the patient (bare id, Patient/<id> or a full URL). */
  patientParams: readonly string[];
  /** `_sort` keys that order by the resource's clinical date. */
  dateSortKeys: readonly string[];
  hasCategory: boolean;
  hasCode: boolean;
}

/** Accepted on every type: result parameters that do not filter. */
export const RESULT_PARAMS = ['_count', '_offset', '_sort', '_format', '_pretty'] as const;

const spec = (
  patientParams: readonly string[],
  dateSortKeys: readonly string[] = [],
  extra: { hasCategory?: boolean; hasCode?: boolean } = {},
): TypeSearchSpec => ({ patientParams, dateSortKeys, hasCategory: false, hasCode: false, ...extra });

const NONE = spec([]);

const SHARED: Record<string, TypeSearchSpec> = {
  Organization: NONE,
  Practitioner: NONE,
  Location: NONE,
  AllergyIntolerance: spec(['patient'], ['date']),
};

export const SEARCH_SPECS: Record<FhirVersion, Record<string, TypeSearchSpec>> = {
  DSTU2: {
    ...SHARED,
    Encounter: spec(['patient'], ['date']),
    Condition: spec(['patient'], ['date-recorded']),
    Observation: spec(['patient', 'subject'], ['date'], { hasCategory: true, hasCode: true }),
    MedicationOrder: spec(['patient'], ['datewritten']),
    // hl7.org/fhir/DSTU2/coverage.html has no beneficiary: the subscriber is the patient.
    Coverage: spec(['subscriber']),
  },
  STU3: {
    ...SHARED,
    Encounter: spec(['patient', 'subject'], ['date']),
    Condition: spec(['patient', 'subject'], ['asserted-date']),
    Observation: spec(['patient', 'subject'], ['date'], { hasCategory: true, hasCode: true }),
    MedicationRequest: spec(['patient'], ['authoredon']),
    Coverage: spec(['beneficiary', 'subscriber']),
  },
  R4: {
    ...SHARED,
    Encounter: spec(['patient', 'subject'], ['date']),
    Condition: spec(['patient', 'subject'], ['recorded-date']),
    Observation: spec(['patient', 'subject'], ['date'], { hasCategory: true, hasCode: true }),
    MedicationRequest: spec(['patient', 'subject'], ['authoredon']),
    Coverage: spec(['patient', 'beneficiary', 'subscriber']),
  },
};

/** Patient's own parameters; `id` is what the original Teams app sent, `_id` the standard name. */
export const PATIENT_STRING_PARAMS = ['family', 'given', 'name'] as const;
export const PATIENT_PARAMS = ['id', ...PATIENT_STRING_PARAMS, 'birthdate', 'gender', 'identifier'] as const;

/** Every resource type a server of this version serves. */
export function servedTypes(version: FhirVersion): string[] {
  return ['Patient', ...Object.keys(SEARCH_SPECS[version])].sort();
}
