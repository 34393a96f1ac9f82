// Flags on vital signs, in every FHIR version: the EHR's interpretation first (one CodeableConcept in DSTU2 and
// STU3, a list in R4), then its reference range, and Rounds' adult defaults (NEWS2 bands) only when it gives
// neither. Fixtures written for this test.
import { describe, expect, test } from 'vitest';
import { adapterFor } from '../../server/fhir/adapters/adapter-for.js';
import type { FhirVersion } from '../../server/wire/contract.js';
import type { FhirResource } from '../../server/fhir/adapters/adapter.js';

const LOINC = 'http://loinc.org';
const V3 = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

function observation(version: FhirVersion, code: string, value: number, unit: string, extra: Record<string, unknown> = {}): FhirResource {
  const category = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] };
  return {
    resourceType: 'Observation',
    status: 'final',
    category: version === 'DSTU2' ? category : [category],
    code: { coding: [{ system: LOINC, code }] },
    effectiveDateTime: '2026-12-02T07:00:00Z',
    valueQuantity: { value, unit },
    ...extra,
  };
}

const interpretation = (version: FhirVersion, code: string): unknown =>
  version === 'R4' ? [{ coding: [{ system: V3, code }] }] : { coding: [{ system: V3, code }] };

describe.each(['DSTU2', 'STU3', 'R4'] as const)('vital flags in %s', (version) => {
  const toVitals = (observations: FhirResource[]) => adapterFor(version).toVitals(observations);

  test("the EHR's interpretation wins over the defaults: HH on a heart rate the defaults call normal", () => {
    const [vital] = toVitals([observation(version, '8867-4', 80, '/min', { interpretation: interpretation(version, 'HH') })]);
    expect(vital?.flag).toBe('critical-high');
  });

  test('AA (critically abnormal, no side) is critical on the side its range or the defaults give; A is low or high', () => {
    const range = [{ low: { value: 60, unit: '/min' }, high: { value: 100, unit: '/min' } }];
    expect(toVitals([observation(version, '8867-4', 140, '/min', { interpretation: interpretation(version, 'AA'), referenceRange: range })])[0]?.flag).toBe('critical-high');
    expect(toVitals([observation(version, '59408-5', 89, '%', { interpretation: interpretation(version, 'AA') })])[0]?.flag).toBe('critical-low');
    expect(toVitals([observation(version, '8867-4', 104, '/min', { interpretation: interpretation(version, 'A') })])[0]?.flag).toBe('high');
  });

  test('its reference range comes next', () => {
    const range = [{ low: { value: 95, unit: '%' }, high: { value: 100, unit: '%' } }];
    expect(toVitals([observation(version, '59408-5', 94, '%', { referenceRange: range })])[0]?.flag).toBe('low');
    expect(toVitals([observation(version, '59408-5', 97, '%', { referenceRange: range })])[0]?.flag).toBe('normal');
  });

  test('the NEWS2 defaults apply only when the EHR says nothing: SpO2 88, pulse 108, 38.7 °C', () => {
    const vitals = toVitals([
      observation(version, '59408-5', 88, '%'),
      observation(version, '8867-4', 108, '/min'),
      observation(version, '8310-5', 38.7, 'Cel'),
      observation(version, '29463-7', 80, 'kg'),
    ]);
    expect(vitals.map((v) => [v.code, v.flag])).toEqual([
      ['59408-5', 'critical-low'],
      ['8867-4', 'high'],
      ['8310-5', 'high'],
      ['29463-7', undefined],
    ]);
  });

  test('blood pressure components carry their own flags; the effective time is kept', () => {
    const bp = observation(version, '85354-9', 0, '', {
      valueQuantity: undefined,
      component: [
        { code: { coding: [{ system: LOINC, code: '8480-6' }] }, valueQuantity: { value: 88, unit: 'mm[Hg]' } },
        { code: { coding: [{ system: LOINC, code: '8462-4' }] }, valueQuantity: { value: 60, unit: 'mm[Hg]' } },
      ],
    });
    const [vital] = toVitals([bp]);
    expect(vital?.components.map((c) => c.flag)).toEqual(['critical-low', undefined]);
    expect(vital?.effective).toBe('2026-12-02T07:00:00Z');
  });
});

describe.each(['DSTU2', 'STU3', 'R4'] as const)('a coded level of responsiveness (AVPU) in %s', (version) => {
  test('is read as a vital with its answer in words, or its code when the EHR gives no words', () => {
    const coded = (answer: Record<string, unknown>): FhirResource => {
      const { valueQuantity: _none, ...rest } = observation(version, '67775-7', 0, '');
      return { ...rest, valueCodeableConcept: answer };
    };
    const [words] = adapterFor(version).toVitals([coded({ coding: [{ system: LOINC, code: 'LA17108-4', display: 'Voice' }] })]);
    expect(words).toMatchObject({ code: '67775-7', text: 'Voice', effective: '2026-12-02T07:00:00Z' });
    expect(words).not.toHaveProperty('value');
    const [code] = adapterFor(version).toVitals([coded({ coding: [{ system: LOINC, code: 'LA9340-6' }] })]);
    expect(code?.text).toBe('LA9340-6');
  });
});

