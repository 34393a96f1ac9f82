// The demo hospitals' laboratory results: realistic series over each stay (some abnormal, a few critical), the
// same seed giving the same results, and each version's own Observation shapes with category laboratory, served
// to `category=laboratory&code=…` searches newest first.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateDemoData } from '../../server/demo/data/generator.js';
import type { DemoTenantData } from '../../server/demo/data/model.js';
import { startDemoPartner, type RunningDemoPartner } from '../../server/demo/demo-partner.js';
import type { FhirVersion } from '../../server/wire/contract.js';
import { fhirGet, resourcesOf, tenantOf, tokenFor, type Json } from './helpers.js';

const OPTIONS = { seed: 'labs', patientsPerTenant: 60, anchorDate: '2026-02-01' };

describe('the generated lab series', () => {
  const tenants = generateDemoData(OPTIONS);

  test('are the same for the same seed and anchor day', () => {
    expect(JSON.stringify(generateDemoData(OPTIONS).map((t) => t.labs))).toBe(JSON.stringify(tenants.map((t) => t.labs)));
  });

  test('give every admitted patient several results over the stay, and nobody without a stay any', () => {
    for (const data of tenants) {
      const admitted = new Set(data.encounters.map((e) => e.patientId));
      expect(data.labs.every((lab) => admitted.has(lab.patientId))).toBe(true);
      for (const patientId of admitted) {
        const labs = data.labs.filter((lab) => lab.patientId === patientId);
        expect(labs.filter((lab) => lab.kind === 'potassium').length, patientId).toBeGreaterThanOrEqual(1);
        const stay = data.encounters.find((e) => e.patientId === patientId)!;
        const end = Date.parse(stay.end ?? '2026-02-01T08:00:00Z');
        for (const lab of labs) {
          expect(Date.parse(lab.effective)).toBeGreaterThan(Date.parse(stay.start));
          expect(Date.parse(lab.issued)).toBeLessThan(end);
        }
      }
      // Stays of several days have a series, not one value.
      const longest = [...admitted].map((id) => data.labs.filter((l) => l.patientId === id && l.kind === 'sodium').length);
      expect(Math.max(...longest)).toBeGreaterThanOrEqual(5);
    }
  });

  test('are mostly normal, with abnormal results in each tenant and a few critical ones', () => {
    for (const data of tenants) {
      const latest = latestPerPatientAndKind(data);
      const flags = latest.map((lab) => lab.interpretation ?? lab.computed);
      expect(flags.filter((f) => f === 'N').length).toBeGreaterThan(latest.length / 2);
      expect(flags.filter((f) => f === 'H' || f === 'L').length).toBeGreaterThan(5);
      const critical = latest.filter((lab) => lab.computed === 'HH' || lab.computed === 'LL');
      expect(critical.length).toBeGreaterThanOrEqual(3);
      // A critical result always carries the laboratory's interpretation, as a laboratory calls it through.
      expect(critical.every((lab) => lab.interpretation === lab.computed)).toBe(true);
    }
  });

  test('vary in what they carry: interpretation and range, one of them, or neither', () => {
    for (const data of tenants) {
      const kinds = new Set(data.labs.map((lab) => `${lab.interpretation !== undefined}/${lab.hasReferenceRange}`));
      expect([...kinds].sort()).toEqual(['false/false', 'false/true', 'true/false', 'true/true']);
    }
  });

  test('come in conventional units at Cedar Valley and in SI units elsewhere', () => {
    expect(tenants.map((data) => [data.tenant.fhirVersion, [...new Set(data.labs.map((lab) => lab.units))]])).toEqual([
      ['DSTU2', ['conventional']],
      ['STU3', ['si']],
      ['R4', ['si']],
    ]);
  });
});

