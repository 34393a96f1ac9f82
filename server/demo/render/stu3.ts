// STU3 (FHIR 3.0.2) shapes, checked against fhir/r3 types and hl7.org/fhir/STU3: MedicationRequest with
// requester.agent and authoredOn, AllergyIntolerance code/clinicalStatus code/assertedDate, Condition
// assertedDate, Observation.category array, Encounter.subject, Coverage grouping/beneficiary/payor.
import type * as r3 from 'fhir/r3';
import { ADMISSION_TYPE, SEVERITY_CODES } from '../data/clinical.js';
import { LABS } from '../data/lab-codes.js';
import { VITALS } from '../data/vital-codes.js';
import {
  allergyNarrative,
  bedStatus,
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

export const stu3Renderer: DemoRenderer = {
  version: 'STU3',
  fhirVersion: '3.0.2',
  capabilityType: 'CapabilityStatement',
  medicationType: 'MedicationRequest',
  identifierTypeSystem: V2_0203,

  organization: (o): r3.Organization => ({
    resourceType: 'Organization',
    id: o.id,
    active: true,
    type: [
      { coding: [{ system: 'http://hl7.org/fhir/organization-type', code: o.kind === 'payer' ? 'ins' : 'prov' }] },
    ],
    name: o.name,
  }),

  practitioner: (p): r3.Practitioner => ({
    resourceType: 'Practitioner',
    id: p.id,
    identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: p.npi }],
    active: true,
    name: [humanName(p.name)],
    gender: p.gender,
  }),

  location: (l, lookup): r3.Location => ({
    resourceType: 'Location',
    id: l.id,
    ...locationFields(l, lookup, 'http://hl7.org/fhir/location-physical-type', 'wa'),
    ...bedStatus(l, 'http://hl7.org/fhir/v2/0116'),
  }),

  patient: (p, lookup): r3.Patient => ({
    resourceType: 'Patient',
    id: p.id,
    text: patientNarrative(p),
    identifier: [mrnIdentifier(V2_0203, 'Medical record number', p.mrn, lookup.mrnSystem)],
    active: true,
    name: [humanName(p.name)],
    ...contactOf(p),
    gender: p.gender,
    birthDate: p.birthDate,
    ...(p.deceasedAt ? { deceasedDateTime: p.deceasedAt } : { deceasedBoolean: false }),
    generalPractitioner: [
      reference('Practitioner', p.generalPractitionerId, lookup.practitionerName(p.generalPractitionerId)),
    ],
  }),

  encounter: (e, lookup): r3.Encounter => ({
    resourceType: 'Encounter',
    id: e.id,
    status: e.status,
    class: { system: 'http://hl7.org/fhir/v3/ActCode', code: 'IMP', display: 'inpatient encounter' },
    type: [concept(ADMISSION_TYPE)],
    subject: reference('Patient', e.patientId, lookup.patientName(e.patientId)),
    ...stayOf(e, lookup, 'http://hl7.org/fhir/v3/ParticipationType'),
    reason: [concept(e.reason)],
    ...(e.dischargeDisposition ? { hospitalization: { dischargeDisposition: concept(e.dischargeDisposition) } } : {}),
  }),

  condition: (c, lookup): r3.Condition => ({
    resourceType: 'Condition',
    id: c.id,
    clinicalStatus: c.clinicalStatus,
    verificationStatus: c.verificationStatus,
    category: [
      {
        coding: [
          {
            system: 'http://hl7.org/fhir/condition-category',
            code: c.category,
            display: c.category === 'encounter-diagnosis' ? 'Encounter Diagnosis' : 'Problem List Item',
          },
        ],
      },
    ],
    ...(c.severity ? { severity: concept(SEVERITY_CODES[c.severity]) } : {}),
    code: concept([c.snomed, c.icd10], c.snomed.display),
    subject: reference('Patient', c.patientId, lookup.patientName(c.patientId)),
    ...(c.encounterId ? { context: reference('Encounter', c.encounterId) } : {}),
    onsetDateTime: c.onset,
    assertedDate: c.recorded,
  }),

  vital: (v, lookup): r3.Observation => {
    const def = VITALS[v.kind];
    return {
      resourceType: 'Observation',
      id: v.id,
      status: 'final',
      category: [
        {
          coding: [{ system: 'http://hl7.org/fhir/observation-category', code: 'vital-signs', display: 'Vital Signs' }],
          text: 'Vital Signs',
        },
      ],
      code: concept(def.loinc),
      subject: reference('Patient', v.patientId, lookup.patientName(v.patientId)),
      context: reference('Encounter', v.encounterId),
      effectiveDateTime: v.effective,
      issued: v.effective.replace('Z', '.000Z'),
      ...vitalValue(v),
    };
  },

  // A category array, the stay as `context`, the interpretation one CodeableConcept (hl7.org/fhir/STU3/observation.html).
  lab: (l, lookup): r3.Observation => ({
    resourceType: 'Observation',
    id: l.id,
    status: 'final',
    category: [
      {
        coding: [{ system: 'http://hl7.org/fhir/observation-category', code: 'laboratory', display: 'Laboratory' }],
        text: 'Laboratory',
      },
    ],
    code: concept(LABS[l.kind].loinc, LABS[l.kind].name),
    subject: reference('Patient', l.patientId, lookup.patientName(l.patientId)),
    context: reference('Encounter', l.encounterId),
    effectiveDateTime: l.effective,
    issued: l.issued.replace('Z', '.000Z'),
    ...labResult(l, 'http://hl7.org/fhir/v2/0078'),
  }),

  allergy: (a, lookup): r3.AllergyIntolerance => ({
    resourceType: 'AllergyIntolerance',
    id: a.id,
    text: allergyNarrative(a),
    clinicalStatus: a.clinicalStatus,
    verificationStatus: a.verificationStatus,
    ...(a.isNoKnownAllergy ? {} : { type: 'allergy', criticality: a.criticality }),
    category: [a.category],
    code: concept(a.substance),
    patient: reference('Patient', a.patientId, lookup.patientName(a.patientId)),
    assertedDate: a.recorded,
    ...(a.note ? { note: [{ text: a.note }] } : {}),
    ...reactionsOf(a),
  }),

  medication: (m, lookup): r3.MedicationRequest => ({
    resourceType: 'MedicationRequest',
    id: m.id,
    text: medicationNarrative(m),
    status: m.status,
    intent: 'order',
    medicationCodeableConcept: concept(m.medication),
    subject: reference('Patient', m.patientId, lookup.patientName(m.patientId)),
    context: reference('Encounter', m.encounterId),
    authoredOn: m.authored,
    requester: { agent: reference('Practitioner', m.prescriberId, lookup.practitionerName(m.prescriberId)) },
    dosageInstruction: [{ text: m.dosageText, route: concept(m.route) }],
    ...(m.ended ? { dispenseRequest: { validityPeriod: { start: m.authored, end: m.ended } } } : {}),
  }),

  coverage: (c, lookup): r3.Coverage => ({
    resourceType: 'Coverage',
    id: c.id,
    status: 'active',
    type: { coding: [{ system: 'http://hl7.org/fhir/v3/ActCode', code: 'EHCPOL', display: 'extended healthcare' }] },
    subscriber: reference('Patient', c.patientId, lookup.patientName(c.patientId)),
    subscriberId: c.subscriberId,
    beneficiary: reference('Patient', c.patientId, lookup.patientName(c.patientId)),
    relationship: { coding: [{ system: 'http://hl7.org/fhir/policyholder-relationship', code: 'self' }] },
    period: c.period,
    payor: [reference('Organization', c.payorId, c.payorName)],
    grouping: { group: c.group.value, groupDisplay: c.group.name, plan: c.plan.value, planDisplay: c.plan.name },
  }),
};
