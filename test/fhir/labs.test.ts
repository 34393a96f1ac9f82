// Laboratory results in every FHIR version: the newest result of each configured LOINC code, flagged from the EHR's
// interpretation (one CodeableConcept in DSTU2 and STU3, a list in R4), else its reference range, else Rounds'
// defaults only when the EHR gives neither (and only in a unit they are written in); effective times carried.
// Fixtures written for this test, in each version's own shapes.
import { describe, expect, test } from 'vitest';
import { adapterFor } from '../../server/fhir/adapters/adapter-for.js';
import { DEFAULT_LAB_CODES } from '../../server/clinical/lab-ranges.js';
import type { FhirVersion } from '../../server/wire/contract.js';
import type { FhirResource } from '../../server/fhir/adapters/adapter.js';

const LOINC = 'http://loinc.org';
const CATEGORY_SYSTEM: Record<FhirVersion, string> = {
  DSTU2: 'http://hl7.org/fhir/observation-category',
  STU3: 'http://hl7.org/fhir/observation-category',
  R4: 'http://terminology.hl7.org/CodeSystem/observation-category',
};
const INTERPRETATION_SYSTEM: Record<FhirVersion, string> = {
  DSTU2: 'http://hl7.org/fhir/v2/0078',
  STU3: 'http://hl7.org/fhir/v2/0078',
  R4: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
};

function category(version: FhirVersion, code: string): unknown {
  const concept = { coding: [{ system: CATEGORY_SYSTEM[version], code }] };
  return version === 'DSTU2' ? concept : [concept];
}

function interpretation(version: FhirVersion, code: string): unknown {
  const concept = { coding: [{ system: INTERPRETATION_SYSTEM[version], code }] };
  return version === 'R4' ? [concept] : concept;
}

function lab(version: FhirVersion, code: string, value: number, unit: string, extra: Record<string, unknown> = {}): FhirResource {
  return {
    resourceType: 'Observation',
    status: 'final',
    category: category(version, 'laboratory'),
    code: { coding: [{ system: LOINC, code, display: `LOINC ${code}` }], text: `Test ${code}` },
    effectiveDateTime: '2026-12-02T05:40:00Z',
    issued: '2026-12-02T06:30:00Z',
    valueQuantity: { value, unit, system: 'http://unitsofmeasure.org', code: unit },
    ...extra,
  };
}

const range = (low: number | undefined, high: number, unit: string, text?: string): unknown[] => [
  {
    ...(low === undefined ? {} : { low: { value: low, unit } }),
    high: { value: high, unit },
    ...(text ? { text } : {}),
  },
];

