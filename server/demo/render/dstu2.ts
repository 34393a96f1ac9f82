// DSTU2 (FHIR 1.0.2) shapes, checked against fhir/r2 types and hl7.org/fhir/DSTU2: HumanName.family is an
// array, Encounter.patient, one Observation.category, MedicationOrder with prescriber and dateWritten,
// AllergyIntolerance substance/status/recordedDate, Condition dateRecorded/clinicalStatus/verificationStatus,
// Patient.careProvider, Coverage plan/group/subscriber/issuer.
import type * as r2 from 'fhir/r2';
import { ADMISSION_TYPE, SEVERITY_CODES } from '../data/clinical.js';
import { LABS } from '../data/lab-codes.js';
import { VITALS } from '../data/vital-codes.js';
import type { DemoAllergy } from '../data/model.js';
import {
  allergyNarrative,
  concept,
  contactOf,
  humanName,
  labResult,
  locationFields,
  medicationNarrative,
  mrnIdentifier,
  patientNarrative,
  reactionsOf,
  reference,
  stayOf,
  vitalValue,
} from './common.js';
import type { DemoRenderer } from './renderer.js';

const V2_0203 = 'http://hl7.org/fhir/v2/0203';

/** DSTU2's HumanName.family is an array (hl7.org/fhir/DSTU2/datatypes.html#HumanName). */
const dstu2Name = (name: Parameters<typeof humanName>[0]): r2.HumanName => ({
  ...humanName(name),
  family: [name.family],
});

/** DSTU2 folds clinical and verification status into one `status` code. */
function allergyStatus(allergy: DemoAllergy): string {
  if (allergy.clinicalStatus === 'inactive') return 'inactive';
  return allergy.verificationStatus === 'unconfirmed' ? 'unconfirmed' : 'confirmed';
}

