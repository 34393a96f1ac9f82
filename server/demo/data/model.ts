// The version-neutral demo model: what a hospital knows about its inpatients, before any FHIR version
// shapes it. The renderers (../render/*.ts) turn it into DSTU2, STU3 or R4 JSON.
import type { DemoTenantDefinition } from '../tenants.js';

export interface Code {
  system: string;
  code: string;
  display: string;
}

export type Gender = 'male' | 'female' | 'other' | 'unknown';

export interface PersonName {
  family: string;
  given: string[];
  prefix: string[];
  suffix: string[];
}

export interface DemoOrganization {
  id: string;
  name: string;
  kind: 'provider' | 'payer';
}

export interface DemoPractitioner {
  id: string;
  name: PersonName;
  gender: Gender;
  npi: string;
  role: 'attending' | 'general-practitioner';
}

export interface DemoLocation {
  id: string;
  kind: 'ward' | 'room' | 'bed';
  /** The full name, e.g. "4 West Surgical, Room 412, Bed B", so a read of the bed alone names all three. */
  name: string;
  partOfId?: string;
  isOccupied: boolean;
}

export interface DemoPatient {
  id: string;
  mrn: string;
  name: PersonName;
  gender: Gender;
  birthDate: string;
  /** Date-time of death, for the deceased patient. */
  deceasedAt?: string;
  phone: string;
  address: { line: string; city: string; state: string; postalCode: string };
  generalPractitionerId: string;
}

export interface DemoEncounter {
  id: string;
  patientId: string;
  status: 'in-progress' | 'finished';
  start: string;
  end?: string;
  /** The bed; its ward and room are its `partOf` chain. */
  locationId: string;
  /** False for a few encounters: the client must then read `Location/<id>` to name the bed. */
  isLocationDisplayed: boolean;
  attendingId: string;
  reason: Code;
  dischargeDisposition?: Code;
}

export interface DemoCondition {
  id: string;
  patientId: string;
  encounterId?: string;
  snomed: Code;
  icd10: Code;
  category: 'encounter-diagnosis' | 'problem-list-item';
  clinicalStatus: 'active' | 'resolved';
  verificationStatus: 'confirmed' | 'provisional';
  severity?: 'mild' | 'moderate' | 'severe';
  onset: string;
  recorded: string;
}

export type VitalKind =
  | 'heartRate'
  | 'bloodPressure'
  | 'respiratoryRate'
  | 'temperature'
  | 'oxygenSaturation'
  | 'weight'
  | 'oxygenFlow'
  | 'consciousness';
export type VitalComponentKind = 'systolic' | 'diastolic';

export interface DemoVital {
  id: string;
  patientId: string;
  encounterId: string;
  kind: VitalKind;
  effective: string;
  value?: number;
  components?: { kind: VitalComponentKind; value: number }[];
  /** A coded answer instead of a number: the level of responsiveness (AVPU). */
  answer?: Code;
}

export type LabKind =
  | 'haemoglobin'
  | 'whiteCells'
  | 'platelets'
  | 'sodium'
  | 'potassium'
  | 'creatinine'
  | 'glucose'
  | 'crp'
  | 'lactate'
  | 'troponin';

/** The lab's own flag (HL7 v2 table 0078 / v3 ObservationInterpretation codes). */
export type LabInterpretation = 'N' | 'L' | 'H' | 'LL' | 'HH';

export interface DemoLab {
  id: string;
  patientId: string;
  encounterId: string;
  kind: LabKind;
  /** When the specimen was taken (effectiveDateTime); `issued` is when the result was released. */
  effective: string;
  issued: string;
  /** In the hospital's units (see `units`). */
  value: number;
  units: LabUnits;
  /** Absent: the result carries no interpretation, as many feeds send normal results. */
  interpretation?: LabInterpretation;
  /** Whether the result carries the laboratory's reference range. */
  hasReferenceRange: boolean;
}

/** SI (mmol/L, µmol/L, g/L) or US conventional units (mg/dL, g/dL) for a hospital's lab results. */
export type LabUnits = 'si' | 'conventional';

export interface DemoAllergy {
  id: string;
  patientId: string;
  substance: Code;
  category: 'medication' | 'food' | 'environment';
  criticality: 'low' | 'high';
  clinicalStatus: 'active' | 'inactive';
  verificationStatus: 'confirmed' | 'unconfirmed';
  recorded: string;
  reactions: { manifestation: Code; severity: 'mild' | 'moderate' | 'severe' }[];
  note?: string;
  /** "No known allergy": a recorded absence, not a substance. */
  isNoKnownAllergy: boolean;
}

export interface DemoMedication {
  id: string;
  patientId: string;
  encounterId: string;
  medication: Code;
  status: 'active' | 'completed' | 'stopped';
  authored: string;
  ended?: string;
  prescriberId: string;
  dosageText: string;
  route: Code;
}

export interface DemoCoverage {
  id: string;
  patientId: string;
  payorId: string;
  payorName: string;
  plan: { value: string; name: string };
  group: { value: string; name: string };
  subscriberId: string;
  period: { start: string; end: string };
}

/** Patients made on purpose to exercise the edges of a client. */
export interface DemoEdgeCases {
  noEncounter?: string;
  noVitals?: string;
  longName?: string;
  deceased?: string;
  discharged?: string;
  accentedName?: string;
  noAllergiesRecorded?: string;
  locationWithoutDisplay?: string;
}

export interface DemoTenantData {
  tenant: DemoTenantDefinition;
  organizations: DemoOrganization[];
  practitioners: DemoPractitioner[];
  locations: DemoLocation[];
  patients: DemoPatient[];
  encounters: DemoEncounter[];
  conditions: DemoCondition[];
  vitals: DemoVital[];
  labs: DemoLab[];
  allergies: DemoAllergy[];
  medications: DemoMedication[];
  coverages: DemoCoverage[];
  edgeCases: DemoEdgeCases;
}