/** The newest result of each kind per patient, with the flag its value earns by the laboratory's own limits. */
function latestPerPatientAndKind(data: DemoTenantData): (DemoTenantData['labs'][number] & { computed: string })[] {
  const latest = new Map<string, DemoTenantData['labs'][number]>();
  for (const lab of data.labs) {
    const key = `${lab.patientId}/${lab.kind}`;
    const known = latest.get(key);
    if (!known || known.effective < lab.effective) latest.set(key, lab);
  }
  // Written out again from the limits the demo laboratories use (server/demo/data/lab-codes.ts), per unit.
  const critical: Record<string, [number, number]> = { potassium: [2.5, 6.5], sodium: [120, 160], lactate: [-1, 4] };
  const normal: Record<string, [number, number]> = { potassium: [3.5, 5.1], sodium: [135, 145], lactate: [0.5, 2.2] };
  return [...latest.values()].map((lab) => {
    const [criticalLow, criticalHigh] = critical[lab.kind] ?? [-Infinity, Infinity];
    const [low, high] = normal[lab.kind] ?? [-Infinity, Infinity];
    const computed =
      lab.value < criticalLow ? 'LL' : lab.value > criticalHigh ? 'HH' : lab.value < low ? 'L' : lab.value > high ? 'H' : 'N';
    return { ...lab, computed: lab.interpretation ?? computed };
  });
}

describe('lab results over FHIR', () => {
  let partner: RunningDemoPartner;
  beforeAll(async () => {
    partner = await startDemoPartner({ host: '127.0.0.1', port: 0, seed: 'lab-shapes', anchorDate: '2026-03-10' });
  });
  afterAll(() => partner.close());

  const SHAPES: Record<FhirVersion, { categorySystem: string; isCategoryList: boolean; isInterpretationList: boolean; stay: string }> = {
    DSTU2: { categorySystem: 'http://hl7.org/fhir/observation-category', isCategoryList: false, isInterpretationList: false, stay: 'encounter' },
    STU3: { categorySystem: 'http://hl7.org/fhir/observation-category', isCategoryList: true, isInterpretationList: false, stay: 'context' },
    R4: {
      categorySystem: 'http://terminology.hl7.org/CodeSystem/observation-category',
      isCategoryList: true,
      isInterpretationList: true,
      stay: 'encounter',
    },
  };

  test.each(['DSTU2', 'STU3', 'R4'] as const)('%s serves them in its own shapes, newest first, by category and code', async (version) => {
    const shape = SHAPES[version];
    const tenant = tenantOf(partner, version);
    const token = await tokenFor(partner, tenant.tenantId);
    const sort = version === 'DSTU2' ? '_sort:desc=date' : '_sort=-date';
    const results: Json[] = [];
    for (const id of tenant.samplePatientIds.slice(0, 4)) {
      const { status, body } = await fhirGet(partner, token, `Observation?patient=${id}&category=laboratory&code=http://loinc.org|2823-3,http://loinc.org|718-7&${sort}&_count=100`);
      expect(status).toBe(200);
      const found = resourcesOf(body);
      expect(found.length).toBeGreaterThan(1);
      const times = found.map((o) => String(o.effectiveDateTime));
      expect(times).toEqual([...times].sort().reverse());
      results.push(...found);
    }
    for (const observation of results) {
      const categories = shape.isCategoryList ? (observation.category as Json[]) : [observation.category as Json];
      expect(Array.isArray(observation.category)).toBe(shape.isCategoryList);
      expect(categories[0]!.coding[0]).toMatchObject({ system: shape.categorySystem, code: 'laboratory' });
      expect(['2823-3', '718-7']).toContain(observation.code.coding[0].code);
      expect(observation.code.coding[0].system).toBe('http://loinc.org');
      expect(observation[shape.stay].reference).toMatch(/^Encounter\//);
      expect(observation.valueQuantity).toMatchObject({ value: expect.any(Number), system: 'http://unitsofmeasure.org' });
      expect(Date.parse(String(observation.issued))).toBeGreaterThan(Date.parse(String(observation.effectiveDateTime)));
      if (observation.interpretation) expect(Array.isArray(observation.interpretation)).toBe(shape.isInterpretationList);
    }
    expect(results.some((o) => o.interpretation !== undefined)).toBe(true);
    expect(results.some((o) => o.interpretation === undefined)).toBe(true);
    const ranged = results.find((o) => o.referenceRange !== undefined)!;
    expect(ranged.referenceRange[0]).toMatchObject({ low: { value: expect.any(Number) }, high: { value: expect.any(Number) }, text: expect.any(String) });
    // The vital-signs search does not return them.
    const vitals = resourcesOf((await fhirGet(partner, token, `Observation?patient=${tenant.samplePatientIds[0]!}&category=vital-signs`)).body);
    expect(vitals.every((o) => JSON.stringify(o.category).includes('vital-signs'))).toBe(true);
  });
});
