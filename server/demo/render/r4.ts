// R4 (FHIR 4.0.1) shapes, checked against fhir/r4 types and hl7.org/fhir/R4: CodeableConcept clinicalStatus
// and verificationStatus, recordedDate, MedicationRequest.requester as a Reference with display,
// Patient.generalPractitioner, Coverage class[] {type, value, name}, beneficiary, payor, period, subscriberId;
// code systems under terminology.hl7.org.
import type * as r4 from 'fhir/r4';
import { ADMISSION_TYPE, LOINC, SEVERITY_CODES } from '../data/clinical.js';
import { VITALS, VITAL_COMPONENTS } from '../data/vital-codes.js';
import type { DemoLocation, PersonName } from '../data/model.js';
import { concept, contactOf, narrative, nameText, quantity, reference } from './common.js';
import type { DemoRenderer } from './renderer.js';

const TERMINOLOGY = 'http://terminology.hl7.org/CodeSystem';
const V2_0203 = `${TERMINOLOGY}/v2-0203`;
const PHYSICAL_TYPE: Record<DemoLocation['kind'], { code: string; display: string }> = {
  ward: { code: 'wa', display: 'Ward' },
  room: { code: 'ro', display: 'Room' },
  bed: { code: 'bd', display: 'Bed' },
};
// The R4 vital-signs profile wants 2708-6 beside the pulse-oximetry code (hl7.org/fhir/R4/observation-vitalsigns.html).
const OXYGEN_SATURATION_BASE = { system: LOINC, code: '2708-6', display: 'Oxygen saturation in Arterial blood' };

const status = (system: string, code: string): r4.CodeableConcept => ({
  coding: [{ system: `${TERMINOLOGY}/${system}`, code }],
});

function humanName(name: PersonName): r4.HumanName {
  return {
    use: 'official',
    text: nameText(name),
    family: name.family,
    given: name.given,
    ...(name.prefix.length > 0 ? { prefix: name.prefix } : {}),
    ...(name.suffix.length > 0 ? { suffix: name.suffix } : {}),
  };
}

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
    status: 'active',
    ...(l.kind === 'bed'
      ? {
          operationalStatus: {
            system: `${TERMINOLOGY}/v2-0116`,
            code: l.isOccupied ? 'O' : 'U',
            display: l.isOccupied ? 'Occupied' : 'Unoccupied',
          },
        }
      : {}),
    name: l.name,
    mode: 'instance',
    physicalType: { coding: [{ system: `${TERMINOLOGY}/location-physical-type`, ...PHYSICAL_TYPE[l.kind] }] },
    ...(l.partOfId ? { partOf: reference('Location', l.partOfId, lookup.locationName(l.partOfId)) } : {}),
  }),

  patient: (p, lookup): r4.Patient => ({
    resourceType: 'Patient',
    id: p.id,
    text: narrative(`${nameText(p.name)}, born ${p.birthDate}, MRN ${p.mrn}`),
    identifier: [
      {
        use: 'usual',
        type: { coding: [{ system: V2_0203, code: 'MR', display: 'Medical Record Number' }], text: 'MRN' },
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

  encounter: (e, lookup): r4.Encounter => ({
    resourceType: 'Encounter',
    id: e.id,
    status: e.status,
    class: { system: `${TERMINOLOGY}/v3-ActCode`, code: 'IMP', display: 'inpatient encounter' },
    type: [concept(ADMISSION_TYPE)],
    subject: reference('Patient', e.patientId, lookup.patientName(e.patientId)),
    participant: [
      {
        type: [{ coding: [{ system: `${TERMINOLOGY}/v3-ParticipationType`, code: 'ATND', display: 'attender' }] }],
        individual: reference('Practitioner', e.attendingId, lookup.practitionerName(e.attendingId)),
      },
    ],
    period: e.end ? { start: e.start, end: e.end } : { start: e.start },
    reasonCode: [concept(e.reason)],
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

  allergy: (a, lookup): r4.AllergyIntolerance => ({
    resourceType: 'AllergyIntolerance',
    id: a.id,
    text: narrative(a.isNoKnownAllergy ? 'No known allergies' : `Allergy to ${a.substance.display}`),
    clinicalStatus: status('allergyintolerance-clinical', a.clinicalStatus),
    verificationStatus: status('allergyintolerance-verification', a.verificationStatus),
    ...(a.isNoKnownAllergy ? {} : { type: 'allergy' as const, criticality: a.criticality }),
    category: [a.category],
    code: concept(a.substance),
    patient: reference('Patient', a.patientId, lookup.patientName(a.patientId)),
    recordedDate: a.recorded,
    ...(a.note ? { note: [{ text: a.note }] } : {}),
    ...(a.reactions.length > 0
      ? { reaction: a.reactions.map((r) => ({ manifestation: [concept(r.manifestation)], severity: r.severity })) }
      : {}),
  }),

  medication: (m, lookup): r4.MedicationRequest => ({
    resourceType: 'MedicationRequest',
    id: m.id,
    text: narrative(`${m.medication.display}: ${m.dosageText}`),
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
