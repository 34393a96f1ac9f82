// Real servers omit fields, misname them and send the wrong types. Whatever arrives, the adapters return
// well-formed view models and never throw. The fixtures are mutated from a fixed seed, so a failure repeats.
import { describe, expect, test } from 'vitest';
import type { FhirResource } from '../../server/fhir/adapters/adapter.js';
import { adapterFor } from '../../server/fhir/adapters/adapter-for.js';
import { VERSIONS, fixture, fixtureEntries } from './fixtures.js';

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ODD_VALUES: readonly unknown[] = [
  null, 0, -1, NaN, Infinity, true, false, '', ' ', 'x', '#x', 'Location/x', 'MR', 'vital-signs', 'ATND',
  '2024-13-45', '&lt;div&gt;', {}, [], [null], [1, 'a'], { coding: 'MR' }, { text: 42 }, { reference: 7 },
];

/** A copy of a fixture with some fields replaced by odd values, some dropped, and the rest kept. */
function mutant(value: unknown, random: () => number): unknown {
  const odd = (): unknown => ODD_VALUES[Math.floor(random() * ODD_VALUES.length)];
  if (Array.isArray(value)) return value.filter(() => random() > 0.1).map((item) => mutant(item, random));
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).flatMap(([key, item]): [string, unknown][] => {
      const roll = random();
      if (key === 'resourceType') return [[key, item]];
      if (roll < 0.08) return [];
      return [[key, roll < 0.25 ? odd() : mutant(item, random)]];
    });
    return Object.fromEntries(entries);
  }
  return random() < 0.2 ? odd() : value;
}

const FIXTURES = ['patient', 'encounter', 'encounter-location-reference', 'location', 'coverage'];
const BUNDLES = ['conditions', 'observations', 'allergies', 'medications'];

const strings = (value: unknown): boolean => Array.isArray(value) && value.every((item) => typeof item === 'string');
const optional = (value: unknown, type: string): boolean => value === undefined || typeof value === type;

describe.each(VERSIONS)('the %s adapter on odd input', (version) => {
  const adapter = adapterFor(version);
  const random = mulberry32(version.length * 7919);
  const originals = [...FIXTURES.map((name) => fixture(version, name)), ...BUNDLES.flatMap((name) => fixtureEntries(version, name))];
  const resources = Array.from({ length: 40 }, () => originals.map((r) => mutant(r, random) as FhirResource)).flat();

  test('returns well-formed patients, encounters and locations', () => {
    for (const resource of resources) {
      const patient = adapter.toPatient(resource);
      expect(typeof patient.id === 'string' && typeof patient.name === 'string' && patient.name !== '').toBe(true);
      expect(strings(patient.given) && strings(patient.prefix)).toBe(true);
      expect(optional(patient.mrn, 'string') && optional(patient.family, 'string') && optional(patient.deceased, 'boolean')).toBe(true);
      const encounter = adapter.toEncounter(resource);
      expect(strings(encounter.participants) && optional(encounter.location, 'string') && optional(encounter.start, 'string')).toBe(true);
      expect(adapter.locationToResolve(resource) ?? 'Location/ok').toMatch(/^Location\/[^/]+$/);
      expect(optional(adapter.toLocationName(resource), 'string')).toBe(true);
    }
  });

  test('returns well-formed conditions, allergies, medications and coverage', () => {
    for (const resource of resources) {
      const condition = adapter.toCondition(resource);
      expect(typeof condition.text === 'string' && condition.text !== '' && optional(condition.clinicalStatus, 'string')).toBe(true);
      const allergy = adapter.toAllergy(resource);
      expect(typeof allergy.substance === 'string' && allergy.substance !== '' && strings(allergy.reactions)).toBe(true);
      expect(optional(allergy.note, 'string') && optional(allergy.verificationStatus, 'string')).toBe(true);
      const medication = adapter.toMedication(resource);
      expect(typeof medication.name === 'string' && medication.name !== '' && optional(medication.dosage, 'string')).toBe(true);
      const coverage = adapter.toCoverage(resource);
      expect(optional(coverage.payor, 'string') && optional(coverage.plan, 'string') && optional(coverage.subscriberId, 'string')).toBe(true);
    }
  });

  test('returns well-formed vitals from junk observations', () => {
    const observations = fixtureEntries(version, 'observations');
    const vitals = Array.from({ length: 40 }, () => adapter.toVitals(observations.map((o) => mutant(o, random) as FhirResource))).flat();
    expect(vitals.length).toBeGreaterThan(40); // the mutants still look enough like vitals to be read

    for (const vital of vitals) {
      expect(typeof vital.name === 'string' && Array.isArray(vital.components)).toBe(true);
      expect(optional(vital.value, 'number') && Number.isFinite(vital.value ?? 0)).toBe(true);
      expect(vital.components.every((c) => typeof c.name === 'string' && optional(c.value, 'number'))).toBe(true);
    }
  });

  test('reads non-objects as empty resources instead of throwing', () => {
    for (const odd of [null, undefined, 42, 'Patient', []] as unknown as FhirResource[]) {
      expect(adapter.toPatient(odd).name).toBe('Unknown patient');
      expect(adapter.toAllergy(odd).substance).toBe('Unknown substance');
      expect(adapter.toEncounter(odd).participants).toEqual([]);
      expect(adapter.toVitals([odd])).toEqual([]);
    }
    expect(adapter.toVitals(null as unknown as FhirResource[])).toEqual([]);
  });
});
