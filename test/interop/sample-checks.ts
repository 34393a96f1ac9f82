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
  /** Laboratory Observations with a LOINC code and a numeric value. */
  labs: number;
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
    labs: of('Observation').filter(isNumericLab).length,
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

const LOINC = 'http://loinc.org';

const categoryCodes = (observation: FhirResource): unknown[] =>
  (Array.isArray(observation['category']) ? list(observation['category']) : [obj(observation['category'])]).flatMap(codes);

const loincCode = (observation: FhirResource): string | undefined =>
  text(list(obj(observation['code'])['coding']).find((c) => c['system'] === LOINC)?.['code']);

const numericValue = (observation: FhirResource): unknown => obj(observation['valueQuantity'])['value'];

function isNumericLab(observation: FhirResource): boolean {
  const status = String(observation['status']);
  return (
    categoryCodes(observation).includes('laboratory') &&
    loincCode(observation) !== undefined &&
    typeof numericValue(observation) === 'number' &&
    status !== 'entered-in-error' &&
    status !== 'cancelled'
  );
}

/** The flag a sample's own numeric reference range gives its value, when it has one and no interpretation. */
function rangeFlag(observation: FhirResource): string | undefined {
  if (observation['interpretation'] !== undefined) return undefined;
  const range = list(observation['referenceRange'])[0];
  const low = obj(range?.['low'])['value'];
  const high = obj(range?.['high'])['value'];
  const value = numericValue(observation) as number;
  if (typeof low !== 'number' && typeof high !== 'number') return undefined;
  if (typeof low === 'number' && value < low) return 'low';
  if (typeof high === 'number' && value > high) return 'high';
  return 'normal';
}

/**
 * Every numeric laboratory result, read on its own with its code configured, yields one lab with its value, its
 * effective time, its reference range (as text) when it has one, and the flag its own range gives it.
 */
export function checkLabs(adapter: FhirAdapter, resources: FhirResource[]): void {
  for (const observation of resources.filter((r) => r.resourceType === 'Observation' && isNumericLab(r))) {
    const code = loincCode(observation)!;
    const labs = adapter.toLabs([observation], [code]);
    const where = `laboratory Observation/${observation.id}`;
    expect(labs, where).toHaveLength(1);
    const lab = labs[0]!;
    expect(lab.code, where).toBe(code);
    expect(lab.value, where).toBe(numericValue(observation));
    const effective =
      text(observation['effectiveDateTime']) ?? text(obj(observation['effectivePeriod'])['start']) ?? text(observation['issued']);
    expect(lab.effective, where).toBe(effective);
    expect(lab.referenceRange !== undefined, where).toBe(list(observation['referenceRange']).length > 0);
    const fromRange = rangeFlag(observation);
    if (fromRange) expect(lab.flag, where).toBe(fromRange);
    // Not asked for, not read: the column shows only the configured labs.
    expect(adapter.toLabs([observation], ['0000-0']), where).toEqual([]);
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
