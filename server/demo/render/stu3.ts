// STU3 (FHIR 3.0.2) shapes, checked against fhir/r3 types and hl7.org/fhir/STU3: MedicationRequest with
// requester.agent and authoredOn, AllergyIntolerance code/clinicalStatus code/assertedDate, Condition
// assertedDate, Observation.category array, Encounter.subject, Coverage grouping/beneficiary/payor.
import type * as r3 from 'fhir/r3';
import { ADMISSION_TYPE, SEVERITY_CODES } from '../data/clinical.js';
import { VITALS, VITAL_COMPONENTS } from '../data/vital-codes.js';
import type { DemoLocation, PersonName } from '../data/model.js';
import { concept, contactOf, narrative, nameText, quantity, reference } from './common.js';
import type { DemoRenderer } from './renderer.js';

const V2_0203 = 'http://hl7.org/fhir/v2/0203';
const PHYSICAL_TYPE: Record<DemoLocation['kind'], { code: string; display: string }> = {
  ward: { code: 'wa', display: 'Ward' },
  room: { code: 'ro', display: 'Room' },
  bed: { code: 'bd', display: 'Bed' },
};

function humanName(name: PersonName): r3.HumanName {
  return {
    use: 'official',
    text: nameText(name),
    family: name.family,
    given: name.given,
    ...(name.prefix.length > 0 ? { prefix: name.prefix } : {}),
    ...(name.suffix.length > 0 ? { suffix: name.suffix } : {}),
  };
}

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
    status: 'active',
    ...(l.kind === 'bed'
      ? {
          operationalStatus: {
            system: 'http://hl7.org/fhir/v2/0116',
            code: l.isOccupied ? 'O' : 'U',
            display: l.isOccupied ? 'Occupied' : 'Unoccupied',
          },
        }
      : {}),
    name: l.name,
    mode: 'instance',
    physicalType: { coding: [{ system: 'http://hl7.org/fhir/location-physical-type', ...PHYSICAL_TYPE[l.kind] }] },
    ...(l.partOfId ? { partOf: reference('Location', l.partOfId, lookup.locationName(l.partOfId)) } : {}),
  }),

  patient: (p, lookup): r3.Patient => ({
    resourceType: 'Patient',
    id: p.id,
    text: narrative(`${nameText(p.name)}, born ${p.birthDate}, MRN ${p.mrn}`),
    identifier: [
      {
        use: 'usual',
        type: { coding: [{ system: V2_0203, code: 'MR', display: 'Medical record number' }], text: 'MRN' },
        system: lookup.mrnSystem,
        value: p.mrn,
      },
    ],
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
    participant: [
      {
        type: [{ coding: [{ system: 'http://hl7.org/fhir/v3/ParticipationType', code: 'ATND', display: 'attender' }] }],
        individual: reference('Practitioner', e.attendingId, lookup.practitionerName(e.attendingId)),
      },
    ],
    period: e.end ? { start: e.start, end: e.end } : { start: e.start },
    reason: [concept(e.reason)],
    ...(e.dischargeDisposition ? { hospitalization: { dischargeDisposition: concept(e.dischargeDisposition) } } : {}),
    location: [
      {
        location: reference(
          'Location',
          e.locationId,
          e.isLocationDisplayed ? lookup.locationName(e.locationId) : undefined,
        ),
        status: e.status === 'finished' ? 'completed' : 'active',
      },
    ],
    serviceProvider: reference('Organization', lookup.data.organizations[0]?.id ?? '', lookup.data.tenant.name),
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
      ...(v.value !== undefined ? { valueQuantity: quantity(v.value, def.unit, def.ucum) } : {}),
      ...(v.components
        ? {
            component: v.components.map((c) => {
              const cdef = VITAL_COMPONENTS[c.kind];
              return { code: concept(cdef.loinc), valueQuantity: quantity(c.value, cdef.unit, cdef.ucum) };
            }),
          }
        : {}),
    };
  },

  allergy: (a, lookup): r3.AllergyIntolerance => ({
    resourceType: 'AllergyIntolerance',
    id: a.id,
    text: narrative(a.isNoKnownAllergy ? 'No known allergies' : `Allergy to ${a.substance.display}`),
    clinicalStatus: a.clinicalStatus,
    verificationStatus: a.verificationStatus,
    ...(a.isNoKnownAllergy ? {} : { type: 'allergy', criticality: a.criticality }),
    category: [a.category],
    code: concept(a.substance),
    patient: reference('Patient', a.patientId, lookup.patientName(a.patientId)),
    assertedDate: a.recorded,
    ...(a.note ? { note: [{ text: a.note }] } : {}),
    ...(a.reactions.length > 0
      ? { reaction: a.reactions.map((r) => ({ manifestation: [concept(r.manifestation)], severity: r.severity })) }
      : {}),
  }),

  medication: (m, lookup): r3.MedicationRequest => ({
    resourceType: 'MedicationRequest',
    id: m.id,
    text: narrative(`${m.medication.display}: ${m.dosageText}`),
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
