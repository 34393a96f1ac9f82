// Invented, minimal R4 data: one patient with one of everything the detail page shows, as FHIR JSON a test adds to the
// demo partner as written (RunningDemoPartner.addResources).
import type { FhirResource } from '../../server/fhir/adapters/adapter.js';

const MR = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] };

export interface PatientSeed {
  id: string;
  family: string;
  given: string;
  mrn: string;
  /** Leave the encounter's location display out, so a client must read Location/<id>. */
  isLocationDisplayMissing?: boolean;
}

export function r4PatientBundle(seed: PatientSeed): FhirResource[] {
  const subject = { reference: `Patient/${seed.id}` };
  const locationId = `loc-${seed.id}`;
  return [
    {
      resourceType: 'Patient',
      id: seed.id,
      identifier: [{ type: MR, system: 'urn:oid:1.2.3.4', value: seed.mrn }],
      name: [{ use: 'official', family: seed.family, given: [seed.given] }],
      gender: 'female',
      birthDate: '1970-01-01',
    },
    { resourceType: 'Location', id: locationId, name: `Ward 1, Room ${seed.id}` },
    {
      resourceType: 'Encounter',
      id: `enc-${seed.id}`,
      status: 'in-progress',
      subject,
      period: { start: '2026-11-20T08:00:00Z' },
      location: [
        {
          location: seed.isLocationDisplayMissing
            ? { reference: `Location/${locationId}` }
            : { reference: `Location/${locationId}`, display: `Ward 1, Room ${seed.id}` },
        },
      ],
    },
    {
      resourceType: 'Condition',
      id: `cond-${seed.id}`,
      subject,
      code: { coding: [{ system: 'http://snomed.info/sct', code: '38341003', display: 'Hypertensive disorder' }] },
      recordedDate: '2026-11-20',
    },
    {
      resourceType: 'Observation',
      id: `bp-${seed.id}`,
      status: 'final',
      subject,
      category: [{ coding: [{ code: 'vital-signs' }] }],
      code: { coding: [{ system: 'http://loinc.org', code: '85354-6', display: 'Blood pressure panel' }] },
      effectiveDateTime: '2026-11-21T08:00:00Z',
      component: [
        {
          code: { coding: [{ system: 'http://loinc.org', code: '8480-6', display: 'Systolic' }] },
          valueQuantity: { value: 128, unit: 'mmHg' },
        },
        {
          code: { coding: [{ system: 'http://loinc.org', code: '8462-4', display: 'Diastolic' }] },
          valueQuantity: { value: 82, unit: 'mmHg' },
        },
      ],
    },
    {
      resourceType: 'AllergyIntolerance',
      id: `alg-${seed.id}`,
      patient: subject,
      code: { text: 'Penicillin' },
      recordedDate: '2026-01-01',
    },
    {
      resourceType: 'MedicationRequest',
      id: `med-${seed.id}`,
      subject,
      status: 'active',
      medicationCodeableConcept: { text: 'Amlodipine 5 mg tablet' },
      authoredOn: '2026-11-20',
      requester: { display: 'Dr. Invented Prescriber' },
    },
    {
      resourceType: 'Coverage',
      id: `cov-${seed.id}`,
      status: 'active',
      beneficiary: subject,
      payor: [{ display: 'Invented Health Plan' }],
      subscriberId: `SUB-${seed.id}`,
    },
  ];
}
