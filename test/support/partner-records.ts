// Invented patients for the demo partner (RunningDemoPartner.addRecords): one patient with one record of every
// type the detail page shows, as the demo hospital's model, so each FHIR version renders them its own way.
import type { DemoRecords } from '../../server/demo/demo-partner.js';

export interface PatientSeed {
  id: string;
  family: string;
  given: string;
  mrn: string;
  /** Leave the encounter's location display out, so a client must read Location/<id>. */
  isLocationDisplayMissing?: boolean;
}

const SNOMED = 'http://snomed.info/sct';
const PRESCRIBER = 'invented-prescriber';

/** The practitioner every seeded patient refers to; add it once per tenant (with the first patients). */
export const SEED_PRACTITIONERS: DemoRecords = {
  practitioners: [
    { id: PRESCRIBER, name: { family: 'Prescriber', given: ['Invented'], prefix: ['Dr.'], suffix: [] }, gender: 'unknown', npi: '0000000000', role: 'attending' },
  ],
};

export function seededPatient(seed: PatientSeed): DemoRecords {
  const patientId = seed.id;
  const encounterId = `enc-${seed.id}`;
  return {
    patients: [
      {
        id: patientId,
        mrn: seed.mrn,
        name: { family: seed.family, given: [seed.given], prefix: [], suffix: [] },
        gender: 'female',
        birthDate: '1970-01-01',
        phone: '555-0100',
        address: { line: '1 Invented Street', city: 'Testville', state: 'TS', postalCode: '00000' },
        generalPractitionerId: PRESCRIBER,
      },
    ],
    locations: [{ id: `loc-${seed.id}`, kind: 'bed', name: `Ward 1, Room ${seed.id}`, isOccupied: true }],
    encounters: [
      {
        id: encounterId,
        patientId,
        status: 'in-progress',
        start: '2026-11-20T08:00:00Z',
        locationId: `loc-${seed.id}`,
        isLocationDisplayed: seed.isLocationDisplayMissing !== true,
        attendingId: PRESCRIBER,
        reason: { system: SNOMED, code: '38341003', display: 'Hypertensive disorder' },
      },
    ],
    conditions: [
      {
        id: `cond-${seed.id}`,
        patientId,
        encounterId,
        snomed: { system: SNOMED, code: '38341003', display: 'Hypertensive disorder' },
        icd10: { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'I10', display: 'Essential (primary) hypertension' },
        category: 'problem-list-item',
        clinicalStatus: 'active',
        verificationStatus: 'confirmed',
        onset: '2026-11-20',
        recorded: '2026-11-20',
      },
    ],
    vitals: [
      {
        id: `bp-${seed.id}`,
        patientId,
        encounterId,
        kind: 'bloodPressure',
        effective: '2026-11-21T08:00:00Z',
        components: [
          { kind: 'systolic', value: 128 },
          { kind: 'diastolic', value: 82 },
        ],
      },
    ],
    allergies: [
      {
        id: `alg-${seed.id}`,
        patientId,
        substance: { system: SNOMED, code: '764146007', display: 'Penicillin' },
        category: 'medication',
        criticality: 'high',
        clinicalStatus: 'active',
        verificationStatus: 'confirmed',
        recorded: '2026-01-01',
        reactions: [],
        isNoKnownAllergy: false,
      },
    ],
    medications: [
      {
        id: `med-${seed.id}`,
        patientId,
        encounterId,
        medication: { system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '197361', display: 'Amlodipine 5 mg tablet' },
        status: 'active',
        authored: '2026-11-20',
        prescriberId: PRESCRIBER,
        dosageText: 'One tablet daily',
        route: { system: SNOMED, code: '26643006', display: 'Oral route' },
      },
    ],
    coverages: [
      {
        id: `cov-${seed.id}`,
        patientId,
        payorId: 'invented-payer',
        payorName: 'Invented Health Plan',
        plan: { value: 'P-1', name: 'Invented plan' },
        group: { value: 'G-1', name: 'Invented group' },
        subscriberId: `SUB-${seed.id}`,
        period: { start: '2026-01-01', end: '2026-12-31' },
      },
    ],
  };
}

/** The records of several seeds, as one addRecords argument. */
export function seededPatients(seeds: PatientSeed[]): DemoRecords {
  const all: DemoRecords = { ...SEED_PRACTITIONERS };
  for (const records of seeds.map(seededPatient)) {
    for (const [kind, added] of Object.entries(records) as [keyof DemoRecords, unknown[]][]) {
      (all[kind] as unknown[] | undefined) = [...((all[kind] as unknown[] | undefined) ?? []), ...added];
    }
  }
  return all;
}
