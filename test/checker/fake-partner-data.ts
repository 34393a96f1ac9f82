// The fake partner's data: three invented R4 patients, the first with one resource of every type Rounds reads.
import type { FhirResource } from '../../server/fhir/adapters/adapter.js';

const MR = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }], text: 'MRN' };
const concept = (display: string, code = 'x', system = 'http://snomed.info/sct'): Record<string, unknown> => ({
  coding: [{ system, code, display }],
  text: display,
});

function patient(id: string, family: string, given: string, gender: string, birthDate: string, mrn: string): FhirResource {
  return {
    resourceType: 'Patient',
    id,
    identifier: [{ use: 'usual', type: MR, system: 'urn:example:mrn', value: mrn }],
    name: [{ use: 'official', family, given: [given] }],
    gender,
    birthDate,
  };
}

export const PATIENTS: FhirResource[] = [
  patient('p1', 'Quillfeather', 'Rowan', 'female', '1971-03-04', 'MRN-1001'),
  patient('p2', 'Ashgrove', 'Tobin', 'male', '1985-11-20', 'MRN-1002'),
  patient('p3', 'Quillfeather', 'Imre', 'female', '1990-06-30', 'MRN-1003'),
];

const subject = { reference: 'Patient/p1' };

export const CLINICAL: FhirResource[] = [
  {
    resourceType: 'Encounter',
    id: 'e1',
    status: 'in-progress',
    class: { code: 'IMP' },
    type: [concept('Inpatient admission')],
    subject,
    period: { start: '2026-11-20T08:00:00Z' },
    location: [{ location: { reference: 'Location/l1', display: 'Ward 2, Room 4, Bed B' } }],
  },
  {
    resourceType: 'Condition',
    id: 'c1',
    subject,
    code: concept('Community acquired pneumonia', '385093006'),
    clinicalStatus: concept('Active', 'active', 'http://terminology.hl7.org/CodeSystem/condition-clinical'),
    recordedDate: '2026-11-20',
  },
  {
    resourceType: 'Observation',
    id: 'o1',
    status: 'final',
    subject,
    category: [concept('Vital Signs', 'vital-signs', 'http://terminology.hl7.org/CodeSystem/observation-category')],
    code: concept('Blood pressure panel', '85354-6', 'http://loinc.org'),
    effectiveDateTime: '2026-11-21T06:00:00Z',
    component: [
      { code: concept('Systolic', '8480-6', 'http://loinc.org'), valueQuantity: { value: 128, unit: 'mm[Hg]' } },
      { code: concept('Diastolic', '8462-4', 'http://loinc.org'), valueQuantity: { value: 82, unit: 'mm[Hg]' } },
    ],
  },
  {
    resourceType: 'AllergyIntolerance',
    id: 'a1',
    patient: subject,
    code: concept('Penicillin', '764146007'),
    clinicalStatus: concept('Active', 'active'),
    verificationStatus: concept('Confirmed', 'confirmed'),
    recordedDate: '2020-01-01',
  },
  {
    resourceType: 'MedicationRequest',
    id: 'm1',
    status: 'active',
    intent: 'order',
    subject,
    medicationCodeableConcept: concept('Amoxicillin 500 mg oral capsule', '308182', 'http://www.nlm.nih.gov/research/umls/rxnorm'),
    authoredOn: '2026-11-20',
    requester: { display: 'Dr. Wren Halloway' },
    dosageInstruction: [{ text: 'One capsule three times a day' }],
  },
  {
    resourceType: 'Coverage',
    id: 'cov1',
    status: 'active',
    beneficiary: subject,
    payor: [{ display: 'Example Mutual' }],
    subscriberId: 'SUB-77',
    class: [{ type: { coding: [{ code: 'group' }] }, value: 'G-1', name: 'Staff plan' }],
  },
];
