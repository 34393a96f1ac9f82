// R4 (FHIR 4.0.1) shapes, checked against fhir/r4 types and hl7.org/fhir/R4: CodeableConcept clinicalStatus
// and verificationStatus, recordedDate, MedicationRequest.requester as a Reference with display,
// Patient.generalPractitioner, Coverage class[] {type, value, name}, beneficiary, payor, period, subscriberId;
// code systems under terminology.hl7.org.
import type * as r4 from 'fhir/r4';
import { ADMISSION_TYPE, LOINC, SEVERITY_CODES } from '../data/clinical.js';
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

const TERMINOLOGY = 'http://terminology.hl7.org/CodeSystem';
const V2_0203 = `${TERMINOLOGY}/v2-0203`;
// The R4 vital-signs profile wants 2708-6 beside the pulse-oximetry code (hl7.org/fhir/R4/observation-vitalsigns.html).
const OXYGEN_SATURATION_BASE = { system: LOINC, code: '2708-6', display: 'Oxygen saturation in Arterial blood' };

const status = (system: string, code: string): r4.CodeableConcept => ({
  coding: [{ system: `${TERMINOLOGY}/${system}`, code }],
});

export const r4Renderer: DemoRenderer = {
  version: 'R4',
  fhirVersion: '4.0.1',
  capabilityType: 'CapabilityStatement',
  medicationType: 'MedicationRequest',
  identifierTypeSystem: V2_0203,

  organization: (o): r4.Organization => ({
    resourceType: 'Organization',
    id: o.id,
    active: true,
    type: [{ coding: [{ system: `${TERMINOLOGY}/organization-type`, code: o.kind === 'payer' ? 'ins' : 'prov' }] }],
    name: o.name,
  }),

  practitioner: (p): r4.Practitioner => ({
    resourceType: 'Practitioner',
    id: p.id,
    identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: p.npi }],
    active: true,
    name: [humanName(p.name)],
    gender: p.gender,
  }),

  location: (l, lookup): r4.Location => ({
    resourceType: 'Location',
    id: l.id,
    ...locationFields(l, lookup, `${TERMINOLOGY}/location-physical-type`, 'wa'),
    ...bedStatus(l, `${TERMINOLOGY}/v2-0116`),
  }),

  patient: (p, lookup): r4.Patient => ({
    resourceType: 'Patient',
    id: p.id,
    text: patientNarrative(p),
    identifier: [mrnIdentifier(V2_0203, 'Medical Record Number', p.mrn, lookup.mrnSystem)],
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

  encounter: (e, lookup): r4.Encounter => ({
    resourceType: 'Encounter',
    id: e.id,
    status: e.status,
    class: { system: `${TERMINOLOGY}/v3-ActCode`, code: 'IMP', display: 'inpatient encounter' },
    type: [concept(ADMISSION_TYPE)],
    subject: reference('Patient', e.patientId, lookup.patientName(e.patientId)),
    ...stayOf(e, lookup, `${TERMINOLOGY}/v3-ParticipationType`),
    reasonCode: [concept(e.reason)],
    ...(e.dischargeDisposition ? { hospitalization: { dischargeDisposition: concept(e.dischargeDisposition) } } : {}),
  }),

  condition: (c, lookup): r4.Condition => ({
    resourceType: 'Condition',
    id: c.id,
    clinicalStatus: status('condition-clinical', c.clinicalStatus),
    verificationStatus: status('condition-ver-status', c.verificationStatus),
    category: [
      {
        coding: [
          {
            system: `${TERMINOLOGY}/condition-category`,
            code: c.category,
            display: c.category === 'encounter-diagnosis' ? 'Encounter Diagnosis' : 'Problem List Item',
          },
        ],
      },
    ],
    ...(c.severity ? { severity: concept(SEVERITY_CODES[c.severity]) } : {}),
    code: concept([c.snomed, c.icd10], c.snomed.display),
    subject: reference('Patient', c.patientId, lookup.patientName(c.patientId)),
    ...(c.encounterId ? { encounter: reference('Encounter', c.encounterId) } : {}),
    onsetDateTime: c.onset,
    recordedDate: c.recorded,
  }),

  vital: (v, lookup): r4.Observation => {
    const def = VITALS[v.kind];
    return {
      resourceType: 'Observation',
      id: v.id,
      status: 'final',
      category: [
        {
          coding: [{ system: `${TERMINOLOGY}/observation-category`, code: 'vital-signs', display: 'Vital Signs' }],
          text: 'Vital Signs',
        },
      ],
      code: v.kind === 'oxygenSaturation' ? concept([def.loinc, OXYGEN_SATURATION_BASE]) : concept(def.loinc),
      subject: reference('Patient', v.patientId, lookup.patientName(v.patientId)),
      encounter: reference('Encounter', v.encounterId),
      effectiveDateTime: v.effective,
      issued: v.effective.replace('Z', '.000Z'),
      ...vitalValue(v),
    };
  },

  // The interpretation is a list in R4, from v3 ObservationInterpretation (hl7.org/fhir/R4/observation.html).
  lab: (l, lookup): r4.Observation => {
    const { interpretation, ...result } = labResult(l, `${TERMINOLOGY}/v3-ObservationInterpretation`);
    return {
      resourceType: 'Observation',
      id: l.id,
      status: 'final',
      category: [
        {
          coding: [{ system: `${TERMINOLOGY}/observation-category`, code: 'laboratory', display: 'Laboratory' }],
          text: 'Laboratory',
        },
      ],
      code: concept(LABS[l.kind].loinc, LABS[l.kind].name),
      subject: reference('Patient', l.patientId, lookup.patientName(l.patientId)),
      encounter: reference('Encounter', l.encounterId),
      effectiveDateTime: l.effective,
      issued: l.issued.replace('Z', '.000Z'),
      ...result,
      ...(interpretation ? { interpretation: [interpretation] } : {}),
    };
  },

  allergy: (a, lookup): r4.AllergyIntolerance => ({
    resourceType: 'AllergyIntolerance',
    id: a.id,
    text: allergyNarrative(a),
    clinicalStatus: status('allergyintolerance-clinical', a.clinicalStatus),
    verificationStatus: status('allergyintolerance-verification', a.verificationStatus),
    ...(a.isNoKnownAllergy ? {} : { type: 'allergy' as const, criticality: a.criticality }),
    category: [a.category],
    code: concept(a.substance),
    patient: reference('Patient', a.patientId, lookup.patientName(a.patientId)),
    recordedDate: a.recorded,
    ...(a.note ? { note: [{ text: a.note }] } : {}),
    ...reactionsOf(a),
  }),

  medication: (m, lookup): r4.MedicationRequest => ({
    resourceType: 'MedicationRequest',
    id: m.id,
    text: medicationNarrative(m),
    status: m.status,
    intent: 'order',
    medicationCodeableConcept: concept(m.medication),
    subject: reference('Patient', m.patientId, lookup.patientName(m.patientId)),
    encounter: reference('Encounter', m.encounterId),
    authoredOn: m.authored,
    requester: reference('Practitioner', m.prescriberId, lookup.practitionerName(m.prescriberId)),
    dosageInstruction: [{ text: m.dosageText, route: concept(m.route) }],
    ...(m.ended ? { dispenseRequest: { validityPeriod: { start: m.authored, end: m.ended } } } : {}),
  }),

  coverage: (c, lookup): r4.Coverage => ({
    resourceType: 'Coverage',
    id: c.id,
    status: 'active',
    type: { coding: [{ system: `${TERMINOLOGY}/v3-ActCode`, code: 'EHCPOL', display: 'extended healthcare' }] },
    subscriber: reference('Patient', c.patientId, lookup.patientName(c.patientId)),
    subscriberId: c.subscriberId,
    beneficiary: reference('Patient', c.patientId, lookup.patientName(c.patientId)),
    relationship: status('subscriber-relationship', 'self'),
    period: c.period,
    payor: [reference('Organization', c.payorId, c.payorName)],
    class: [
      { type: status('coverage-class', 'group'), value: c.group.value, name: c.group.name },
      { type: status('coverage-class', 'plan'), value: c.plan.value, name: c.plan.name },
    ],
  }),
};
