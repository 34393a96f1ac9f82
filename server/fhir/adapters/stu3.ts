// FHIR STU3 (3.0.x) shapes: hl7.org/fhir/STU3. What differs from DSTU2 and R4: statuses are plain codes
// (Condition.clinicalStatus, AllergyIntolerance.clinicalStatus/verificationStatus), dates are
// `assertedDate`, MedicationRequest.requester is a {agent, onBehalfOf} element, Coverage.grouping.
import type { FhirAdapter } from './adapter.js';
import { guarded } from './guarded.js';
import { asRecord, asString, records, type Json } from './json.js';
import { readAllergy } from './read-allergy.js';
import { readCondition } from './read-condition.js';
import { payorName, readCoverage } from './read-coverage.js';
import { locationToResolve, readEncounter, readLocationName } from './read-encounter.js';
import { nestedReference, readMedication } from './read-medication.js';
import { familyFromString, resourceName } from './read-name.js';
import { readPatient } from './read-patient.js';
import { readLabs } from './read-labs.js';
import { readVitals } from './read-vitals.js';
import { patientQueries, patientSearchForm, type QueryDialect } from './queries.js';

const readFamily = familyFromString;

const dialect: QueryDialect = {
  familyParam: 'family',
  newestFirst: '_sort=-date',
  medicationResourceType: 'MedicationRequest',
  coverageParam: 'beneficiary',
};

/** Coverage.grouping: the display of a level, else its code, else the sub-level's (CMS sends only sub-levels). */
function groupingLevel(grouping: Json | undefined, level: 'group' | 'plan'): string | undefined {
  const sub = level === 'group' ? 'subGroup' : 'subPlan';
  return (
    asString(grouping?.[`${level}Display`]) ??
    asString(grouping?.[level]) ??
    asString(grouping?.[`${sub}Display`]) ??
    asString(grouping?.[sub])
  );
}

export const stu3Adapter: FhirAdapter = guarded({
  version: 'STU3',
  medicationResourceType: 'MedicationRequest',
  patientSearchForm: (criteria) => patientSearchForm(criteria, dialect),
  patientQueries: (patientId, parts, options) => patientQueries(patientId, parts, dialect, options),
  toPatient: (resource) => readPatient(resource, { readFamily, practitionerField: 'generalPractitioner' }),
  toEncounter: (resource) => readEncounter(resource, readFamily),
  locationToResolve: (encounter) => locationToResolve(encounter, readFamily),
  toLocationName: (location) => readLocationName(location),
  toPractitionerName: (practitioner) => resourceName(practitioner, readFamily),
  toCondition: (resource) =>
    readCondition(resource, {
      recorded: asString(resource['assertedDate']),
      clinicalStatus: asString(resource['clinicalStatus']),
    }),
  toVitals: (observations) => readVitals(observations, (observation) => records(observation['category'])),
  toLabs: (observations, codes) => readLabs(observations, codes, (observation) => records(observation['category'])),
  toAllergy: (resource) =>
    readAllergy(resource, {
      substance: resource['code'],
      clinicalStatus: asString(resource['clinicalStatus']),
      verificationStatus: asString(resource['verificationStatus']),
      recorded: asString(resource['assertedDate']),
      notes: records(resource['note']),
    }),
  toMedication: (resource) =>
    readMedication(resource, readFamily, {
      authored: asString(resource['authoredOn']),
      prescriber: nestedReference(resource, 'requester', 'agent', readFamily),
    }),
  toCoverage: (resource) => {
    const grouping = asRecord(resource['grouping']);
    return readCoverage(resource, {
      payor: payorName(resource['payor']),
      plan: groupingLevel(grouping, 'plan'),
      group: groupingLevel(grouping, 'group'),
      subscriberId: asString(resource['subscriberId']),
    });
  },
});
