// Rounds' default lab table: the ten default LOINC codes, LOINC's check digit, unit spellings, and the default
// flags at the edges of each range (a border value is inside: "135-145" takes 135 and 145 as normal).
import { describe, expect, test } from 'vitest';
import { DEFAULT_LAB_CODES, LAB_DEFINITIONS, defaultLabFlag, isLoincCode, normaliseUnit } from '../../server/clinical/lab-ranges.js';

describe('the default lab table', () => {
  test('names the ten common labs by their usual LOINC codes, in the order a round reads them', () => {
    expect(DEFAULT_LAB_CODES).toEqual(['718-7', '6690-2', '777-3', '2951-2', '2823-3', '2160-0', '2345-7', '1988-5', '2524-7', '10839-9']);
    expect(LAB_DEFINITIONS.map((lab) => lab.name)).toEqual([
      'Haemoglobin',
      'White cells',
      'Platelets',
      'Sodium',
      'Potassium',
      'Creatinine',
      'Glucose',
      'CRP',
      'Lactate',
      'Troponin I',
    ]);
  });

  test('writes every code with a right LOINC check digit, and each code once', () => {
    const codes = LAB_DEFINITIONS.flatMap((lab) => lab.codes);
    expect(codes.filter((code) => !isLoincCode(code))).toEqual([]);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe('LOINC codes', () => {
  test('are digits, a hyphen and the mod-10 check digit', () => {
    for (const code of ['718-7', '2823-3', '10839-9', '85354-9', '8480-6', '59408-5', '4544-3']) expect(isLoincCode(code), code).toBe(true);
    for (const code of ['2823-4', '718-0', '2823', '2823-33', 'K', '', ' 2823-3', '2823-3 ', 'LP7479-1']) expect(isLoincCode(code), code).toBe(false);
  });
});

describe('unit spellings', () => {
  test('read the same whatever the case, spaces, µ or the way ten to the ninth is written', () => {
    for (const unit of ['10*9/L', '10^9/L', '×10⁹/L', 'x10e9/L', '10E9/l']) expect(normaliseUnit(unit), unit).toBe('10*9/l');
    expect(normaliseUnit('µmol/L')).toBe('umol/l');
    expect(normaliseUnit('μmol/L')).toBe('umol/l');
    expect(normaliseUnit('mEq/L')).toBe('meq/l');
    expect(normaliseUnit('10*3/uL')).toBe('10*3/ul');
    expect(normaliseUnit(' g / dL ')).toBe('g/dl');
  });
});

describe('default lab flags', () => {
  test('sodium and potassium: normal at the edges, critical beyond the critical limits', () => {
    expect([119, 120, 134, 135, 145, 146, 160, 161].map((v) => defaultLabFlag('2951-2', v, 'mmol/L'))).toEqual([
      'critical-low',
      'low',
      'low',
      'normal',
      'normal',
      'high',
      'high',
      'critical-high',
    ]);
    expect([2.4, 2.5, 3.4, 3.5, 5.0, 5.1, 6.5, 6.8].map((v) => defaultLabFlag('2823-3', v, 'mEq/L'))).toEqual([
      'critical-low',
      'low',
      'low',
      'normal',
      'normal',
      'high',
      'high',
      'critical-high',
    ]);
  });

  test('go by the unit: each unit with its own figures, and nothing for a unit the table does not know', () => {
    expect(defaultLabFlag('718-7', 125, 'g/L')).toBe('normal');
    expect(defaultLabFlag('718-7', 11.8, 'g/dL')).toBe('low');
    expect(defaultLabFlag('718-7', 125, 'g/dL')).toBe('high');
    expect(defaultLabFlag('718-7', 7.5, 'mmol/L')).toBeUndefined();
    expect(defaultLabFlag('2160-0', 1.3, 'mg/dL')).toBe('high');
    expect(defaultLabFlag('2160-0', 115, 'µmol/L')).toBe('high');
    expect(defaultLabFlag('2345-7', 70, 'mg/dL')).toBe('normal');
    expect(defaultLabFlag('2345-7', 2.1, 'mmol/L')).toBe('critical-low');
    expect(defaultLabFlag('2345-7', 26, 'mmol/L')).toBe('critical-high');
    expect(defaultLabFlag('6690-2', 11.5, 'K/uL')).toBe('high');
    expect(defaultLabFlag('777-3', 140, '10*9/L')).toBe('low');
    expect(defaultLabFlag('2823-3', 4, undefined)).toBeUndefined();
  });

  test('CRP and troponin have an upper limit only; lactate is critical above 4 mmol/L', () => {
    expect([0, 5, 5.1].map((v) => defaultLabFlag('1988-5', v, 'mg/L'))).toEqual(['normal', 'normal', 'high']);
    expect(defaultLabFlag('1988-5', 0.6, 'mg/dL')).toBe('high');
    expect([0.04, 0.05].map((v) => defaultLabFlag('10839-9', v, 'ng/mL'))).toEqual(['normal', 'high']);
    expect([40, 41].map((v) => defaultLabFlag('10839-9', v, 'ng/L'))).toEqual(['normal', 'high']);
    expect([0.4, 2.0, 2.1, 4.0, 4.6].map((v) => defaultLabFlag('2524-7', v, 'mmol/L'))).toEqual(['low', 'normal', 'high', 'high', 'critical-high']);
  });

  test('apply to the alternate codes of a lab, and to no code outside the table', () => {
    expect(defaultLabFlag('6298-4', 6.6, 'mmol/L')).toBe('critical-high');
    expect(defaultLabFlag('14682-9', 140, 'umol/L')).toBe('high');
    expect(defaultLabFlag('4544-3', 20, '%')).toBeUndefined();
    expect(defaultLabFlag(undefined, 4, 'mmol/L')).toBeUndefined();
  });
});
