// The adapters never throw on odd input (full brief): a reader receiving something that is not a JSON
// object (a null batch entry, say) reads an empty resource instead, and toVitals and toLabs a non-array as [].
import type { FhirAdapter, FhirResource } from './adapter.js';
import { asRecord } from './json.js';

const EMPTY: FhirResource = { resourceType: 'Unknown' };
const safe = (value: FhirResource): FhirResource => (asRecord(value) as FhirResource | undefined) ?? EMPTY;

export function guarded(adapter: FhirAdapter): FhirAdapter {
  return {
    version: adapter.version,
    medicationResourceType: adapter.medicationResourceType,
    patientSearchForm: (criteria) => adapter.patientSearchForm(asRecord(criteria) ?? {}),
    patientQueries: (patientId, parts, options) =>
      adapter.patientQueries(String(patientId), Array.isArray(parts) ? parts : [], asRecord(options) ?? {}),
    toPatient: (resource) => adapter.toPatient(safe(resource)),
    toEncounter: (resource) => adapter.toEncounter(safe(resource)),
    locationToResolve: (encounter) => adapter.locationToResolve(safe(encounter)),
    toLocationName: (location) => adapter.toLocationName(safe(location)),
    toPractitionerName: (practitioner) => adapter.toPractitionerName(safe(practitioner)),
    toCondition: (resource) => adapter.toCondition(safe(resource)),
    toVitals: (observations) => adapter.toVitals(Array.isArray(observations) ? observations : []),
    toLabs: (observations, codes) =>
      adapter.toLabs(Array.isArray(observations) ? observations : [], Array.isArray(codes) ? codes.filter((c) => typeof c === 'string') : []),
    toAllergy: (resource) => adapter.toAllergy(safe(resource)),
    toMedication: (resource) => adapter.toMedication(safe(resource)),
    toCoverage: (resource) => adapter.toCoverage(safe(resource)),
  };
}