export const dstu2Renderer: DemoRenderer = {
  version: 'DSTU2',
  fhirVersion: '1.0.2',
  capabilityType: 'Conformance',
  medicationType: 'MedicationOrder',
  identifierTypeSystem: V2_0203,

  organization: (o): r2.Organization => ({
    resourceType: 'Organization',
    id: o.id,
    active: true,
    type: { coding: [{ system: 'http://hl7.org/fhir/organization-type', code: o.kind === 'payer' ? 'ins' : 'prov' }] },
    name: o.name,
  }),

  practitioner: (p): r2.Practitioner => ({
    resourceType: 'Practitioner',
    id: p.id,
    identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: p.npi }],
    active: true,
    name: dstu2Name(p.name),
    gender: p.gender,
  }),

  location: (l, lookup): r2.Location => ({
    resourceType: 'Location',
    id: l.id,
    ...locationFields(l, lookup, 'http://hl7.org/fhir/location-physical-type', 'wi'),
  }),

  patient: (p, lookup): r2.Patient => ({
    resourceType: 'Patient',
    id: p.id,
    text: patientNarrative(p),
    identifier: [mrnIdentifier(V2_0203, 'Medical record number', p.mrn, lookup.mrnSystem)],
    active: true,
    name: [dstu2Name(p.name)],
    ...contactOf(p),
    gender: p.gender,
    birthDate: p.birthDate,
    ...(p.deceasedAt ? { deceasedDateTime: p.deceasedAt } : { deceasedBoolean: false }),
    careProvider: [
      reference('Practitioner', p.generalPractitionerId, lookup.practitionerName(p.generalPractitionerId)),
    ],
  }),

  encounter: (e, lookup): r2.Encounter => ({
    resourceType: 'Encounter',
    id: e.id,
    status: e.status,
    class: 'inpatient',
    type: [concept(ADMISSION_TYPE)],
    patient: reference('Patient', e.patientId, lookup.patientName(e.patientId)),
    ...stayOf(e, lookup, 'http://hl7.org/fhir/v3/ParticipationType'),
    reason: [concept(e.reason)],
    ...(e.dischargeDisposition ? { hospitalization: { dischargeDisposition: concept(e.dischargeDisposition) } } : {}),
  }),

  condition: (c, lookup): r2.Condition => ({
    resourceType: 'Condition',
    id: c.id,
    patient: reference('Patient', c.patientId, lookup.patientName(c.patientId)),
    ...(c.encounterId ? { encounter: reference('Encounter', c.encounterId) } : {}),
    dateRecorded: c.recorded,
    code: concept([c.snomed, c.icd10], c.snomed.display),
    category: {
      coding: [
        {
          system: 'http://hl7.org/fhir/condition-category',
          code: c.category === 'encounter-diagnosis' ? 'diagnosis' : 'finding',
        },
      ],
    },
    clinicalStatus: c.clinicalStatus,
    verificationStatus: c.verificationStatus,
    ...(c.severity ? { severity: concept(SEVERITY_CODES[c.severity]) } : {}),
    onsetDateTime: c.onset,
  }),

  vital: (v, lookup): r2.Observation => {
    const def = VITALS[v.kind];
    return {
      resourceType: 'Observation',
      id: v.id,
      status: 'final',
      category: {
        coding: [{ system: 'http://hl7.org/fhir/observation-category', code: 'vital-signs', display: 'Vital Signs' }],
        text: 'Vital Signs',
      },
      code: concept(def.loinc),
      subject: reference('Patient', v.patientId, lookup.patientName(v.patientId)),
      encounter: reference('Encounter', v.encounterId),
      effectiveDateTime: v.effective,
      issued: v.effective.replace('Z', '.000Z'),
      ...vitalValue(v),
    };
  },

  // One category, and the interpretation a single CodeableConcept from HL7 v2 table 0078 (hl7.org/fhir/DSTU2/observation.html).
  lab: (l, lookup): r2.Observation => ({
    resourceType: 'Observation',
    id: l.id,
    status: 'final',
    category: {
      coding: [{ system: 'http://hl7.org/fhir/observation-category', code: 'laboratory', display: 'Laboratory' }],
      text: 'Laboratory',
    },
    code: concept(LABS[l.kind].loinc, LABS[l.kind].name),
    subject: reference('Patient', l.patientId, lookup.patientName(l.patientId)),
    encounter: reference('Encounter', l.encounterId),
    effectiveDateTime: l.effective,
    issued: l.issued.replace('Z', '.000Z'),
    ...labResult(l, 'http://hl7.org/fhir/v2/0078'),
  }),

  allergy: (a, lookup): r2.AllergyIntolerance => ({
    resourceType: 'AllergyIntolerance',
    id: a.id,
    text: allergyNarrative(a),
    recordedDate: a.recorded,
    patient: reference('Patient', a.patientId, lookup.patientName(a.patientId)),
    substance: concept(a.substance),
    status: allergyStatus(a),
    ...(a.isNoKnownAllergy ? {} : { criticality: a.criticality === 'high' ? 'CRITH' : 'CRITL', type: 'allergy' }),
    category: a.category,
    ...(a.note ? { note: { text: a.note } } : {}),
    ...reactionsOf(a),
  }),

  medication: (m, lookup): r2.MedicationOrder => ({
    resourceType: 'MedicationOrder',
    id: m.id,
    text: medicationNarrative(m),
    dateWritten: m.authored,
    status: m.status,
    ...(m.ended ? { dateEnded: m.ended } : {}),
    patient: reference('Patient', m.patientId, lookup.patientName(m.patientId)),
    prescriber: reference('Practitioner', m.prescriberId, lookup.practitionerName(m.prescriberId)),
    encounter: reference('Encounter', m.encounterId),
    medicationCodeableConcept: concept(m.medication),
    dosageInstruction: [{ text: m.dosageText, route: concept(m.route) }],
  }),

  coverage: (c, lookup): r2.Coverage => ({
    resourceType: 'Coverage',
    id: c.id,
    issuer: reference('Organization', c.payorId, c.payorName),
    period: c.period,
    type: { system: 'http://hl7.org/fhir/v3/ActCode', code: 'EHCPOL', display: 'extended healthcare' },
    subscriberId: { value: c.subscriberId },
    // DSTU2 has only plain strings for plan and group: the readable names are what a clinician needs.
    plan: c.plan.name,
    group: c.group.name,
    subscriber: reference('Patient', c.patientId, lookup.patientName(c.patientId)),
  }),
};
