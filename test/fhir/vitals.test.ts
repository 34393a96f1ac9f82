// Vital signs: the newest observation per LOINC code, blood pressure as one vital with both components,
// however the server codes it. Observation.category is written in each version's own shape.
import { describe, expect, test } from 'vitest';
import type { FhirResource } from '../../server/fhir/adapters/adapter.js';
import { adapterFor } from '../../server/fhir/adapters/adapter-for.js';
import { VERSIONS } from './fixtures.js';

const loinc = (code: string, display?: string): object => ({
  coding: [{ system: 'http://loinc.org', code, ...(display && { display }) }],
});
const mmHg = (value: number): object => ({ value, unit: 'mmHg', code: 'mm[Hg]' });

describe.each(VERSIONS)('%s vital signs', (version) => {
  const adapter = adapterFor(version);
  const vitalSigns = { coding: [{ code: 'vital-signs' }] };
  const observation = (fields: object): FhirResource => ({
    resourceType: 'Observation',
    status: 'final',
    category: version === 'DSTU2' ? vitalSigns : [vitalSigns],
    ...fields,
  });
  const bp = (effectiveDateTime: string, code: object | undefined, systolic: number, diastolic: number): FhirResource =>
    observation({
      effectiveDateTime,
      ...(code && { code }),
      component: [
        { code: loinc('8462-4'), valueQuantity: mmHg(diastolic) },
        { code: loinc('8480-6'), valueQuantity: mmHg(systolic) },
      ],
    });

  test('recognises blood pressure sent without a panel code, by its components, and names it', () => {
    const [vital] = adapter.toVitals([bp('2024-03-02', undefined, 120, 80)]);
    expect(vital).toEqual({
      code: '85354-9',
      name: 'Blood pressure',
      effective: '2024-03-02',
      components: [
        { code: '8480-6', name: 'Systolic', value: 120, unit: 'mmHg', flag: 'normal' },
        { code: '8462-4', name: 'Diastolic', value: 80, unit: 'mmHg' },
      ],
    });
  });

  test('treats 55284-4 and 85354-9 blood pressures as one vital and keeps the newest', () => {
    const vitals = adapter.toVitals([
      bp('2024-03-01T08:00:00Z', loinc('85354-9', 'BP panel'), 150, 95),
      bp('2024-03-02T08:00:00Z', loinc('55284-4', 'BP'), 118, 76),
    ]);
    expect(vitals).toHaveLength(1);
    expect(vitals[0]).toMatchObject({ code: '55284-4', components: [{ value: 118 }, { value: 76 }] });
  });

  test('names a blood pressure coded without text or display "Blood pressure", not by its code', () => {
    const [vital] = adapter.toVitals([bp('2024-03-02', loinc('85354-9'), 120, 80)]);
    expect(vital?.name).toBe('Blood pressure');
  });

  test('compares times across time zones, and an undated observation loses to a dated one', () => {
    const pulse = (effectiveDateTime: string | undefined, value: number): FhirResource =>
      observation({ code: loinc('8867-4', 'Pulse'), valueQuantity: { value }, ...(effectiveDateTime && { effectiveDateTime }) });
    const vitals = adapter.toVitals([
      pulse(undefined, 1),
      pulse('2024-03-02T09:00:00+02:00', 70), // 07:00 UTC
      pulse('2024-03-02T08:00:00Z', 90),
    ]);
    expect(vitals.map((v) => v.value)).toEqual([90]);
  });

  test('keys an observation by its LOINC coding when the server lists its own code first', () => {
    const code = { coding: [{ system: 'https://ehr.example.org/codes', code: '703535' }, { system: 'http://loinc.org', code: '8310-5' }], text: 'Temp' };
    expect(adapter.toVitals([observation({ code, valueQuantity: { value: 37 } })])[0]?.code).toBe('8310-5');
  });

  test('skips entered-in-error observations, value-less ones, and resources that are not Observations', () => {
    const vitals = adapter.toVitals([
      observation({ code: loinc('8867-4', 'Pulse'), valueQuantity: { value: 300 }, status: 'entered-in-error' }),
      observation({ code: loinc('9279-1', 'Respiratory rate'), valueCodeableConcept: { text: 'normal' } }),
      { resourceType: 'OperationOutcome', issue: [] },
      { resourceType: 'Condition', code: loinc('8867-4', 'Pulse'), valueQuantity: { value: 5 } },
      observation({ code: loinc('8867-4', 'Pulse'), valueQuantity: { value: 72 } }),
    ]);
    expect(vitals.map((v) => [v.name, v.value])).toEqual([['Pulse', 72]]);
  });

  test('keeps an observation whose category has no codes', () => {
    const uncoded = version === 'DSTU2' ? { text: 'unknown' } : [{ text: 'unknown' }];
    const vitals = adapter.toVitals([observation({ code: loinc('8867-4', 'Pulse'), valueQuantity: { value: 72 }, category: uncoded })]);
    expect(vitals).toHaveLength(1);
  });

  test('names a vital by its coding display when there is no text, and takes the unit code when there is no unit', () => {
    const [vital] = adapter.toVitals([observation({ code: loinc('29463-7', 'Body weight'), valueQuantity: { value: 70, code: 'kg' } })]);
    expect(vital).toMatchObject({ name: 'Body weight', value: 70, unit: 'kg' });
  });
});