describe.each(['DSTU2', 'STU3', 'R4'] as const)('labs in %s', (version) => {
  const toLabs = (observations: FhirResource[], codes: readonly string[] = DEFAULT_LAB_CODES) =>
    adapterFor(version).toLabs(observations, codes);

  test("reads the EHR's interpretation first: HH on a potassium the defaults and the range call normal", () => {
    const [potassium] = toLabs([
      lab(version, '2823-3', 4.2, 'mmol/L', {
        interpretation: interpretation(version, 'HH'),
        referenceRange: range(3.5, 5.1, 'mmol/L'),
      }),
    ]);
    expect(potassium).toMatchObject({ code: '2823-3', value: 4.2, unit: 'mmol/L', flag: 'critical-high' });
  });

  test('reads the reference range next, and keeps it as text: the EHR wins over the defaults both ways', () => {
    const labs = toLabs([
      // The defaults call K 4.8 normal; this laboratory's range ends at 4.5.
      lab(version, '2823-3', 4.8, 'mmol/L', { referenceRange: range(3.5, 4.5, 'mmol/L', '3.5-4.5 mmol/L') }),
      // The defaults call Na 146 high; this laboratory's range ends at 146.
      lab(version, '2951-2', 146, 'mmol/L', { referenceRange: range(133, 146, 'mmol/L') }),
      lab(version, '1988-5', 3, 'mg/L', { referenceRange: range(undefined, 10, 'mg/L') }),
    ]);
    expect(labs.map((l) => [l.code, l.flag, l.referenceRange])).toEqual([
      ['2951-2', 'normal', '133–146 mmol/L'],
      ['2823-3', 'high', '3.5-4.5 mmol/L'],
      ['1988-5', 'normal', '< 10 mg/L'],
    ]);
  });

  test('applies the defaults only when the EHR gives neither, and only in a unit they are written in', () => {
    const labs = toLabs([
      lab(version, '2823-3', 6.8, 'mmol/L'),
      lab(version, '2951-2', 121, 'mEq/L'),
      lab(version, '2524-7', 4.6, 'mmol/L'),
      lab(version, '718-7', 11.2, 'g/dL'),
      lab(version, '2345-7', 162, 'mg/dL'),
      lab(version, '6690-2', 7.1, '10*3/uL'),
      lab(version, '2160-0', 88, 'umol/L'),
      // Troponin in a unit the defaults do not know: no flag rather than a wrong one.
      lab(version, '10839-9', 0.5, 'IU/L'),
    ]);
    expect(labs.map((l) => [l.code, l.flag, l.referenceRange])).toEqual([
      ['718-7', 'low', undefined],
      ['6690-2', 'normal', undefined],
      ['2951-2', 'low', undefined],
      ['2823-3', 'critical-high', undefined],
      ['2160-0', 'normal', undefined],
      ['2345-7', 'high', undefined],
      ['2524-7', 'critical-high', undefined],
      ['10839-9', undefined, undefined],
    ]);
  });

  test('carries the effective time: effectiveDateTime, else the period start, else the time it was issued', () => {
    const { effectiveDateTime: _omit, ...withoutTime } = lab(version, '777-3', 210, '10*9/L');
    const labs = toLabs([
      lab(version, '718-7', 132, 'g/L'),
      { ...withoutTime, code: { coding: [{ system: LOINC, code: '777-3' }] }, effectivePeriod: { start: '2026-12-01T05:10:00Z' } },
      { ...withoutTime, code: { coding: [{ system: LOINC, code: '2951-2' }] }, valueQuantity: { value: 139, unit: 'mmol/L' } },
    ]);
    expect(labs.map((l) => [l.code, l.effective])).toEqual([
      ['718-7', '2026-12-02T05:40:00Z'],
      ['777-3', '2026-12-01T05:10:00Z'],
      ['2951-2', '2026-12-02T06:30:00Z'],
    ]);
  });

  test('keeps the newest result of each code, in the order of the codes, under the EHR name or else the table name', () => {
    const labs = toLabs(
      [
        lab(version, '2823-3', 4.1, 'mmol/L', { effectiveDateTime: '2026-11-30T06:00:00Z' }),
        lab(version, '2823-3', 6.8, 'mmol/L', { effectiveDateTime: '2026-12-02T06:00:00Z' }),
        lab(version, '2823-3', 5.0, 'mmol/L', { effectiveDateTime: '2026-12-01T06:00:00Z' }),
        { ...lab(version, '718-7', 128, 'g/L'), code: { coding: [{ system: LOINC, code: '718-7' }] } },
      ],
      ['2823-3', '718-7'],
    );
    expect(labs.map((l) => [l.name, l.value, l.effective])).toEqual([
      ['Test 2823-3', 6.8, '2026-12-02T06:00:00Z'],
      ['Haemoglobin', 128, '2026-12-02T05:40:00Z'],
    ]);
  });

  test('reads only the codes asked for, only laboratory results, and none entered in error', () => {
    const labs = toLabs(
      [
        lab(version, '2823-3', 4.1, 'mmol/L'),
        lab(version, '4544-3', 41, '%'),
        // Another system's code that looks like a LOINC code is not one.
        { ...lab(version, '2951-2', 140, 'mmol/L'), code: { coding: [{ system: 'urn:local:lab', code: '2951-2' }] } },
        { ...lab(version, '718-7', 130, 'g/L'), category: category(version, 'vital-signs') },
        { ...lab(version, '2345-7', 5.1, 'mmol/L'), status: 'entered-in-error' },
        // A server that leaves the category out: the code is what says it is a lab.
        { ...lab(version, '2524-7', 1.1, 'mmol/L'), category: undefined },
      ],
      ['2823-3', '2951-2', '718-7', '2345-7', '2524-7'],
    );
    expect(labs.map((l) => l.code)).toEqual(['2823-3', '2524-7']);
  });

  test('keeps a result given as text, with the flag its interpretation gives', () => {
    const [troponin, crp] = toLabs(
      [
        lab(version, '10839-9', 0.01, 'ng/mL', { valueQuantity: { value: 0.01, unit: 'ng/mL', comparator: '<' } }),
        {
          ...lab(version, '1988-5', 0, ''),
          valueQuantity: undefined,
          valueString: 'Haemolysed, repeat',
          interpretation: interpretation(version, 'H'),
        },
        // Ordered, not resulted yet: nothing to show.
        { ...lab(version, '2951-2', 0, ''), valueQuantity: undefined, status: 'registered' },
      ],
      ['10839-9', '1988-5', '2951-2'],
    );
    expect(troponin).toMatchObject({ value: 0.01, text: '<0.01', flag: 'normal' });
    expect(crp).toMatchObject({ text: 'Haemolysed, repeat', flag: 'high' });
    expect(crp?.value).toBeUndefined();
  });

  test('reads junk as nothing rather than throwing', () => {
    const junk = [null, 7, 'Observation', { resourceType: 'Observation' }, { resourceType: 'Observation', code: 'x', valueQuantity: [] }];
    expect(toLabs(junk as unknown as FhirResource[])).toEqual([]);
    expect(adapterFor(version).toLabs(null as unknown as FhirResource[], DEFAULT_LAB_CODES)).toEqual([]);
    expect(adapterFor(version).toLabs([lab(version, '2823-3', 4, 'mmol/L')], null as unknown as string[])).toEqual([]);
  });
});
