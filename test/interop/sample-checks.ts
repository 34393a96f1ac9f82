// What the interop suite demands of every sample resource, written independently of the adapters' own
// readers (a check that reused them would agree with their bugs).
import { expect } from 'vitest';
import type { FhirAdapter, FhirResource } from '../../server/fhir/adapters/adapter.js';

type Node = Record<string, unknown>;
const obj = (value: unknown): Node => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Node) : {});
const list = (value: unknown): Node[] => (Array.isArray(value) ? value.map(obj) : []);
const codes = (concept: unknown): unknown[] => list(obj(concept)['coding']).map((coding) => coding['code']);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

const SYSTOLIC = '8480-6';
const DIASTOLIC = '8462-4';
const BP_PANELS = ['85354-9', '55284-4'];

export interface SampleFacts {
  known: number;
  mrPatients: number;
  bloodPressures: number;
  encounterLocations: number;
  medications: number;
  allergies: number;
}

const mrValues = (patient: FhirResource): string[] =>
  list(patient['identifier']).flatMap((id) => (codes(id['type']).includes('MR') && text(id['value']) ? [text(id['value'])!] : []));

const isBloodPressure = (observation: FhirResource): boolean =>
  codes(observation['code']).some((c) => BP_PANELS.includes(String(c))) ||
  list(observation['component']).some((c) => codes(c['code']).some((code) => code === SYSTOLIC || code === DIASTOLIC));

const locationDisplay = (encounter: FhirResource): string | undefined =>
  text(obj(list(encounter['location'])[0]?.['location'])['display']);

const hasNarrative = (resource: FhirResource): boolean => text(obj(resource['text'])['div']) !== undefined;

const conceptHasName = (concept: unknown): boolean =>
  text(obj(concept)['text']) !== undefined || list(obj(concept)['coding']).some((c) => text(c['display']) ?? text(c['code']));

function medicationHasName(resource: FhirResource): boolean {
  const reference = obj(resource['medicationReference']);
  return (
    conceptHasName(resource['medicationCodeableConcept']) ||
    text(reference['display']) !== undefined ||
    String(reference['reference']).startsWith('#') ||
    hasNarrative(resource)
  );
}

function allergyHasSubstance(resource: FhirResource): boolean {
  return (
    conceptHasName(resource['substance']) ||
    conceptHasName(resource['code']) ||
    list(resource['reaction']).some((r) => conceptHasName(r['substance'])) ||
    hasNarrative(resource)
  );
}

const KNOWN = ['Patient', 'Encounter', 'Location', 'Condition', 'Observation', 'AllergyIntolerance', 'Coverage'];

export function describeSample(resources: FhirResource[], medicationType: string): SampleFacts {
  const of = (type: string): FhirResource[] => resources.filter((r) => r.resourceType === type);
  return {
    known: resources.filter((r) => KNOWN.includes(r.resourceType) || r.resourceType === medicationType).length,
    mrPatients: of('Patient').filter((p) => mrValues(p).length > 0).length,
    bloodPressures: of('Observation').filter(isBloodPressure).length,
    encounterLocations: of('Encounter').filter((e) => locationDisplay(e) !== undefined).length,
    medications: of(medicationType).length,
    allergies: of('AllergyIntolerance').length,
  };
}

/** Runs one resource through the adapter method for its type and checks what must survive. */
export function checkResource(adapter: FhirAdapter, resource: FhirResource): void {
  switch (resource.resourceType) {
    case 'Patient': {
      const patient = adapter.toPatient(resource);
      expect(patient.name).not.toBe('');
      const mrns = mrValues(resource);
      if (mrns.length > 0) expect(mrns, `MRN of Patient/${resource.id}`).toContain(patient.mrn);
      return;
    }
    case 'Encounter': {
      const encounter = adapter.toEncounter(resource);
      const display = locationDisplay(resource);
      if (display) expect(encounter.location, `location of Encounter/${resource.id}`).toBe(display);
      if (display) expect(adapter.locationToResolve(resource)).toBeUndefined();
      return;
    }
    case 'Location': {
      const name = text(resource['name']);
      if (name) expect(adapter.toLocationName(resource)).toBe(name);
      return;
    }
    case 'Condition': {
      const condition = adapter.toCondition(resource);
      if (conceptHasName(resource['code'])) expect(condition.text).not.toBe('Unnamed condition');
      return;
    }
    case 'AllergyIntolerance': {
      const allergy = adapter.toAllergy(resource);
      expect(allergy.substance).not.toBe('');
      if (allergyHasSubstance(resource)) expect(allergy.substance, `AllergyIntolerance/${resource.id}`).not.toBe('Unknown substance');
      return;
    }
    case 'Coverage': {
      const coverage = adapter.toCoverage(resource);
      const payor = text(list(resource['payor'])[0]?.['display']) ?? text(obj(resource['issuer'])['display']);
      if (payor) expect(coverage.payor).toBe(payor);
      return;
    }
    case adapter.medicationResourceType: {
      const medication = adapter.toMedication(resource);
      expect(medication.name).not.toBe('');
      if (medicationHasName(resource)) expect(medication.name, `${resource.resourceType}/${resource.id}`).not.toBe('Unnamed medication');
      return;
    }
  }
}

/** Every blood pressure yields one vital with both components and their values; all observations read together. */
export function checkVitals(adapter: FhirAdapter, resources: FhirResource[]): void {
  const observations = resources.filter((r) => r.resourceType === 'Observation');
  adapter.toVitals(observations);
  for (const observation of observations.filter(isBloodPressure)) {
    const vitals = adapter.toVitals([observation]);
    expect(vitals, `blood pressure Observation/${observation.id}`).toHaveLength(1);
    const components = vitals[0]?.components ?? [];
    expect(components.map((c) => c.code)).toEqual(expect.arrayContaining([SYSTOLIC, DIASTOLIC]));
    for (const code of [SYSTOLIC, DIASTOLIC]) {
      const source = list(observation['component']).find((c) => codes(c['code']).includes(code));
      const expected = obj(source?.['valueQuantity'])['value'];
      expect(components.find((c) => c.code === code)?.value, `${code} of Observation/${observation.id}`).toBe(expected);
    }
  }
}
