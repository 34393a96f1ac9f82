// The one place where Rounds branches on the FHIR version: adapterFor(version) gives the reader of that
// version's JSON shapes and the writer of that version's query strings. Everything above server/fhir sees
// view models only (server/wire/contract.ts).
import type {
  AllergySummary,
  ConditionSummary,
  CoverageSummary,
  EncounterSummary,
  FhirVersion,
  LabResult,
  MedicationSummary,
  PatientSummary,
  VitalSign,
} from '../../wire/contract.js';

/** Raw FHIR JSON of any version. Adapters read it defensively: real servers omit and misname things. */
export interface FhirResource {
  resourceType: string;
  id?: string;
  [key: string]: unknown;
}

/** What a patient search asks for (GET /api/patients), already validated. */
export interface PatientCriteria {
  id?: string;
  name?: string;
  family?: string;
  given?: string;
  mrn?: string;
  /** YYYY-MM-DD */
  birthdate?: string;
  gender?: 'male' | 'female' | 'other' | 'unknown';
  count?: number;
}

/** The patient-scoped reads a page or a list row may need. */
export const PATIENT_PARTS = ['encounter', 'conditions', 'vitals', 'labs', 'allergies', 'medications', 'coverage'] as const;
export type PatientPart = (typeof PATIENT_PARTS)[number];

/** A GET relative to the FHIR base, e.g. `Condition?patient=123&_count=20`, tagged with the part it feeds. */
export interface PartQuery {
  part: PatientPart | 'patient';
  resourceType: string;
  url: string;
  /** The `labs` search: the LOINC codes it asks for, which its answer is read against. */
  labCodes?: readonly string[];
}

/** What the patient-scoped searches ask for besides the patient (from the configuration). */
export interface QueryOptions {
  /** Read `Patient/<id>` too. */
  includePatient?: boolean;
  /** LAB_CODES; absent, DEFAULT_LAB_CODES (server/clinical/lab-ranges.ts). */
  labCodes?: readonly string[];
}

export interface FhirAdapter {
  readonly version: FhirVersion;
  /** 'MedicationOrder' (DSTU2) or 'MedicationRequest' (STU3, R4). */
  readonly medicationResourceType: 'MedicationOrder' | 'MedicationRequest';

  /** Form body of `POST [base]/Patient/_search` with this version's parameter names (partner-interface.md §4). */
  patientSearchForm(criteria: PatientCriteria): URLSearchParams;
  /** The patient-scoped GETs for the given parts (plus `Patient/<id>` when `options.includePatient`). */
  patientQueries(patientId: string, parts: readonly PatientPart[], options?: QueryOptions): PartQuery[];

  toPatient(resource: FhirResource): PatientSummary;
  toEncounter(resource: FhirResource): EncounterSummary;
  /** `Location/<id>` of the encounter's first location when it has no display, for a follow-up read. */
  locationToResolve(encounter: FhirResource): string | undefined;
  toLocationName(location: FhirResource): string | undefined;
  /** A Practitioner's name (DSTU2 one HumanName with `family` an array; STU3+ an array of them). */
  toPractitionerName(practitioner: FhirResource): string | undefined;
  toCondition(resource: FhirResource): ConditionSummary;
  /** The newest observation per LOINC code, blood pressure with its components. */
  toVitals(observations: readonly FhirResource[]): VitalSign[];
  /** The newest laboratory observation of each of `codes` (LOINC), in the order of `codes`. */
  toLabs(observations: readonly FhirResource[], codes: readonly string[]): LabResult[];
  toAllergy(resource: FhirResource): AllergySummary;
  toMedication(resource: FhirResource): MedicationSummary;
  toCoverage(resource: FhirResource): CoverageSummary;
}
