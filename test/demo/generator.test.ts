import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateDemoData } from '../../server/demo/data/generator.js';
import { createPrng } from '../../server/demo/prng.js';
import { startDemoPartner, type RunningDemoPartner } from '../../server/demo/demo-partner.js';
import { fhirGet, resourcesOf, tenantOf, tokenFor, type Json } from './helpers.js';

const OPTIONS = { seed: 'determinism', patientsPerTenant: 60, anchorDate: '2026-02-01' };

describe('the seeded generator', () => {
  test('gives identical data for the same seed and anchor day', () => {
    expect(JSON.stringify(generateDemoData(OPTIONS))).toBe(JSON.stringify(generateDemoData(OPTIONS)));
  });

  test('gives different data for another seed', () => {
    const a = generateDemoData(OPTIONS)[0]!.patients.map((p) => p.name.family);
    const b = generateDemoData({ ...OPTIONS, seed: 'another' })[0]!.patients.map((p) => p.name.family);
    expect(a).not.toEqual(b);
  });

  test('the PRNG repeats its sequence for a seed and stays in [0, 1)', () => {
    const draw = (seed: string): number[] => Array.from({ length: 1000 }, createPrng(seed).next);
    expect(draw('x')).toEqual(draw('x'));
    expect(draw('x')).not.toEqual(draw('y'));
    expect(draw('x').every((n) => n >= 0 && n < 1)).toBe(true);
  });

  test('builds about 60 inpatients per tenant across three wards, in well under a second', () => {
    const started = performance.now();
    const tenants = generateDemoData(OPTIONS);
    expect(performance.now() - started).toBeLessThan(1000);
    for (const data of tenants) {
      expect(data.patients).toHaveLength(60);
      const inProgress = data.encounters.filter((e) => e.status === 'in-progress');
      expect(inProgress.length).toBeGreaterThanOrEqual(55);
      const wards = new Set(
        inProgress.map((e) => data.locations.find((l) => l.id === e.locationId)!.name.split(', Room')[0]),
      );
      expect(wards.size).toBe(3);
      for (const patient of data.patients) {
        const count = data.conditions.filter((c) => c.patientId === patient.id).length;
        expect(count).toBeGreaterThanOrEqual(1);
        expect(count).toBeLessThanOrEqual(5);
      }
    }
  });

  test('gives each tenant its own patients: no shared id or MRN', () => {
    const tenants = generateDemoData(OPTIONS);
    const ids = tenants.flatMap((t) => t.patients.map((p) => p.id));
    const mrns = tenants.flatMap((t) => t.patients.map((p) => p.mrn));
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(mrns).size).toBe(mrns.length);
  });

  test('includes every edge case in every tenant', () => {
    for (const data of generateDemoData(OPTIONS)) {
      const edge = data.edgeCases;
      const patient = (id: string | undefined): (typeof data.patients)[number] =>
        data.patients.find((p) => p.id === id)!;
      const encountersOf = (id: string | undefined): typeof data.encounters =>
        data.encounters.filter((e) => e.patientId === id);
      expect(encountersOf(edge.noEncounter)).toHaveLength(0);
      expect(encountersOf(edge.noVitals)).toHaveLength(1);
      expect(data.vitals.filter((v) => v.patientId === edge.noVitals)).toHaveLength(0);
      expect(patient(edge.deceased).deceasedAt).toEqual(expect.any(String));
      expect(encountersOf(edge.discharged)[0]).toMatchObject({ status: 'finished', end: expect.any(String) });
      expect(encountersOf(edge.locationWithoutDisplay)[0]!.isLocationDisplayed).toBe(false);
      expect(data.allergies.filter((a) => a.patientId === edge.noAllergiesRecorded)).toHaveLength(0);
      const longName = patient(edge.longName).name;
      expect([...longName.given, longName.family].join(' ').length).toBeGreaterThan(60);
      expect(patient(edge.accentedName).name.family).toMatch(/[^\p{ASCII}]/u);
    }
  });
});

describe('the edge cases over FHIR', () => {
  let partner: RunningDemoPartner;
  beforeAll(async () => {
    partner = await startDemoPartner({ host: '127.0.0.1', port: 0, seed: 'edges' });
  });
  afterAll(() => partner.close());

  test.each(['DSTU2', 'STU3', 'R4'] as const)(
    '%s serves the deceased, discharged, no-encounter and unnamed-bed patients',
    async (version) => {
      const tenant = tenantOf(partner, version);
      const token = await tokenFor(partner, tenant.tenantId);
      const edge = tenant.edgeCases;
      const deceased = (await fhirGet(partner, token, `Patient/${edge.deceased!}`)).body;
      expect(deceased.deceasedDateTime).toMatch(/^\d{4}-\d{2}-\d{2}T/);

      const discharged = resourcesOf((await fhirGet(partner, token, `Encounter?patient=${edge.discharged!}`)).body)[0]!;
      expect(discharged.status).toBe('finished');
      expect(discharged.period.end).toEqual(expect.any(String));

      expect((await fhirGet(partner, token, `Encounter?patient=${edge.noEncounter!}`)).body.total).toBe(0);
      expect(
        (await fhirGet(partner, token, `Observation?patient=${edge.noVitals!}&category=vital-signs`)).body.total,
      ).toBe(0);

      const unnamed = resourcesOf(
        (await fhirGet(partner, token, `Encounter?patient=${edge.locationWithoutDisplay!}`)).body,
      )[0]!;
      const bed = unnamed.location[0].location as Json;
      expect(bed.display).toBeUndefined();
      const location = (await fhirGet(partner, token, String(bed.reference))).body;
      expect(location.resourceType).toBe('Location');
      expect(location.name).toMatch(/, Room \d+, Bed [AB]$/);
      expect(location.partOf.reference).toMatch(/^Location\//);
    },
  );
});
