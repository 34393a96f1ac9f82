// FHIR STU3 (3.0.x) shapes: hl7.org/fhir/STU3. What differs from DSTU2 and R4: statuses are plain codes
// (Condition.clinicalStatus, AllergyIntolerance.clinicalStatus/verificationStatus), dates are
// `assertedDate`, MedicationRequest.requester is a {agent, onBehalfOf} element, Coverage.grouping.
import type { FhirAdapter } from './adapter.js';
import { asRecord, asString, records, type Json } from './json.js';
import { readAllergy } from './read-allergy.js';
import { readCondition } from './read-condition.js';
import { payorName, readCoverage } from './read-coverage.js';
import { nestedReference, readMedication } from './read-medication.js';
import { familyFromString } from './read-name.js';
import { type QueryDialect } from './queries.js';
import { versionAdapter } from './version-adapter.js';

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

export const stu3Adapter: FhirAdapter = versionAdapter({
  version: 'STU3',
  dialect,
  readFamily,
  practitionerField: 'generalPractitioner',
  readCategories: (observation) => records(observation['category']),
  toCondition: (resource) =>
    readCondition(resource, {
      recorded: asString(resource['assertedDate']),
      clinicalStatus: asString(resource['clinicalStatus']),
    }),
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
