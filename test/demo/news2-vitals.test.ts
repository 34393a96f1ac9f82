// Oxygen flow and level of responsiveness in the demo hospitals: charted with every set of vitals, so most
// inpatients' NEWS2 is complete; a few on oxygen or no longer alert, a few charted on paper (partial scores); served
// in each version's own shapes, found by category and by code; and nothing generated before them changed.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { news2Of } from '../../server/clinical/news2.js';
import { generateDemoData } from '../../server/demo/data/generator.js';
import type { DemoTenantData } from '../../server/demo/data/model.js';
import { startDemoPartner, type RunningDemoPartner } from '../../server/demo/demo-partner.js';
import { adapterFor } from '../../server/fhir/adapters/adapter-for.js';
import type { FhirResource } from '../../server/fhir/adapters/adapter.js';
import type { News2 } from '../../server/wire/contract.js';
import { fhirGet, resourcesOf, tenantOf, tokenFor, type Json } from './helpers.js';

const OPTIONS = { seed: 'news2', patientsPerTenant: 60, anchorDate: '2026-02-01' };
const ANCHOR = new Date('2026-02-01T08:00:00Z');
const OXYGEN_FLOW = '3151-8';
const CONSCIOUSNESS = '67775-7';

const inpatientsOf = (data: DemoTenantData): string[] =>
  data.encounters.filter((e) => e.status === 'in-progress').map((e) => e.patientId);

describe('the generated oxygen and responsiveness', () => {
  const tenants = generateDemoData(OPTIONS);

  test('are charted with each set of vitals, at the set’s own time', () => {
    for (const data of tenants) {
      const withBoth = inpatientsOf(data).filter((patientId) => {
        const vitals = data.vitals.filter((v) => v.patientId === patientId);
        const times = (kind: string): string[] => vitals.filter((v) => v.kind === kind).map((v) => v.effective).sort();
        const sets = times('heartRate');
        for (const kind of ['oxygenFlow', 'consciousness']) if (times(kind).length > 0) expect(times(kind)).toEqual(sets);
        return sets.length > 0 && times('oxygenFlow').length > 0 && times('consciousness').length > 0;
      });
      expect(withBoth.length, data.tenant.name).toBeGreaterThan(inpatientsOf(data).length * 0.75);
    }
  });

  test('keep most patients on room air, with oxygen (1 to 6 L/min) for some whose saturation runs lower', () => {
    for (const data of tenants) {
      const flows = data.vitals.filter((v) => v.kind === 'oxygenFlow').map((v) => v.value!);
      expect(flows.every((f) => Number.isInteger(f) && f >= 0 && f <= 6)).toBe(true);
      expect(flows.filter((f) => f === 0).length).toBeGreaterThan(flows.length / 2);
      const meanSaturation = (onOxygen: boolean): number => {
        const patients = new Set(data.vitals.filter((v) => v.kind === 'oxygenFlow' && v.value! > 0 === onOxygen).map((v) => v.patientId));
        const readings = data.vitals.filter((v) => v.kind === 'oxygenSaturation' && patients.has(v.patientId)).map((v) => v.value!);
        return readings.reduce((sum, r) => sum + r, 0) / readings.length;
      };
      expect(meanSaturation(true)).toBeLessThan(meanSaturation(false) - 2);
    }
  });

  test('are the same for the same seed, and leave every record generated before them as it was', () => {
    const again = generateDemoData(OPTIONS);
    expect(JSON.stringify(again.map((t) => t.vitals))).toBe(JSON.stringify(tenants.map((t) => t.vitals)));
    // Ids of a range of their own (Cedar Valley's numeric style shows it): the vital signs and the labs keep theirs, in order.
    const cedarValley = tenants.find((t) => t.tenant.idStyle === 'numeric')!;
    const isAdded = (kind: string): boolean => kind === 'oxygenFlow' || kind === 'consciousness';
    const ids = (records: { id: string }[]): number[] => records.map((r) => Number(r.id));
    const consecutiveFrom = (first: number, count: number): number[] => Array.from({ length: count }, (_, i) => first + i);
    const before = cedarValley.vitals.filter((v) => !isAdded(v.kind));
    const added = cedarValley.vitals.filter((v) => isAdded(v.kind));
    expect(ids(before)).toEqual(consecutiveFrom(197_198_001, before.length));
    expect(ids(cedarValley.labs)).toEqual(consecutiveFrom(198_600_001, cedarValley.labs.length));
    expect(ids(added)).toEqual(consecutiveFrom(198_800_001, added.length));
  });
});

/** NEWS2 of each inpatient at the anchor, from the vitals as a client reads them over the demo's FHIR JSON. */
async function scoresOf(partner: RunningDemoPartner, version: 'DSTU2' | 'STU3' | 'R4'): Promise<{ news2: (News2 | undefined)[]; observations: Json[] }> {
  const tenant = tenantOf(partner, version);
  const token = await tokenFor(partner, tenant.tenantId);
  const sort = version === 'DSTU2' ? '_sort:desc=date' : '_sort=-date';
  const news2: (News2 | undefined)[] = [];
  const observations: Json[] = [];
  const admitted = tenant.patientIds.filter((id) => id !== tenant.edgeCases.noEncounter && id !== tenant.edgeCases.discharged && id !== tenant.edgeCases.deceased);
  for (const id of admitted) {
    const found = resourcesOf((await fhirGet(partner, token, `Observation?patient=${id}&category=vital-signs&${sort}&_count=100`)).body);
    observations.push(...found);
    news2.push(news2Of(adapterFor(version).toVitals(found as FhirResource[]), { now: ANCHOR }));
  }
  return { news2, observations };
}

