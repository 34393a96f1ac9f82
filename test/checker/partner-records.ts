// The checker's test patients, added to the demo partner's R4 hospital: three invented patients, the first with
// one record of every type Rounds reads (so every check has something to read), found by `--family Quillfeather`.
import type { DemoRecords } from '../../server/demo/demo-partner.js';

const SNOMED = 'http://snomed.info/sct';
const code = (display: string, value = '0', system = SNOMED): { system: string; code: string; display: string } => ({
  system,
  code: value,
  display,
});

function patient(
  id: string,
  family: string,
  given: string,
  gender: 'male' | 'female',
  birthDate: string,
  mrn: string,
): NonNullable<DemoRecords['patients']>[number] {
  return {
    id,
    mrn,
    name: { family, given: [given], prefix: [], suffix: [] },
    gender,
    birthDate,
    phone: '555-0100',
    address: { line: '1 Invented Street', city: 'Testville', state: 'TS', postalCode: '00000' },
    generalPractitionerId: 'checker-gp',
  };
}

export const CHECKER_FAMILY = 'Quillfeather';

export function checkerPatients(): DemoRecords {
  const p1 = 'p1';
  return {
    practitioners: [
      { id: 'checker-gp', name: { family: 'Halloway', given: ['Wren'], prefix: ['Dr.'], suffix: [] }, gender: 'female', npi: '0000000001', role: 'general-practitioner' },
    ],
    locations: [{ id: 'checker-bed', kind: 'bed', name: 'Ward 2, Room 4, Bed B', isOccupied: true }],
    patients: [
      patient(p1, CHECKER_FAMILY, 'Rowan', 'female', '1971-03-04', 'MRN-1001'),
      patient('p2', 'Ashgrove', 'Tobin', 'male', '1985-11-20', 'MRN-1002'),
      patient('p3', CHECKER_FAMILY, 'Imre', 'female', '1990-06-30', 'MRN-1003'),
    ],
    encounters: [
      {
        id: 'e1',
        patientId: p1,
        status: 'in-progress',
        start: '2026-11-20T08:00:00Z',
        locationId: 'checker-bed',
        isLocationDisplayed: true,
        attendingId: 'checker-gp',
        reason: code('Community acquired pneumonia', '385093006'),
      },
    ],
    conditions: [
      {
        id: 'c1',
        patientId: p1,
        encounterId: 'e1',
        snomed: code('Community acquired pneumonia', '385093006'),
        icd10: code('Pneumonia, unspecified organism', 'J18.9', 'http://hl7.org/fhir/sid/icd-10-cm'),
        category: 'encounter-diagnosis',
        clinicalStatus: 'active',
        verificationStatus: 'confirmed',
        onset: '2026-11-19',
        recorded: '2026-11-20',
      },
    ],
    vitals: [
      {
        id: 'o1',
        patientId: p1,
        encounterId: 'e1',
        kind: 'bloodPressure',
        effective: '2026-11-21T06:00:00Z',
        components: [
          { kind: 'systolic', value: 128 },
          { kind: 'diastolic', value: 82 },
        ],
      },
    ],
    allergies: [
      {
        id: 'a1',
        patientId: p1,
        substance: code('Penicillin', '764146007'),
        category: 'medication',
        criticality: 'high',
        clinicalStatus: 'active',
        verificationStatus: 'confirmed',
        recorded: '2020-01-01',
        reactions: [{ manifestation: code('Hives', '247472004'), severity: 'moderate' }],
        isNoKnownAllergy: false,
      },
    ],
    medications: [
      {
        id: 'm1',
        patientId: p1,
        encounterId: 'e1',
        medication: code('Amoxicillin 500 mg oral capsule', '308182', 'http://www.nlm.nih.gov/research/umls/rxnorm'),
        status: 'active',
        authored: '2026-11-20',
        prescriberId: 'checker-gp',
        dosageText: 'One capsule three times a day',
        route: code('Oral route', '26643006'),
      },
    ],
    coverages: [
      {
        id: 'cov1',
        patientId: p1,
        payorId: 'checker-payer',
        payorName: 'Example Mutual',
        plan: { value: 'P-1', name: 'Staff plan' },
        group: { value: 'G-1', name: 'Staff group' },
        subscriberId: 'SUB-77',
        period: { start: '2026-01-01', end: '2026-12-31' },
      },
    ],
  };
}
