// FHIR R4 (4.0.x) shapes: hl7.org/fhir/R4. What differs from STU3: statuses are CodeableConcepts
// (Condition.clinicalStatus, AllergyIntolerance.clinicalStatus/verificationStatus), dates are
// `recordedDate`, MedicationRequest.requester is a plain Reference, Coverage.class[] replaces grouping.
import type { FhirAdapter } from './adapter.js';
import { asString, records, type Json } from './json.js';
import { readAllergy } from './read-allergy.js';
import { conceptCodes, statusFromConcept } from './read-common.js';
import { readCondition } from './read-condition.js';
import { payorName, readCoverage } from './read-coverage.js';
import { readMedication } from './read-medication.js';
import { familyFromString } from './read-name.js';
import { referenceDisplay } from './read-reference.js';
import { type QueryDialect } from './queries.js';
import { versionAdapter } from './version-adapter.js';

const readFamily = familyFromString;

const dialect: QueryDialect = {
  familyParam: 'family',
  newestFirst: '_sort=-date',
  medicationResourceType: 'MedicationRequest',
  coverageParam: 'patient',
};

const CONDITION_CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const ALLERGY_CLINICAL = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical';
const ALLERGY_VERIFICATION = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification';

/** Coverage.class[] of a type (hl7.org/fhir/R4/valueset-coverage-class.html): its name, else its value. */
function coverageClass(resource: Json, type: string): string | undefined {
  const found = records(resource['class']).find((c) => conceptCodes(c['type']).includes(type));
  return asString(found?.['name']) ?? asString(found?.['value']);
}

export const r4Adapter: FhirAdapter = versionAdapter({
  version: 'R4',
  dialect,
  readFamily,
  practitionerField: 'generalPractitioner',
  readCategories: (observation) => records(observation['category']),
  toCondition: (resource) =>
    readCondition(resource, {
      recorded: asString(resource['recordedDate']),
      clinicalStatus: statusFromConcept(resource['clinicalStatus'], CONDITION_CLINICAL),
    }),
  toAllergy: (resource) =>
    readAllergy(resource, {
      substance: resource['code'],
      clinicalStatus: statusFromConcept(resource['clinicalStatus'], ALLERGY_CLINICAL),
      verificationStatus: statusFromConcept(resource['verificationStatus'], ALLERGY_VERIFICATION),
      recorded: asString(resource['recordedDate']),
      notes: records(resource['note']),
    }),
  toMedication: (resource) =>
    readMedication(resource, readFamily, {
      authored: asString(resource['authoredOn']),
      prescriber: referenceDisplay(resource['requester'], resource, readFamily),
    }),
  toCoverage: (resource) =>
    readCoverage(resource, {
      payor: payorName(resource['payor']),
      plan: coverageClass(resource, 'plan') ?? coverageClass(resource, 'subplan'),
      group: coverageClass(resource, 'group') ?? coverageClass(resource, 'subgroup'),
      subscriberId: asString(resource['subscriberId']),
    }),
});
