// What the three FHIR versions read alike, given how each one writes a family name, which field names the
// patient's practitioner, how observations carry their category and its search dialect; each version's file
// (dstu2.ts, stu3.ts, r4.ts) brings only what differs: conditions, allergies, medications, coverage.
import type { FhirVersion } from '../../wire/contract.js';
import type { FhirAdapter } from './adapter.js';
import { guarded } from './guarded.js';
import { locationToResolve, readEncounter, readLocationName } from './read-encounter.js';
import { readLabs } from './read-labs.js';
import { resourceName } from './read-name.js';
import { readPatient, type PatientShape } from './read-patient.js';
import { readVitals, type CategoryReader } from './read-vitals.js';
import { patientQueries, patientSearchForm, type QueryDialect } from './queries.js';

export interface VersionShapes extends PatientShape, Pick<FhirAdapter, 'toCondition' | 'toAllergy' | 'toMedication' | 'toCoverage'> {
  version: FhirVersion;
  dialect: QueryDialect;
  /** Observation.category: one CodeableConcept in DSTU2, a list from STU3 on. */
  readCategories: CategoryReader;
}

export function versionAdapter(shapes: VersionShapes): FhirAdapter {
  const { dialect, readFamily, readCategories } = shapes;
  return guarded({
    version: shapes.version,
    medicationResourceType: dialect.medicationResourceType,
    patientSearchForm: (criteria) => patientSearchForm(criteria, dialect),
    patientQueries: (patientId, parts, options) => patientQueries(patientId, parts, dialect, options),
    toPatient: (resource) => readPatient(resource, shapes),
    toEncounter: (resource) => readEncounter(resource, readFamily),
    locationToResolve: (encounter) => locationToResolve(encounter, readFamily),
    toLocationName: (location) => readLocationName(location),
    toPractitionerName: (practitioner) => resourceName(practitioner, readFamily),
    toCondition: shapes.toCondition,
    toVitals: (observations) => readVitals(observations, readCategories),
    toLabs: (observations, codes) => readLabs(observations, codes, readCategories),
    toAllergy: shapes.toAllergy,
    toMedication: shapes.toMedication,
    toCoverage: shapes.toCoverage,
  });
}
