// What a version renderer does: turn the version-neutral model (../data/model.ts) into that version's
// FHIR JSON. One renderer per version (dstu2.ts, stu3.ts, r4.ts); nothing else branches on the version's shapes.
import type { FhirVersion } from '../../wire/contract.js';
import type {
  DemoAllergy,
  DemoCondition,
  DemoCoverage,
  DemoEncounter,
  DemoLab,
  DemoLocation,
  DemoMedication,
  DemoOrganization,
  DemoPatient,
  DemoPractitioner,
  DemoTenantData,
  DemoVital,
} from '../data/model.js';

/** FHIR JSON of any version, as served (the renderers check each version's shape with @types/fhir). */
export interface FhirJson {
  readonly resourceType: string;
  id?: string;
}

/** Display texts for references, so a client rarely needs a second read. */
export interface RenderLookup {
  data: DemoTenantData;
  practitionerName(id: string): string;
  locationName(id: string): string;
  organizationName(id: string): string;
  patientName(id: string): string;
  /** The system of the tenant's MRNs, e.g. https://cedarvalley.example/fhir/sid/mrn */
  mrnSystem: string;
}

export interface DemoRenderer {
  readonly version: FhirVersion;
  /** The `fhirVersion` of the capability statement: 1.0.2, 3.0.2 or 4.0.1. */
  readonly fhirVersion: string;
  readonly capabilityType: 'Conformance' | 'CapabilityStatement';
  readonly medicationType: 'MedicationOrder' | 'MedicationRequest';
  /** The system of the HL7 v2 identifier-type table (MR) in this version. */
  readonly identifierTypeSystem: string;
  organization(organization: DemoOrganization, lookup: RenderLookup): FhirJson;
  practitioner(practitioner: DemoPractitioner, lookup: RenderLookup): FhirJson;
  location(location: DemoLocation, lookup: RenderLookup): FhirJson;
  patient(patient: DemoPatient, lookup: RenderLookup): FhirJson;
  encounter(encounter: DemoEncounter, lookup: RenderLookup): FhirJson;
  condition(condition: DemoCondition, lookup: RenderLookup): FhirJson;
  vital(vital: DemoVital, lookup: RenderLookup): FhirJson;
  /** A laboratory Observation (category laboratory). */
  lab(lab: DemoLab, lookup: RenderLookup): FhirJson;
  allergy(allergy: DemoAllergy, lookup: RenderLookup): FhirJson;
  medication(medication: DemoMedication, lookup: RenderLookup): FhirJson;
  coverage(coverage: DemoCoverage, lookup: RenderLookup): FhirJson;
}