describe('oxygen and responsiveness over FHIR', () => {
  let partner: RunningDemoPartner;
  beforeAll(async () => {
    partner = await startDemoPartner({ host: '127.0.0.1', port: 0, seed: 'news2', anchorDate: '2026-02-01' });
  });
  afterAll(() => partner.close());

  const CATEGORY_SYSTEM = {
    DSTU2: 'http://hl7.org/fhir/observation-category',
    STU3: 'http://hl7.org/fhir/observation-category',
    R4: 'http://terminology.hl7.org/CodeSystem/observation-category',
  };

  test.each(['DSTU2', 'STU3', 'R4'] as const)('%s: most inpatients have a complete NEWS2; a few are on oxygen or not alert, a few partial', async (version) => {
    const { news2, observations } = await scoresOf(partner, version);
    const complete = news2.filter((n) => n?.partial === false);
    expect(complete.length).toBeGreaterThan(news2.length * 0.75);
    const partial = news2.filter((n) => n?.partial);
    expect(partial.length).toBeGreaterThanOrEqual(2);
    expect(partial.flatMap((n) => n!.missing)).toEqual(expect.arrayContaining(['Supplemental oxygen', 'Consciousness']));
    // The noVitals edge case has no score at all.
    expect(news2.filter((n) => n === undefined)).toHaveLength(1);

    const points = (n: News2 | undefined, name: string): number | undefined => n?.parameters.find((p) => p.name === name)?.points;
    expect(complete.filter((n) => points(n, 'Supplemental oxygen') === 2).length).toBeGreaterThanOrEqual(3);
    const drowsy = complete.filter((n) => points(n, 'Consciousness') === 3);
    expect(drowsy.length).toBeGreaterThanOrEqual(1);
    expect(drowsy.length).toBeLessThanOrEqual(5);
    // The drowsy are among the sickest: a red value besides their responsiveness.
    for (const n of drowsy) expect(n!.parameters.filter((p) => p.points === 3).length).toBeGreaterThanOrEqual(2);

    const categoryOf = (o: Json): Json => (version === 'DSTU2' ? (o.category as Json) : (o.category as Json[])[0]!);
    const flow = observations.find((o) => o.code.coding[0].code === OXYGEN_FLOW && o.valueQuantity.value > 0)!;
    expect(Array.isArray(flow.category)).toBe(version !== 'DSTU2');
    expect(categoryOf(flow).coding[0]).toMatchObject({ system: CATEGORY_SYSTEM[version], code: 'vital-signs' });
    expect(flow.code.coding[0]).toEqual({ system: 'http://loinc.org', code: OXYGEN_FLOW, display: 'Inhaled oxygen flow rate' });
    expect(flow.valueQuantity).toEqual({ value: expect.any(Number), unit: 'L/min', system: 'http://unitsofmeasure.org', code: 'L/min' });
    const alert = observations.find((o) => o.code.coding[0].code === CONSCIOUSNESS)!;
    expect(categoryOf(alert).coding[0]).toMatchObject({ system: CATEGORY_SYSTEM[version], code: 'vital-signs' });
    expect(alert.valueQuantity).toBeUndefined();
    const answers = observations.filter((o) => o.code.coding[0].code === CONSCIOUSNESS).map((o) => o.valueCodeableConcept as Json);
    expect(answers).toContainEqual({ coding: [{ system: 'http://loinc.org', code: 'LA9340-6', display: 'Alert' }], text: 'Alert' });
    expect(answers).toContainEqual({ coding: [{ system: 'http://loinc.org', code: 'LA17108-4', display: 'Voice' }], text: 'Voice' });
  });

  test.each(['DSTU2', 'STU3', 'R4'] as const)('%s finds them by code, newest first, at the times of the other vitals', async (version) => {
    const tenant = tenantOf(partner, version);
    const token = await tokenFor(partner, tenant.tenantId);
    const sort = version === 'DSTU2' ? '_sort:desc=date' : '_sort=-date';
    // An inpatient with both charted (not on paper), from the same seed and day.
    const data = generateDemoData(OPTIONS).find((d) => d.tenant.tenantId === tenant.tenantId)!;
    const charted = (kind: string): Set<string> => new Set(data.vitals.filter((v) => v.kind === kind).map((v) => v.patientId));
    const id = tenant.samplePatientIds.find((p) => charted('oxygenFlow').has(p) && charted('consciousness').has(p))!;
    const search = async (query: string): Promise<Json[]> =>
      resourcesOf((await fhirGet(partner, token, `Observation?patient=${id}&category=vital-signs&${query}&${sort}&_count=100`)).body);
    const [responsiveness, flows, heartRates] = await Promise.all([
      search(`code=http://loinc.org|${CONSCIOUSNESS}`),
      search(`code=${OXYGEN_FLOW}`),
      search('code=http://loinc.org|8867-4'),
    ]);
    const times = (found: Json[]): string[] => found.map((o) => String(o.effectiveDateTime));
    expect(responsiveness.length).toBeGreaterThan(0);
    expect(responsiveness.every((o) => o.code.coding[0].code === CONSCIOUSNESS)).toBe(true);
    expect(flows.every((o) => o.code.coding[0].code === OXYGEN_FLOW)).toBe(true);
    expect(times(responsiveness)).toEqual([...times(responsiveness)].sort().reverse());
    expect(times(responsiveness)).toEqual(times(heartRates));
    expect(times(flows)).toEqual(times(heartRates));
  });
});
