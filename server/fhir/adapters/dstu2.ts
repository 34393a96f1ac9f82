// FHIR DSTU2 (1.0.2) shapes: hl7.org/fhir/DSTU2. What differs from STU3/R4: HumanName.family is an array,
// Patient.careProvider, Observation.category is one CodeableConcept, Condition.dateRecorded,
// AllergyIntolerance.substance with a single `status` and a single `note`, MedicationOrder with
// dateWritten/prescriber, Coverage with issuer/plan/group and an Identifier subscriberId.
import type { FhirAdapter } from './adapter.js';
import { asRecord, asString, type Json } from './json.js';
import { readAllergy } from './read-allergy.js';
import { readCondition } from './read-condition.js';
import { payorName, readCoverage } from './read-coverage.js';
import { readMedication } from './read-medication.js';
import { familyFromArray } from './read-name.js';
import { referenceDisplay } from './read-reference.js';
import { type QueryDialect } from './queries.js';
import { versionAdapter } from './version-adapter.js';

const readFamily = familyFromArray;

const dialect: QueryDialect = {
  familyParam: 'family:contains',
  newestFirst: '_sort:desc=date',
  medicationResourceType: 'MedicationOrder',
  coverageParam: 'subscriber',
};

// DSTU2 has one AllergyIntolerance.status mixing what STU3 split into clinical and verification status
// (hl7.org/fhir/DSTU2/valueset-allergy-intolerance-status.html).
const VERIFICATION_STATUSES = ['unconfirmed', 'confirmed', 'refuted', 'entered-in-error'];

function allergyStatuses(resource: Json): { clinicalStatus?: string; verificationStatus?: string } {
  const status = asString(resource['status']);
  if (status === undefined) return {};
  return VERIFICATION_STATUSES.includes(status) ? { verificationStatus: status } : { clinicalStatus: status };
}

const single = (value: unknown): Json[] => {
  const record = asRecord(value);
  return record ? [record] : [];
};

export const dstu2Adapter: FhirAdapter = versionAdapter({
  version: 'DSTU2',
  dialect,
  readFamily,
  practitionerField: 'careProvider',
  readCategories: (observation) => single(observation['category']),
  toCondition: (resource) =>
    readCondition(resource, {
      recorded: asString(resource['dateRecorded']),
      clinicalStatus: asString(resource['clinicalStatus']),
    }),
  toAllergy: (resource) => {
    const statuses = allergyStatuses(resource);
    return readAllergy(resource, {
      substance: resource['substance'],
      clinicalStatus: statuses.clinicalStatus,
      verificationStatus: statuses.verificationStatus,
      recorded: asString(resource['recordedDate']),
      notes: single(resource['note']),
    });
  },
  toMedication: (resource) =>
    readMedication(resource, readFamily, {
      authored: asString(resource['dateWritten']),
      prescriber: referenceDisplay(resource['prescriber'], resource, readFamily),
    }),
  toCoverage: (resource) =>
    readCoverage(resource, {
      payor: payorName(single(resource['issuer'])),
      plan: asString(resource['plan']) ?? asString(resource['subPlan']),
      group: asString(resource['group']),
      subscriberId: asString(asRecord(resource['subscriberId'])?.['value']),
    }),
});
